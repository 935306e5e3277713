package dev.scimpurge.job.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ConsoleLog;
import dev.scimpurge.support.Poll;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;

/**
 * What the operator gives when continuing a run that bears on who is removed (the protect list, the
 * profile's protections, the guard limits) applies to every row not removed yet: the guards are checked
 * again at the start of every execution, never only at the first.
 */
class GuardsAtContinuationTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(40).withDeactivatedFraction(0.5).withToken("g"), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", "g");
        url = sandbox.baseUrl().toString();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Path csvOf(int from, int to) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(String.format("user%05d@example.test%n", i));
        }
        return workspace.file("users-" + from + "-" + to + ".csv", csv.toString());
    }

    private static void append(Path file, String lines) throws Exception {
        Files.writeString(file, lines, StandardOpenOption.APPEND);
    }

    @Test
    void aProtectListEditedAfterARefusalProtectsTheAccountsAtTheContinuation() throws Exception {
        Path csv = csvOf(1, 6);
        Path protect = workspace.file("protect.txt", "# nobody yet\n");

        CliResult refused = workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(), "--max-deletes", "3");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);

        append(protect, "user00002@example.test\nuser00004@example.test\n");
        ConsoleLog<CliResult> log = ConsoleLog.capture(() ->
                workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(), "--max-deletes", "10"));
        CliResult continued = log.result();

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().byEmail("user00002@example.test")).as("protected at the continuation").isPresent();
        assertThat(sandbox.directory().byEmail("user00004@example.test")).as("protected at the continuation").isPresent();
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.startsWith("DELETE") && (l.contains(idOf(2)) || l.contains(idOf(4))));
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 4L, "PROTECTED", 2L));
        assertThat(continued.out()).containsPattern("protected\\s+2");
        assertThat(log.text()).contains("2 planned accounts are protected now");
    }

    private String idOf(int user) {
        return sandbox.directory().byEmail(String.format("user%05d@example.test", user)).map(SandboxUser::id)
                .orElseThrow(() -> new AssertionError("user " + user + " is gone"));
    }

    @Test
    void aLowerLimitAtTheContinuationAppliesToTheRowsNotRemovedYet() throws Exception {
        Path protect = workspace.file("protect.txt", "");
        List<String> arguments = killedPartWay(protect);
        int remaining = sandbox.directory().deactivated().size();
        int deletesBefore = sandbox.requests().count("DELETE");

        CliResult refused = continueWith(arguments, "--max-deletes", String.valueOf(remaining - 1));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).containsPattern("\\d+ accounts would be deleted, more than --max-deletes " + (remaining - 1));
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(deletesBefore);

        CliResult raised = continueWith(arguments, "--max-deletes", String.valueOf(remaining + 2));
        assertThat(raised.exitCode()).as(raised.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    /** Starts a --deactivated purge in another JVM, in chunks of 2 rows, and kills it after its third removal. */
    private List<String> killedPartWay(Path protect) throws Exception {
        sandbox.faults().latency(Duration.ofMillis(40));
        Path smallChunks = workspace.file("chunks.yml", "scim-purge:\n  job:\n    chunk-size: 2\n");
        List<String> arguments = workspace.purgeArguments("--url", url, "--deactivated", "--protect", protect.toString(),
                "--concurrency", "1", "--config", smallChunks.toString());
        try (ScimPurgeProcess first = workspace.startInAnotherJvm("first", arguments)) {
            Poll.until("the first run removes some users", Duration.ofSeconds(60),
                    () -> sandbox.requests().count("DELETE") >= 3 || !first.isAlive());
            first.kill();
        }
        assertThat(sandbox.directory().deactivated()).as("the kill left users to remove").hasSizeGreaterThan(4);
        return arguments;
    }

    /** The same purge command again, in this JVM, with more options. */
    private CliResult continueWith(List<String> arguments, String... more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return workspace.run(all.toArray(String[]::new));
    }

    /** An account is protected by any of its addresses, not only the one the input names. */
    @Test
    void anAccountIsProtectedByAnyOfItsAddresses() {
        sandbox.directory().add(new SandboxUser("two-names", "jane.doe@example.test",
                List.of("jdoe@example.test", "jane.doe@example.test"), false, "Registered", List.of()));
        Path csv = workspace.file("alias.csv", "jdoe@example.test\n");
        Path protect = workspace.file("protect.txt", "JANE.DOE@example.test\n");

        CliResult byCsv = workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(), "--lookup", "filter");
        CliResult byDirectory = workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(),
                "--lookup", "directory", "--run-id", "2");
        CliResult deactivated = workspace.purge("--url", url, "--deactivated", "--protect", protect.toString());

        assertThat(List.of(byCsv, byDirectory, deactivated)).allSatisfy(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
        assertThat(sandbox.directory().contains("two-names")).isTrue();
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.startsWith("DELETE") && l.contains("two-names"));
        assertThat(workspace.outcomeRows()).filteredOn(r -> r.contains("jdoe@example.test") || r.contains("jane.doe@example.test"))
                .hasSize(3).allMatch(r -> r.contains("|PROTECTED|protected|"));
    }

    /**
     * A run stopped part-way through its removals (here: killed) and continued with a longer protect list
     * removes none of the newly protected accounts that were still to go.
     */
    @Test
    void aRunContinuedAfterAKillAppliesTheProtectListAsItIsNow() throws Exception {
        Path protect = workspace.file("protect.txt", "");
        List<String> arguments = killedPartWay(protect);
        List<SandboxUser> remaining = sandbox.directory().deactivated();
        SandboxUser last = remaining.get(remaining.size() - 1);
        SandboxUser secondToLast = remaining.get(remaining.size() - 2);
        Files.writeString(protect, last.emails().get(0) + "\n" + secondToLast.id() + "\n");

        CliResult continued = continueWith(arguments);

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).extracting(SandboxUser::id).containsExactlyInAnyOrder(last.id(), secondToLast.id());
        assertThat(workspace.outcomeCounts()).containsEntry("PROTECTED", 2L);
    }

    /**
     * A removal that an interrupted execution sent before the account was protected may have happened: the row is
     * not called protected (nor sent again), but reported for someone to check.
     */
    @Test
    void anAccountProtectedAfterItsRemovalWasSentIsReportedNotCalledProtected() {
        Path csv = csvOf(1, 4);
        Path protect = workspace.file("protect.txt", "");
        CliResult refused = workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(), "--max-deletes", "1");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        long instance = workspace.count("SELECT MAX(JOB_INSTANCE_ID) FROM PURGE_CANDIDATE");
        long seq = workspace.count("SELECT MIN(SEQ) FROM PURGE_CANDIDATE WHERE ACCOUNT_ID = '" + idOf(3) + "'");
        // as an execution killed after logging the attempt and before recording the outcome leaves it
        workspace.sql("INSERT INTO PURGE_REMOVAL_ATTEMPT (JOB_INSTANCE_ID, SEQ, ACCOUNT_ID, JOB_EXECUTION_ID, SENT_AT) "
                + "VALUES (?, ?, ?, 1, CURRENT_TIMESTAMP)", instance, seq, idOf(3));
        workspace.file("protect.txt", "user00003@example.test\n");

        CliResult continued = workspace.purge("--url", url, "--csv", csv.toString(), "--protect", protect.toString(), "--max-deletes", "10");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.startsWith("DELETE") && l.contains(idOf(3)));
        assertThat(workspace.outcomeRows()).anyMatch(r -> r.startsWith("3|user00003@example.test|FAILED|protected_after_sending|"));
        assertThat(workspace.latestReport().toString()).contains("protected_after_sending");
    }
}
