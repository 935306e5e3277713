package dev.scimpurge.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many rows the remove step commits at a time (over real HTTP: {@code RemovalChunksTest}). */
class RemovalChunkSizeTest {

    private static final Duration GRACE = Duration.ofSeconds(25);

    private static Throughput throughput(int concurrency, double rate) {
        return new Throughput(concurrency, rate, 1, 3, Throughput.Lookup.AUTO, Throughput.Bulk.AUTO);
    }

    @ParameterizedTest(name = "concurrency {0}: {1} rows")
    @CsvSource({"1, 20", "2, 20", "3, 24", "4, 32", "8, 64", "16, 128", "32, 256", "48, 240", "100, 200", "256, 256"})
    void unpacedItIsEightRequestsPerWorkerAtLeastTwentyAtMost256InWholeRounds(int concurrency, int rows) {
        RemovalChunkSize size = RemovalChunkSize.of(null, throughput(concurrency, 0), GRACE);

        assertThat(size.rows()).isEqualTo(rows);
        assertThat(size.rows() % concurrency).as("whole rounds: every worker busy until the chunk ends").isZero();
    }

    @ParameterizedTest(name = "concurrency {0} at {1}/s: {2} rows")
    @CsvSource({"4, 3, 16", "8, 3, 16", "8, 48, 64", "8, 8, 48", "4, 0.5, 3", "8, 0.2, 1"})
    void underARateAChunkTakesAtMostHalfTheShutdownGraceAtTwoRequestsARow(int concurrency, double rate, int rows) {
        RemovalChunkSize size = RemovalChunkSize.of(null, throughput(concurrency, rate), GRACE);

        assertThat(size.rows()).isEqualTo(rows);
        assertThat(size.rows() * 2 / rate).as("seconds per chunk").isLessThanOrEqualTo(GRACE.toSeconds() / 2.0);
    }

    @Test
    void anExplicitChunkSizeIsUsedAsItIs() {
        assertThat(RemovalChunkSize.of(7, throughput(8, 3), GRACE).rows()).isEqualTo(7);
        assertThat(RemovalChunkSize.of(1000, throughput(8, 0), GRACE).rows()).isEqualTo(1000);
        assertThatThrownBy(() -> RemovalChunkSize.of(0, throughput(8, 0), GRACE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scim-purge.job.chunk-size");
    }
}
