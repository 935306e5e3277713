package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.JobDatabaseSchema;

/** Appending to the outcome chain from several connections at once, and what a rollback leaves. */
class OutcomeChainTest {

    @TempDir
    Path dir;

    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private OutcomeRepository outcomes;

    @BeforeEach
    void open() throws Exception {
        JobDatabase database = JobDatabase.h2File(dir.resolve("jobs"));
        dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        new JobDatabaseSchema(dataSource).afterPropertiesSet();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outcomes = new OutcomeRepository(jdbc, Clock.systemDefaultZone());
    }

    @AfterEach
    void close() {
        jdbc.execute("SHUTDOWN");
    }

    private static List<ItemOutcome> rows(long firstSeq, int count) {
        return LongStream.range(firstSeq, firstSeq + count)
                .mapToObj(seq -> new ItemOutcome(seq, seq + 1, "user" + seq + "@example.test", "id-" + seq, Outcome.DELETED,
                        Reasons.REMOVED, 204, "deleted"))
                .toList();
    }

    private ChainVerification verify() {
        return transaction.execute(status -> new ChainVerifier(jdbc).verify());
    }

    @Test
    void writersOnSeveralConnectionsAppendOneAtATimeAndTheChainVerifies() throws Exception {
        int writers = 4;
        int chunks = 25;
        int chunkSize = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long instance = w + 1;
                done.add(pool.submit(() -> {
                    for (int c = 0; c < chunks; c++) {
                        long firstSeq = (long) c * chunkSize + 1;
                        transaction.executeWithoutResult(status -> outcomes.record(instance, instance * 10, rows(firstSeq, chunkSize)));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) writers * chunks * chunkSize;
        assertThat(jdbc.queryForList("SELECT OUTCOME_ID FROM PURGE_OUTCOME ORDER BY OUTCOME_ID", Long.class))
                .as("the head hands out every outcome id once, without gaps")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(verify()).isInstanceOfSatisfying(ChainVerification.Intact.class, intact -> {
            assertThat(intact.rows()).isEqualTo(total);
            assertThat(intact.head().outcomeId()).isEqualTo(total);
        });
    }

    @Test
    void aRolledBackChunkLeavesNeitherRowsNorAMovedHead() {
        transaction.executeWithoutResult(status -> outcomes.record(1, 1, rows(1, 3)));
        transaction.executeWithoutResult(status -> {
            outcomes.record(1, 1, rows(4, 3));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> outcomes.record(1, 2, rows(4, 2)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_OUTCOME", Long.class)).isEqualTo(5);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerification.Intact.class,
                intact -> assertThat(intact.rows()).isEqualTo(5));
    }

    @Test
    void recordingOutsideATransactionIsRefusedBecauseTheLockWouldNotHold() {
        assertThatThrownBy(() -> outcomes.record(1, 1, rows(1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_OUTCOME", Long.class)).isZero();
    }

    @Test
    void anEmptyChainVerifiesAndTheSchemaScriptCanRunAgain() throws Exception {
        new JobDatabaseSchema(dataSource).afterPropertiesSet();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_OUTCOME_CHAIN_HEAD", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_OUTCOME_CHAIN_ANCHOR", Long.class)).isEqualTo(1);
        assertThat(verify()).isInstanceOfSatisfying(ChainVerification.Intact.class,
                intact -> assertThat(intact.rows()).isZero());
    }
}
