package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import dev.scimpurge.support.JobStore;
import dev.scimpurge.support.ScimPurgeProcess;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * history, audit and audit verify while a purge runs in another JVM. On H2 the purge holds the
 * default file (--db) and they reach it through H2's auto server, which must listen on loopback
 * only; on PostgreSQL they read beside it, the purge's open transactions unseen.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class ReadWhilePurgeRunsTest {

    private static final int USERS = 600;
    private static final String TOKEN = "concurrent-token-91c2";

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private ScimPurgeProcess purge;

    @AfterEach
    void stop() throws InterruptedException {
        if (purge != null && purge.isAlive()) {
            purge.kill();
        }
        sandbox.close();
    }

    @Test
    void readsARunningPurgesDatabaseThroughALoopbackOnlyServer() throws Exception {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(1.0)
                .withLatency(Duration.ofMillis(15)).withToken(TOKEN), 0);
        Workspace workspace = new Workspace(dir, store()).env("SCIM_TOKEN", TOKEN);
        purge = workspace.startInAnotherJvm("purge", workspace.purgeArguments("--url", sandbox.baseUrl().toString(), "--deactivated",
                "--max-deletes", String.valueOf(USERS)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sandbox.requests().count("DELETE") < 100 && purge.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(purge.isAlive()).as("the purge is still running").isTrue();

        if (database == JobDatabaseKind.H2) {
            assertTheAutoServerListensOnLoopbackOnly(workspace.database().resolveSibling("jobs.lock.db"));
        }

        JsonNode running = history(workspace).get(0);
        assertThat(running.get("status").asString()).isIn("STARTING", "STARTED");
        assertThat(running.get("end").isNull()).isTrue();
        assertThat(running.get("deleted").asLong()).isBetween(1L, USERS - 1L);
        assertThat(running.get("report").isNull()).isTrue();

        CliResult audit = workspace.onDatabase(List.of("audit"), "--format", "csv");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out().split("\r\n").length).isGreaterThan(1);

        CliResult verify = workspace.onDatabase(List.of("audit", "verify"));
        assertThat(verify.exitCode()).as("rows appended while verifying are left for later: " + verify).isEqualTo(ExitCodes.SUCCESS);

        assertThat(purge.awaitExit(Duration.ofSeconds(120))).as(purge.output()).isEqualTo(ExitCodes.SUCCESS);

        JsonNode completed = history(workspace).get(0);
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.get("deleted").asLong()).isEqualTo(USERS);
        CliResult verifyAfter = workspace.onDatabase(List.of("audit", "verify"));
        assertThat(verifyAfter.out()).contains("intact: " + USERS + " rows verified");
        assertThat(audit.all() + verify.all() + verifyAfter.all()).doesNotContain(TOKEN);
    }

    /** H2 as an operator names it, the default file given with --db; PostgreSQL with --db-url and credentials in the environment. */
    private JobStore store() {
        return database == JobDatabaseKind.H2 ? JobStore.h2File(dir.resolve("db/jobs")) : database.create(dir);
    }

    private static JsonNode history(Workspace workspace) {
        CliResult history = workspace.onDatabase(List.of("history"), "--format", "json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode runs = JsonMapper.builder().build().readTree(history.out());
        assertThat(runs).hasSize(1);
        return runs;
    }

    /**
     * The lock file tells clients where the server is; the kernel's socket table (Linux) tells
     * on which address it listens. Nothing is sent to a non-loopback address to find out.
     */
    private static void assertTheAutoServerListensOnLoopbackOnly(Path lockFile) throws Exception {
        Properties lock = new Properties();
        try (Reader reader = Files.newBufferedReader(lockFile)) {
            lock.load(reader);
        }
        String server = lock.getProperty("server");
        String host = server.substring(0, server.lastIndexOf(':'));
        assertThat(java.net.InetAddress.getAllByName(host)).as("the lock file's server address " + server)
                .allMatch(java.net.InetAddress::isLoopbackAddress);
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        List<String> listening = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path socketTable = Path.of(table);
            if (Files.isReadable(socketTable)) {
                Files.readAllLines(socketTable).stream().skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A"))
                        .forEach(f -> listening.add(f[1].substring(0, f[1].length() - portHex.length())));
            }
        }
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no Linux socket table to look at");
        // 127.0.0.1, as IPv4 or IPv4-mapped IPv6 (Java's dual-stack sockets), or ::1; never a wildcard.
        assertThat(listening).as("the addresses listening on port " + port).isNotEmpty()
                .allMatch(address -> List.of("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000")
                        .contains(address));
    }
}
