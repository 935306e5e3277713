package dev.scimpurge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxPersonality;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/** --provider anaplan: token login and renewal, PATCH removal from a Users export, never a DELETE. */
class AnaplanProviderTest {

    @TempDir
    Path dir;

    private SandboxScimServer anaplan;

    @AfterEach
    void stop() {
        anaplan.close();
    }

    private void start(SandboxSettings settings) {
        anaplan = SandboxScimServer.start(settings.withPersonality(SandboxPersonality.ANAPLAN)
                .withAnaplanCredentials("ops@example.test", "s3cret-pw"), 0);
    }

    private Workspace workspace() {
        return new Workspace(dir).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "s3cret-pw");
    }

    /** An export of a model's Users tab: a header, the id in "User ID". */
    private Path usersExport(Workspace workspace, List<SandboxUser> users) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,User ID,Workspace\n");
        for (SandboxUser user : users) {
            csv.append("A,B,").append(user.emails().isEmpty() ? "" : user.emails().get(0)).append(',').append(user.id()).append(",ws\n");
        }
        return workspace.file("Users.csv", csv.toString());
    }

    private CliResult purge(Workspace workspace, Path csv, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--provider", "anaplan", "--url", anaplan.siteUrl().toString(),
                "--auth-url", anaplan.siteUrl().toString(), "--csv", csv.toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    @Test
    void removesWorkspaceAccessAndDisablesByIdWithoutLookupsOrDeletes() {
        start(SandboxSettings.defaults().withUsers(12));
        Workspace workspace = workspace();
        List<SandboxUser> targets = anaplan.directory().all().subList(0, 4);

        CliResult result = purge(workspace, usersExport(workspace, targets));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        for (SandboxUser target : targets) {
            SandboxUser now = anaplan.directory().find(target.id()).orElseThrow();
            assertThat(now.active()).isFalse();
            assertThat(now.entitlements()).isEmpty();
        }
        assertThat(anaplan.directory().all().subList(4, 12)).allMatch(u -> !u.entitlements().isEmpty());
        assertThat(anaplan.requests().count("DELETE")).isZero();
        assertThat(anaplan.requests().lines()).as("no lookup: the one plain listing is the check of the target before the run")
                .filteredOn(l -> l.startsWith("GET /scim/1/0/v2/Users?")).containsExactly("GET /scim/1/0/v2/Users?startIndex=1&count=1");
        assertThat(anaplan.requests().count("PATCH")).isEqualTo(4);
        assertThat(result.out()).contains("removed").doesNotContain("s3cret-pw");
    }

    @Test
    void disableOnlyKeepsTheWorkspaces() {
        start(SandboxSettings.defaults().withUsers(5));
        Workspace workspace = workspace();
        SandboxUser target = anaplan.directory().all().get(0);

        CliResult result = purge(workspace, usersExport(workspace, List.of(target)), "--anaplan-action", "disable");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        SandboxUser now = anaplan.directory().find(target.id()).orElseThrow();
        assertThat(now.active()).isFalse();
        assertThat(now.entitlements()).isEqualTo(target.entitlements());
    }

    @Test
    void aTokenThatExpiresMidRunIsRenewedWithoutLosingTheItemInFlight() throws Exception {
        start(SandboxSettings.defaults().withUsers(40).withLatency(Duration.ofMillis(15)));
        Workspace workspace = workspace();
        List<SandboxUser> targets = anaplan.directory().all().subList(0, 30);
        CompletableFuture<Void> expirer = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (anaplan.requests().count("PATCH") < 10 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            anaplan.faults().expireTokens();
        });

        CliResult result = purge(workspace, usersExport(workspace, targets));
        expirer.get(30, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(targets).allMatch(t -> !anaplan.directory().find(t.id()).orElseThrow().active());
        assertThat(anaplan.requests().lines()).filteredOn(l -> l.contains("/token/authenticate")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 30L));
    }

    @Test
    void concurrentWorkersShareShortLivedTokensAndRenewEachOnce() {
        Duration lifetime = Duration.ofSeconds(3);
        start(SandboxSettings.defaults().withUsers(450).withLatency(Duration.ofMillis(50)).withTokenLifetime(lifetime));
        Workspace workspace = workspace();
        List<SandboxUser> targets = anaplan.directory().all().subList(0, 400);

        long started = System.nanoTime();
        CliResult result = purge(workspace, usersExport(workspace, targets), "--concurrency", "8");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 400L));
        assertThat(targets).allMatch(t -> !anaplan.directory().find(t.id()).orElseThrow().active());
        List<String> tokenRequests = anaplan.requests().lines().stream().filter(l -> l.contains("/token/")).toList();
        assertThat(tokenRequests).filteredOn(l -> l.contains("/token/authenticate")).as("one login, then refreshes only").hasSize(1);
        // A token is renewed after three quarters of its lifetime, by one worker for all of them.
        long renewalsAtMost = elapsed.toMillis() / (lifetime.toMillis() * 3 / 4) + 1;
        assertThat(tokenRequests).filteredOn(l -> l.contains("/token/refresh")).as("refreshes in %s", elapsed)
                .isNotEmpty().hasSizeLessThanOrEqualTo((int) renewalsAtMost);
    }

    @Test
    void wrongCredentialsStopTheRunWithoutEchoingThePassword() {
        start(SandboxSettings.defaults().withUsers(3));
        Workspace workspace = new Workspace(dir).env("ANAPLAN_USER", "ops@example.test").env("ANAPLAN_PASSWORD", "wrong-pw-123");

        CliResult result = purge(workspace, usersExport(workspace, anaplan.directory().all().subList(0, 1)));

        assertThat(result.exitCode()).as("refused before the run starts: a configuration error").isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Anaplan authentication for ops@example.test failed (HTTP 401")
                .contains("ANAPLAN_USER and ANAPLAN_PASSWORD, or --credentials-file");
        assertThat(result.all()).doesNotContain("wrong-pw-123");
        assertThat(anaplan.requests().count("PATCH")).isZero();
    }

    private CliResult purgeDeactivated(Workspace workspace) {
        return workspace.purge("--provider", "anaplan", "--url", anaplan.siteUrl().toString(),
                "--auth-url", anaplan.siteUrl().toString(), "--deactivated", "--anaplan-action", "remove-workspaces");
    }

    @Test
    void activeSentAsTheStringsTrueAndFalseIsReadSoADeactivatedRunFindsItsUsers() {
        start(SandboxSettings.defaults().withUsers(20));
        List<SandboxUser> deactivated = anaplan.directory().all().stream().filter(u -> !u.active()).toList();
        assertThat(deactivated).isNotEmpty();
        assertThat(deactivated).allMatch(u -> !u.entitlements().isEmpty());

        CliResult result = purgeDeactivated(workspace());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivated).allMatch(u -> anaplan.directory().find(u.id()).orElseThrow().entitlements().isEmpty());
        assertThat(anaplan.requests().count("PATCH")).isEqualTo(deactivated.size());
        assertThat(anaplan.directory().all()).filteredOn(SandboxUser::active).allMatch(u -> !u.entitlements().isEmpty());
    }

    @Test
    void addressesAreLookedUpByUserNameOnlyNeverByTheUndocumentedEmailsValue() {
        start(SandboxSettings.defaults().withUsers(8));
        SandboxUser target = anaplan.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
        Path csv = workspace().file("leavers.csv", "Email\n" + target.userName() + "\nnobody@example.test\n");

        CliResult result = purge(workspace(), csv, "--lookup", "filter");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(anaplan.directory().find(target.id()).orElseThrow().active()).isFalse();
        assertThat(workspace().outcomeRows()).anyMatch(row -> row.contains("nobody@example.test|NOT_FOUND|email_not_found"));
        assertThat(anaplan.requests().lines()).filteredOn(l -> l.contains("filter=")).isNotEmpty()
                .allMatch(l -> l.contains("filter=userName%20eq"));
    }

    @Test
    void noListRequestAsksForMoreThanTheDocumented100UsersPerCall() {
        start(SandboxSettings.defaults().withUsers(260).withDeactivatedFraction(0.5));
        List<SandboxUser> deactivated = anaplan.directory().all().stream().filter(u -> !u.active()).toList();
        String property = "scim-purge.job.list-page-size";
        System.setProperty(property, "500");
        CliResult result;
        try {
            result = purgeDeactivated(workspace());
        } finally {
            System.clearProperty(property);
        }

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivated).allMatch(u -> anaplan.directory().find(u.id()).orElseThrow().entitlements().isEmpty());
        assertThat(anaplan.requests().lines()).filteredOn(l -> l.startsWith("GET /scim/1/0/v2/Users?")).isNotEmpty()
                .allSatisfy(l -> assertThat(Integer.parseInt(l.replaceAll(".*[?&]count=(\\d+).*", "$1"))).isLessThanOrEqualTo(100));
    }
}
