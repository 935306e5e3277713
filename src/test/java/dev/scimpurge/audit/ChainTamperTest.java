package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;

/** {@code audit verify} after real purges, and after someone edited the outcome table with SQL. */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class ChainTamperTest {

    @Parameter
    JobDatabaseKind database;


    private static final List<String> VERIFY = List.of("audit", "verify");

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void purge() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(60).withDeactivatedFraction(0.5).withToken("t"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "t");
        sandbox.faults().failUser("user00003@example.test", 500, "Adjust role to User before deleting");
        Path csv = workspace.file("u.csv", "user00003@example.test\nnobody@example.test\nuser00001@example.test\nuser00001@example.test\n");
        assertThat(workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", csv.toString()).exitCode()).isEqualTo(ExitCodes.ITEMS_FAILED);
        sandbox.faults().clearUserFailures();
        assertThat(workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated").exitCode()).isEqualTo(ExitCodes.SUCCESS);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private long rows() {
        return workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME");
    }

    private long idOf(String outcome) {
        return workspace.queryValue(Long.class, "SELECT MIN(OUTCOME_ID) FROM PURGE_OUTCOME WHERE OUTCOME = ?", outcome);
    }

    @Test
    void realPurgesLeaveAnIntactChain() {
        CliResult verify = workspace.onDatabase(VERIFY);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(rows()).isGreaterThan(25);
        assertThat(verify.out()).contains("The outcome chain is intact: " + rows() + " rows verified.")
                .containsPattern("head\\s+outcome id " + rows() + ", hash [0-9a-f]{64}");
        assertThat(workspace.queryValue(Long.class, "SELECT COUNT(*) FROM PURGE_OUTCOME WHERE ROW_HASH IS NULL")).isZero();
    }

    @Test
    void aFailureEditedIntoADeletionIsNamed() {
        long failed = idOf("FAILED");
        workspace.sql("UPDATE PURGE_OUTCOME SET OUTCOME = 'DELETED', REASON = 'removed', HTTP_STATUS = 204 WHERE OUTCOME_ID = ?", failed);

        CliResult verify = workspace.onDatabase(VERIFY);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(verify.out()).contains("does NOT verify at outcome id " + failed + " (execution 1, input \"user00003@example.test\")")
                .contains("this row was changed").contains((failed - 1) + " rows before it verify");
    }

    @Test
    void anyChangedFieldIsNamedEvenTheTimeOrTheMessage() {
        long notFound = idOf("NOT_FOUND");
        workspace.sql("UPDATE PURGE_OUTCOME SET RECORDED_AT = RECORDED_AT + INTERVAL '1' SECOND WHERE OUTCOME_ID = ?", notFound);
        assertThat(workspace.onDatabase(VERIFY).out()).contains("at outcome id " + notFound + " ");

        workspace.sql("UPDATE PURGE_OUTCOME SET RECORDED_AT = RECORDED_AT - INTERVAL '1' SECOND WHERE OUTCOME_ID = ?", notFound);
        assertThat(workspace.onDatabase(VERIFY).exitCode()).as("undoing the change restores the chain").isEqualTo(ExitCodes.SUCCESS);

        long last = rows();
        workspace.sql("UPDATE PURGE_OUTCOME SET MESSAGE = MESSAGE || ' ' WHERE OUTCOME_ID = ?", last);
        assertThat(workspace.onDatabase(VERIFY).out()).contains("at outcome id " + last + " ");
    }

    @Test
    void aDeletedRowIsNoticedAtTheRowAfterIt() {
        long failed = idOf("FAILED");
        workspace.sql("DELETE FROM PURGE_OUTCOME WHERE OUTCOME_ID = ?", failed);

        CliResult verify = workspace.onDatabase(VERIFY);

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(verify.out()).contains("at outcome id " + (failed + 1) + " ").contains("a row before it was changed or removed");
    }

    @Test
    void rowsRemovedFromTheEndAreNoticedThroughTheHead() {
        long last = rows();
        workspace.sql("DELETE FROM PURGE_OUTCOME WHERE OUTCOME_ID >= ?", last - 1);

        CliResult verify = workspace.onDatabase(VERIFY);

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(verify.out()).contains("records outcome id " + last + " as the last row, but the rows end at " + (last - 2))
                .contains("removed from the end");
    }

    @Test
    void aRowWrittenPastTheChainOrARecomputedHashIsNoticed() {
        long last = rows();
        workspace.sql("""
                INSERT INTO PURGE_OUTCOME (OUTCOME_ID, JOB_INSTANCE_ID, JOB_EXECUTION_ID, SEQ, INPUT_VALUE, OUTCOME, RECORDED_AT)
                VALUES (?, 1, 1, 999, 'forged@example.test', 'DELETED', CURRENT_TIMESTAMP)""", last + 1);
        CliResult forged = workspace.onDatabase(VERIFY);
        assertThat(forged.exitCode()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(forged.out()).contains("at outcome id " + (last + 1) + " (execution 1, input \"forged@example.test\")")
                .contains("beyond the chain's head");

        workspace.sql("DELETE FROM PURGE_OUTCOME WHERE OUTCOME_ID = ?", last + 1);
        workspace.sql("UPDATE PURGE_OUTCOME SET ROW_HASH = ? WHERE OUTCOME_ID = 2", "ab".repeat(32));
        assertThat(workspace.onDatabase(VERIFY).out()).contains("at outcome id 2 ");

        workspace.sql("UPDATE PURGE_OUTCOME SET ROW_HASH = NULL WHERE OUTCOME_ID = 2");
        assertThat(workspace.onDatabase(VERIFY).out()).contains("at outcome id 2 ").contains("has no ROW_HASH");
    }

    @Test
    void aTamperedHeadOrAnchorIsNoticed() {
        workspace.sql("UPDATE PURGE_OUTCOME_CHAIN_HEAD SET LAST_HASH = ?", "cd".repeat(32));
        assertThat(workspace.onDatabase(VERIFY).out()).contains("does not hold the last row's hash");

        workspace.sql("UPDATE PURGE_OUTCOME_CHAIN_ANCHOR SET LAST_PRUNED_HASH = 'not a hash'");
        CliResult verify = workspace.onDatabase(VERIFY);
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.CHAIN_BROKEN);
        assertThat(verify.out()).contains("anchor").contains("no valid hash");
    }
}
