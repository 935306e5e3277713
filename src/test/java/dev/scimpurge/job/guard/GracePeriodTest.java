package dev.scimpurge.job.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --deactivated-for}: a deactivated user is removed only when the run can show it has been deactivated that long,
 * by its meta.lastModified or by earlier runs' sightings; every other one is deferred, not a failure. Over real HTTP
 * against the sandbox, whose users carry meta.lastModified and can be aged, on H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class GracePeriodTest {

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;

    /** 20 users, 10 of them deactivated: all just created, so last modified now. */
    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5).withToken("g"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "g");
        url = sandbox.baseUrl().toString();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliResult purge(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--url", url, "--deactivated"));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    /** The first {@code n} deactivated users, made to look last modified {@code ago}. */
    private List<SandboxUser> age(int n, Duration ago) {
        List<SandboxUser> aged = sandbox.directory().deactivated().subList(0, n);
        aged.forEach(user -> sandbox.directory().age(user.id(), ago));
        return aged;
    }

    private List<String> deactivatedIds() {
        return sandbox.directory().deactivated().stream().map(SandboxUser::id).toList();
    }

    /** As if every sighting recorded so far had been made {@code ago} earlier. */
    private void sightingsMadeEarlier(Duration ago) {
        workspace.sql("UPDATE PURGE_DEACTIVATION_SEEN SET FIRST_SEEN_AT = ?", OffsetDateTime.now(ZoneOffset.UTC).minus(ago));
    }

    private JsonNode planReport() throws Exception {
        try (Stream<Path> files = Files.list(workspace.reports())) {
            Path plan = files.filter(f -> f.getFileName().toString().startsWith("planned_deletions_")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no plan report"));
            return JsonMapper.builder().build().readTree(Files.readString(plan));
        }
    }

    @Test
    void removesTheUsersLastModifiedLongerAgoAndDefersTheOthersWithTheDateTheyBecomeEligible() throws Exception {
        List<SandboxUser> aged = age(6, Duration.ofDays(40));
        List<String> fresh = deactivatedIds().stream().filter(id -> aged.stream().noneMatch(u -> u.id().equals(id))).toList();

        CliResult result = purge("--deactivated-for", "30d");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivatedIds()).as("the fresh ones are left").containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(sandbox.requests().lines()).filteredOn(l -> l.startsWith("DELETE")).hasSize(6)
                .noneMatch(l -> fresh.stream().anyMatch(l::endsWith));
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 6L, "DEFERRED", 4L));
        assertThat(result.out()).containsPattern("deferred\\s+4").containsPattern("deleted\\s+6");
        String eligible = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME WHERE OUTCOME = 'DEFERRED'")).hasSize(4)
                .allMatch(m -> m.contains("--deactivated-for 30d") && m.contains("eligible from " + eligible));
        assertThat(workspace.outcomeRows()).filteredOn(r -> r.contains("|DEFERRED|")).allMatch(r -> r.contains("|grace_period|"));
    }

    @Test
    void historyAuditAndTheRunSummaryCountTheDeferredUsers() throws Exception {
        age(3, Duration.ofDays(40));

        CliResult result = purge("--deactivated-for", "30d");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        long execution = workspace.lastExecution().orElseThrow().id();

        CliResult history = workspace.onDatabase(List.of("history"));
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains("deferred");
        CliResult audit = workspace.onDatabase(List.of("audit", "--execution", String.valueOf(execution), "--outcome", "deferred",
                "--format", "csv"));
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out().lines().filter(l -> l.contains("grace_period"))).hasSize(7);
        JsonNode summary = JsonMapper.builder().build().readTree(
                Files.readString(workspace.reports().resolve("run_summary_" + execution + ".json")));
        assertThat(summary.get("deferred").asLong()).isEqualTo(7);
        assertThat(summary.get("deleted").asLong()).isEqualTo(3);
        assertThat(summary.get("read").asLong()).isEqualTo(10);
    }

    @Test
    void aUserWhoseServerSendsNoLastModifiedIsDeferredUntilARunHasSeenItLongEnough() {
        sandbox.directory().ageAll(Duration.ofDays(400));
        sandbox.faults().omitLastModified(true);

        CliResult first = purge("--deactivated-for", "30d", "--run-id", "night-1");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(deactivatedIds()).hasSize(10);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DEFERRED", 10L));
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME")).allMatch(m -> m.contains("sent no meta.lastModified"));
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_DEACTIVATION_SEEN")).isEqualTo(10);
    }

    @Test
    void aLaterRunRemovesTheUsersEarlierRunsSawDeactivatedLongEnoughAgo() {
        sandbox.faults().omitLastModified(true);
        CliResult first = purge("--deactivated-for", "30d", "--run-id", "night-1");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.SUCCESS);
        List<String> seenBefore = deactivatedIds();
        sightingsMadeEarlier(Duration.ofDays(31));
        SandboxUser newcomer = sandbox.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
        sandbox.directory().update(newcomer.id(), u -> u.withActive(false));

        CliResult second = purge("--deactivated-for", "30d", "--run-id", "night-2");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivatedIds()).as("only the one first seen tonight is left").containsExactly(newcomer.id());
        assertThat(sandbox.requests().lines()).filteredOn(l -> l.startsWith("DELETE")).hasSize(seenBefore.size());
        assertThat(second.out()).containsPattern("deleted\\s+10").containsPattern("deferred\\s+1");
    }

    @Test
    void aUserSeenActiveAgainStartsOverWhenItIsDeactivatedAgain() {
        sandbox.faults().omitLastModified(true);
        assertThat(purge("--deactivated-for", "30d", "--run-id", "night-1").exitCode()).isEqualTo(ExitCodes.SUCCESS);
        sightingsMadeEarlier(Duration.ofDays(31));
        String returning = deactivatedIds().get(0);
        sandbox.directory().update(returning, u -> u.withActive(true));

        CliResult second = purge("--deactivated-for", "30d", "--run-id", "night-2");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().find(returning)).as("active: not a candidate").isPresent();
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_DEACTIVATION_SEEN WHERE ACCOUNT_ID = '" + returning + "'"))
                .as("seeing it active forgot its sighting").isZero();

        sandbox.directory().update(returning, u -> u.withActive(false));
        CliResult third = purge("--deactivated-for", "30d", "--run-id", "night-3");

        assertThat(third.exitCode()).as(third.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().find(returning)).as("deactivated again tonight: deferred, not removed").isPresent();
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.startsWith("DELETE") && l.endsWith(returning));
        assertThat(third.out()).containsPattern("deferred\\s+1");
    }

    @Test
    void aRefusedRunsPlanShowsTheDeferredUsersAndItsContinuationAppliesAShorterGracePeriod() throws Exception {
        List<SandboxUser> deactivated = sandbox.directory().deactivated();
        deactivated.subList(0, 6).forEach(u -> sandbox.directory().age(u.id(), Duration.ofDays(40)));
        deactivated.subList(6, 10).forEach(u -> sandbox.directory().age(u.id(), Duration.ofDays(10)));

        CliResult refused = purge("--deactivated-for", "30d", "--max-deletes", "3");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(refused.err()).contains("6 accounts would be deleted (and 4 deferred by --deactivated-for 30d), more than --max-deletes 3");
        JsonNode plan = planReport();
        assertThat(plan.get("planned").asLong()).isEqualTo(6);
        assertThat(plan.get("would_remove")).hasSize(6);
        assertThat(plan.get("deferred")).hasSize(4).allSatisfy(d -> assertThat(d.get("eligible_from").asString()).isNotBlank());
        assertThat(workspace.outcomeCounts()).as("a refused run settles none of them").isEmpty();

        CliResult continued = purge("--deactivated-for", "5d", "--max-deletes", "20");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 10L));
    }

    @Test
    void aContinuationWithALongerGracePeriodDefersUsersTheRefusedRunWouldHaveRemoved() {
        age(10, Duration.ofDays(40));
        CliResult refused = purge("--deactivated-for", "30d", "--max-deletes", "3");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);

        CliResult continued = purge("--deactivated-for", "60d", "--max-deletes", "3");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(deactivatedIds()).hasSize(10);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DEFERRED", 10L));
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME")).allMatch(m -> m.contains("--deactivated-for 60d"));
    }

    /**
     * The guard step's proof is made from the listing; a user reactivated and deactivated again before its removal (here:
     * between a refusal and its continuation) is modified since, which the re-read just before the removal sees.
     */
    @Test
    void aUserModifiedSinceItWasListedIsDeferredWhenItIsReadAgainBeforeItsRemoval() {
        age(10, Duration.ofDays(40));
        CliResult refused = purge("--deactivated-for", "30d", "--max-deletes", "3");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        String flapped = deactivatedIds().get(2);
        sandbox.directory().update(flapped, u -> u.withActive(true));
        sandbox.directory().update(flapped, u -> u.withActive(false));

        CliResult continued = purge("--deactivated-for", "30d", "--max-deletes", "20");

        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivatedIds()).containsExactly(flapped);
        assertThat(sandbox.requests().lines()).noneMatch(l -> l.startsWith("DELETE") && l.endsWith(flapped));
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 9L, "DEFERRED", 1L));
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME WHERE OUTCOME = 'DEFERRED'"))
                .singleElement().asString().startsWith("modified since it was listed");
    }

    @Test
    void aDryRunRecordsTheDeferredUsersAndPlansOnlyTheEligibleOnes() throws Exception {
        age(4, Duration.ofHours(13));

        CliResult dry = purge("--deactivated-for", "12h", "--dry-run");

        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("PLANNED", 4L, "DEFERRED", 6L));
        JsonNode plan = planReport();
        assertThat(plan.get("planned").asLong()).isEqualTo(4);
        assertThat(plan.get("would_remove")).hasSize(4);
        assertThat(plan.get("deferred")).hasSize(6);
        assertThat(plan.get("not_removed")).isEmpty();
        assertThat(plan.get("message").asString()).contains("(and 6 deferred by --deactivated-for 12h)");
    }

    @Test
    void aConfigurationFileSetsTheGracePeriodAsTheNightlyExamplesDo() {
        age(2, Duration.ofDays(31));
        Path config = workspace.file("nightly.yml", "scim-purge:\n  purge:\n    url: " + url + "\n    deactivated: true\n"
                + "    deactivated-for: 30d\n    run-id: \"nightly-{date}\"\n");

        CliResult result = workspace.purge("--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 2L, "DEFERRED", 8L));
    }

    @Test
    void aSandboxStartedWithAgedUsersHasThemRemovedOnceTheyArePastTheGracePeriod() {
        sandbox.close();
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5).withToken("g")
                .withAged(Duration.ofDays(31)), 0);
        url = sandbox.baseUrl().toString();

        CliResult notYet = purge("--deactivated-for", "32d", "--run-id", "a");
        CliResult past = purge("--deactivated-for", "30d", "--run-id", "b");

        assertThat(notYet.exitCode()).as(notYet.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(notYet.out()).containsPattern("deferred\\s+10");
        assertThat(past.exitCode()).as(past.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(past.out()).containsPattern("deleted\\s+10");
        assertThat(sandbox.directory().deactivated()).isEmpty();
    }

    @Test
    void withoutAGracePeriodEveryDeactivatedUserIsRemovedAsBefore() {
        CliResult result = purge();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", 10L));
        assertThat(workspace.count("SELECT COUNT(*) FROM PURGE_DEACTIVATION_SEEN")).as("sightings are kept anyway").isEqualTo(10);
    }

    @Test
    void aGracePeriodIsForDeactivatedRunsAndMustBeADuration() {
        Path csv = workspace.file("users.csv", "user00001@example.test\n");

        CliResult withCsv = workspace.purge("--url", url, "--csv", csv.toString(), "--deactivated-for", "30d");
        CliResult garbled = purge("--deactivated-for", "30 days");
        CliResult csvWithNone = workspace.purge("--url", url, "--csv", csv.toString(), "--deactivated-for", "none");

        assertThat(withCsv.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withCsv.err()).contains("--deactivated-for applies to --deactivated runs");
        assertThat(garbled.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbled.err()).contains("'30 days' is not a duration").doesNotContain("Exception");
        assertThat(csvWithNone.exitCode()).as(csvWithNone.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.requests().count("DELETE")).isEqualTo(1);
    }
}
