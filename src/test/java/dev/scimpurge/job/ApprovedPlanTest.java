package dev.scimpurge.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.plan.PlanRelease;
import dev.scimpurge.sandbox.RouteFault;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.JobDatabaseKind;
import dev.scimpurge.support.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code purge --apply-plan}: a dry run's (or a refused run's) plan, reviewed by a person, removes exactly its accounts,
 * each read again first; an account that changed since is drifted, not removed; a plan edited, for another target or
 * too old is refused before anything starts; a guard's refusal names the command that applies its plan; history shows
 * the plan. Over real HTTP against the sandbox, on H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(JobDatabaseKind.class)
class ApprovedPlanTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameter
    JobDatabaseKind database;

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;
    private String url;

    /** 20 users, 10 of them deactivated. */
    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5).withToken("p"), 0);
        workspace = new Workspace(dir, database.create(dir)).env("SCIM_TOKEN", "p");
        url = sandbox.baseUrl().toString();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<String> deactivatedIds() {
        return sandbox.directory().deactivated().stream().map(SandboxUser::id).toList();
    }

    /** A dry run of every deactivated user; the plan it wrote. */
    private Path dryRun(String... more) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--deactivated", "--dry-run"));
        args.addAll(List.of(more));
        CliResult result = workspace.purge(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isIn(ExitCodes.SUCCESS, ExitCodes.REFUSED_BY_GUARD);
        return newestPlan();
    }

    private Path newestPlan() {
        return workspace.latestPlanFile();
    }

    private CliResult apply(Path plan, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--apply-plan", plan.toString()));
        args.addAll(List.of(more));
        return workspace.purge(args.toArray(String[]::new));
    }

    private static JsonNode read(Path plan) throws Exception {
        return JSON.readTree(Files.readString(plan));
    }

    private static List<String> plannedIds(JsonNode plan) {
        List<String> ids = new ArrayList<>();
        plan.get("would_remove").forEach(row -> ids.add(row.get("account_id").asString()));
        return ids;
    }

    private List<String> deleted() {
        return sandbox.requests().lines().stream().filter(l -> l.startsWith("DELETE ")).map(l -> l.substring(l.lastIndexOf('/') + 1))
                .toList();
    }

    private long executions() {
        return workspace.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION");
    }

    /**
     * The digest as docs/safety.md describes its encoding, computed independently of scim-purge's code: each field a
     * netstring of its UTF-8 bytes, an absent value empty.
     */
    static String documentedDigest(JsonNode plan) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<String> fields = new ArrayList<>(List.of("scim-purge-plan-1", plan.get("target").asString(), plan.get("created_at").asString()));
        for (JsonNode row : plan.get("would_remove")) {
            fields.add(row.get("account_id").asString());
            fields.add(row.get("email").isNull() ? "" : row.get("email").asString());
            fields.add(row.get("line").isNull() ? "" : Long.toString(row.get("line").asLong()));
            fields.add(row.get("active").isNull() ? "" : Boolean.toString(row.get("active").asBoolean()));
            fields.add(row.get("last_modified").isNull() ? "" : row.get("last_modified").asString());
            fields.add(Integer.toString(row.get("names").size()));
            row.get("names").forEach(name -> fields.add(name.asString()));
        }
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            sha.update((byte) ',');
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the plan back as someone with the file would: with the digest recomputed (or not). */
    private static void rewrite(Path file, JsonNode plan, boolean recomputeDigest) throws Exception {
        if (recomputeDigest) {
            ((ObjectNode) plan).put("digest", documentedDigest(plan));
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
    }

    /** The arguments of a command line as a POSIX shell splits it (single quotes only, as scim-purge quotes). */
    private static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void aDryRunsPlanCarriesTheTargetTheTimeEachAccountAsReadAndADigestOfThem() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        JsonNode plan = read(dryRun());

        assertThat(plan.get("target").asString()).isEqualTo(ScimBaseUrl.parse(url).toString());
        assertThat(Instant.parse(plan.get("created_at").asString())).isBetween(before, Instant.now());
        assertThat(plan.get("source").asString()).isEqualTo("deactivated");
        assertThat(plannedIds(plan)).containsExactlyInAnyOrderElementsOf(deactivatedIds());
        for (JsonNode row : plan.get("would_remove")) {
            SandboxUser user = sandbox.directory().find(row.get("account_id").asString()).orElseThrow();
            assertThat(row.get("active").asBoolean()).isFalse();
            assertThat(row.get("active").isBoolean()).isTrue();
            assertThat(row.get("names")).hasSize(1);
            assertThat(row.get("names").get(0).asString()).isEqualTo(user.emails().get(0));
            assertThat(Duration.between(Instant.parse(row.get("last_modified").asString()), user.lastModified()).abs())
                    .as("meta.lastModified as the listing gave it").isLessThan(Duration.ofSeconds(1));
        }
        assertThat(plan.get("digest").asString()).matches("sha256:[0-9a-f]{64}").isEqualTo(documentedDigest(plan));
    }

    @Test
    void applyingThePlanRemovesExactlyItsAccountsAndNoneDeactivatedOrAddedSinceAndHistoryShowsThePlan() throws Exception {
        Path planFile = dryRun();
        JsonNode plan = read(planFile);
        List<String> planned = plannedIds(plan);
        List<SandboxUser> active = sandbox.directory().all().stream().filter(SandboxUser::active).toList();
        sandbox.directory().update(active.get(0).id(), u -> u.withActive(false));
        sandbox.directory().update(active.get(1).id(), u -> u.withActive(false));
        sandbox.directory().add(new SandboxUser("late-leaver", "late@example.test", List.of("late@example.test"), false, "Employee",
                List.of()));
        sandbox.requests().reset();

        CliResult result = apply(planFile);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(deactivatedIds()).containsExactlyInAnyOrder(active.get(0).id(), active.get(1).id(), "late-leaver");
        assertThat(sandbox.requests().lines()).as("no listing, the plan is the list: only the target check's one-user page")
                .filteredOn(l -> l.startsWith("GET /scim/v2/Users?")).containsExactly("GET /scim/v2/Users?startIndex=1&count=1");
        assertThat(sandbox.requests().lines()).as("each planned account read again before its removal, and read back after it")
                .filteredOn(l -> l.startsWith("GET /scim/v2/Users/")).hasSize(2 * planned.size());
        long execution = workspace.lastExecution().orElseThrow().id();
        assertThat(workspace.queryStrings("SELECT OUTCOME FROM PURGE_OUTCOME WHERE JOB_EXECUTION_ID = ?", execution))
                .hasSize(planned.size()).containsOnly("DELETED");
        assertThat(workspace.queryStrings("SELECT PLAN_DIGEST FROM PURGE_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution))
                .containsExactly(plan.get("digest").asString());

        CliResult history = workspace.onDatabase(List.of("history", "--format", "json"));
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode runs = JSON.readTree(history.out());
        String shown = plan.get("digest").asString().substring("sha256:".length(), "sha256:".length() + 12) + " "
                + planFile.getFileName();
        assertThat(runs.get(0).get("plan").asString()).isEqualTo(shown);
        assertThat(runs.get(0).get("plan_file").asString()).isEqualTo(planFile.toString());
        assertThat(runs.get(0).get("source").asString()).isEqualTo("apply-plan " + planFile.getFileName());
        assertThat(runs.get(1).get("plan").isNull()).as("the dry run applied no plan").isTrue();
        assertThat(workspace.onDatabase(List.of("history")).out().lines().skip(1).findFirst().orElseThrow()).endsWith(shown);

        CliResult again = apply(planFile);
        assertThat(again.exitCode()).as("a plan applied is not applied again: " + again).isNotEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).as("nothing more sent").hasSize(planned.size());
    }

    @Test
    void accountsThatChangedSinceThePlanAreDriftedWithWhatChangedAndNotRemoved() throws Exception {
        Path planFile = dryRun();
        List<String> planned = plannedIds(read(planFile));
        String reactivated = planned.get(0);
        String renamed = planned.get(1);
        String gone = planned.get(2);
        sandbox.directory().update(reactivated, u -> u.withActive(true));
        sandbox.directory().update(renamed, u -> u.withUserName("someone.else@example.test"));
        sandbox.directory().remove(gone);
        sandbox.requests().reset();

        CliResult result = apply(planFile);

        assertThat(result.exitCode()).as("drifted rows need a person, as failed ones do: " + result).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(planned.subList(3, planned.size()));
        assertThat(sandbox.directory().find(reactivated)).isPresent();
        assertThat(sandbox.directory().find(renamed)).isPresent();
        assertThat(sandbox.requests().lines()).filteredOn(l -> l.endsWith("/Users/" + reactivated) || l.endsWith("/Users/" + renamed)
                || l.endsWith("/Users/" + gone)).as("read once each, nothing else sent").hasSize(3).allMatch(l -> l.startsWith("GET "));
        assertThat(workspace.outcomeCounts()).containsEntry("DRIFTED", 3L).containsEntry("DELETED", (long) planned.size() - 3);
        String message = "SELECT MESSAGE FROM PURGE_OUTCOME WHERE OUTCOME = 'DRIFTED' AND ACCOUNT_ID = ?";
        assertThat(workspace.queryStrings(message, reactivated)).singleElement().asString()
                .contains("reactivated (active is true now, false in the plan)").contains("not removed");
        assertThat(workspace.queryStrings(message, renamed)).singleElement().asString()
                .contains("its addresses and userName changed").contains("someone.else@example.test");
        assertThat(workspace.queryStrings(message, gone)).singleElement().asString().contains("no longer found");
        assertThat(workspace.queryStrings("SELECT REASON FROM PURGE_OUTCOME WHERE OUTCOME = 'DRIFTED'")).containsOnly("changed_since_plan");
        JsonNode report = workspace.latestReport();
        assertThat(report.toString()).contains(reactivated, renamed, gone).contains("drifted");
        assertThat(result.out()).containsPattern("drifted\\s+3");
    }

    @Test
    void aCsvPlanWhoseAddressNowFindsTwoAccountsIsDrifted() throws Exception {
        List<SandboxUser> active = sandbox.directory().all().stream().filter(SandboxUser::active).limit(3).toList();
        Path csv = workspace.file("leavers.csv", active.stream().map(u -> u.emails().get(0) + "\n").reduce("", String::concat));
        CliResult dry = workspace.purge("--url", url, "--csv", csv.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        Path planFile = newestPlan();
        assertThat(read(planFile).get("source").asString()).isEqualTo("csv");
        String address = active.get(0).emails().get(0);
        sandbox.directory().add(new SandboxUser("twin", "twin@example.test", List.of(address), true, "Employee", List.of()));

        CliResult result = apply(planFile);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(deleted()).containsExactlyInAnyOrder(active.get(1).id(), active.get(2).id());
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME WHERE OUTCOME = 'DRIFTED'")).singleElement().asString()
                .contains("now ambiguous: 2 accounts match " + address).contains("twin");
        assertThat(sandbox.directory().find("twin")).isPresent();
    }

    @Test
    void anEditedPlanIsRefusedBeforeAnythingStarts() throws Exception {
        Path planFile = dryRun();
        JsonNode plan = read(planFile);
        SandboxUser bystander = sandbox.directory().all().stream().filter(SandboxUser::active).findFirst().orElseThrow();
        ObjectNode added = ((ArrayNode) plan.get("would_remove")).addObject();
        added.put("email", bystander.emails().get(0)).put("account_id", bystander.id()).putNull("line");
        added.putArray("names").add(bystander.emails().get(0));
        added.put("active", true).putNull("last_modified");
        rewrite(planFile, plan, false);
        long executionsBefore = executions();
        sandbox.requests().reset();

        CliResult result = apply(planFile);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().findFirst().orElseThrow()).startsWith("error: --apply-plan: ").contains("does not match its digest")
                .contains("make a new plan with --dry-run");
        assertThat(result.showsStackTrace()).isFalse();
        assertThat(executions()).isEqualTo(executionsBefore);
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(sandbox.directory().find(bystander.id())).isPresent();
    }

    @Test
    void aPlanForAnotherTargetIsRefused() throws Exception {
        Path planFile = dryRun();
        try (SandboxScimServer other = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withDeactivatedFraction(0.5)
                .withToken("p"), 0)) {
            CliResult result = workspace.purge("--url", other.baseUrl().toString(), "--apply-plan", planFile.toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err().lines().findFirst().orElseThrow()).contains("is a plan for " + ScimBaseUrl.parse(url))
                    .contains("not for " + ScimBaseUrl.parse(other.baseUrl().toString()));
            assertThat(other.requests().count("DELETE")).isZero();
            assertThat(other.directory().deactivated()).hasSize(10);
        }
        assertThat(sandbox.requests().count("DELETE")).isZero();
    }

    @Test
    void aPlanOlderThanPlanMaxAgeIsRefusedAndALongerAgeFromAConfigFileLetsItThrough() throws Exception {
        Path planFile = dryRun();
        JsonNode plan = read(planFile);
        ((ObjectNode) plan).put("created_at", Instant.parse(plan.get("created_at").asString()).minus(Duration.ofHours(25)).toString());
        rewrite(planFile, plan, true);

        CliResult old = apply(planFile);

        assertThat(old.exitCode()).as(old.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(old.err().lines().findFirst().orElseThrow()).contains("longer ago than --plan-max-age 24h")
                .contains("make a new plan with --dry-run");
        assertThat(sandbox.requests().count("DELETE")).isZero();

        CliResult stillTooOld = apply(planFile, "--plan-max-age", "1d");
        assertThat(stillTooOld.exitCode()).as(stillTooOld.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(stillTooOld.err()).contains("longer ago than --plan-max-age 1d");
        assertThat(apply(planFile, "--plan-max-age", "soon").err()).contains("--plan-max-age: 'soon' is not a duration");

        JsonNode ahead = read(planFile);
        ((ObjectNode) ahead).put("created_at", Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString());
        Path dated = workspace.file("reports/dated_ahead.json", "");
        rewrite(dated, ahead, true);
        CliResult future = apply(dated);
        assertThat(future.exitCode()).as("a plan dated ahead would never grow too old: " + future).isEqualTo(ExitCodes.USAGE);
        assertThat(future.err()).contains("later than now");

        Path config = workspace.file("approvals.yml", "scim-purge:\n  purge:\n    plan-max-age: 2d\n");
        CliResult allowed = apply(planFile, "--config", config.toString());
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(plannedIds(plan));
    }

    @Test
    void aGuardsRefusalNamesTheApplyPlanCommandThatRemovesExactlyThePlanAndItWorks() throws Exception {
        List<String> planned = deactivatedIds();
        CliResult refused = workspace.purge("--url", url, "--deactivated", "--max-deletes", "3");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(deleted()).isEmpty();
        Path planFile = newestPlan();
        JsonNode plan = read(planFile);
        assertThat(plan.get("status").asString()).isEqualTo("refused");
        assertThat(plannedIds(plan)).containsExactlyInAnyOrderElementsOf(planned);
        String command = plan.get("apply_plan").asString();
        assertThat(command).startsWith("scim-purge purge ").contains("--url " + url).contains("--apply-plan " + planFile)
                .endsWith("--max-deletes 10").doesNotContain("--deactivated ").doesNotContain("--max-deletes 3");
        assertThat(plan.get("to_proceed").asString()).contains(command);
        assertThat(refused.err()).contains(command);
        sandbox.directory().add(new SandboxUser("late-leaver", "late@example.test", List.of("late@example.test"), false, "Employee",
                List.of()));

        List<String> words = shellWords(command);
        CliResult released = workspace.run(words.subList(1, words.size()).toArray(String[]::new));

        assertThat(released.exitCode()).as(released.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(deactivatedIds()).containsExactly("late-leaver");
    }

    @Test
    void aDryRunThatAGuardWouldRefuseNamesTheCommandAndEveryGuardStillAppliesToThePlan() throws Exception {
        Path protect = workspace.file("protect.txt", sandbox.directory().deactivated().get(0).emails().get(0) + "\n");
        String kept = sandbox.directory().deactivated().get(0).id();
        CliResult dry = workspace.purge("--url", url, "--deactivated", "--dry-run", "--max-deletes", "3", "--max-delete-percent", "20");

        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        Path planFile = newestPlan();
        String command = read(planFile).get("apply_plan").asString();
        assertThat(command).doesNotContain("--dry-run").endsWith("--max-deletes 10 --max-delete-percent 50");
        assertThat(dry.err()).contains("To remove exactly the accounts of this plan after reviewing it: " + command);

        CliResult underTheOldLimit = apply(planFile, "--max-deletes", "3");
        assertThat(underTheOldLimit.exitCode()).as("the limits apply to a plan too: " + underTheOldLimit)
                .isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        assertThat(deleted()).isEmpty();

        List<String> words = new ArrayList<>(shellWords(command));
        words.addAll(List.of("--protect", protect.toString(), "--run-id", "reviewed"));
        CliResult released = workspace.run(words.subList(1, words.size()).toArray(String[]::new));

        assertThat(released.exitCode()).as(released.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).hasSize(9).doesNotContain(kept);
        assertThat(workspace.outcomeCounts()).containsEntry("PROTECTED", 1L);
        assertThat(sandbox.directory().find(kept)).isPresent();
    }

    /** A --sandbox run's server ends with it: a command naming --sandbox would be refused as a plan for another target. */
    @Test
    void aSandboxRunsRefusalSaysWhyItsPlanCannotBeAppliedInsteadOfACommandThatWouldFail() throws Exception {
        CliResult dry = workspace.purge("--sandbox", "--deactivated", "--dry-run", "--max-deletes", "3");

        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        JsonNode plan = read(newestPlan());
        assertThat(plan.get("apply_plan").isNull()).as(plan.toString()).isTrue();
        assertThat(plan.get("to_proceed").asString()).contains(PlanRelease.NO_COMMAND);
        assertThat(dry.err()).contains(PlanRelease.NO_COMMAND).doesNotContain("--apply-plan " + newestPlan());
    }

    @Test
    void anAccountThatCannotBeReadAgainIsFailedNotRemovedAndARunStoppedBeforeReadingThePlanIsContinuedByPurge() throws Exception {
        Path planFile = dryRun();
        List<String> planned = plannedIds(read(planFile));
        String unreadable = planned.get(0);
        sandbox.faults().onRoute("GET", ".*/Users/" + unreadable, RouteFault.Canned.json(500,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\",\"detail\":\"database busy\"}"));

        CliResult result = apply(planFile);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(planned.subList(1, planned.size()));
        assertThat(workspace.queryStrings("SELECT REASON FROM PURGE_OUTCOME WHERE ACCOUNT_ID = ? AND OUTCOME = 'FAILED'", unreadable))
                .containsExactly("lookup_failed");
        assertThat(workspace.queryStrings("SELECT MESSAGE FROM PURGE_OUTCOME WHERE ACCOUNT_ID = ? AND OUTCOME = 'FAILED'", unreadable))
                .singleElement().asString().contains("could not read the account again to compare it with the plan");
        assertThat(sandbox.directory().find(unreadable)).isPresent();

        sandbox.faults().clearRouteFaults();
        Path second = dryRun("--run-id", "second");
        sandbox.faults().onRoute("GET", ".*/Users/[^?]+", RouteFault.Canned.json(401,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"401\",\"detail\":\"expired\"}"));
        CliResult stopped = apply(second);
        assertThat(stopped.exitCode()).as(stopped.toString()).isNotIn(ExitCodes.SUCCESS, ExitCodes.ITEMS_FAILED);
        assertThat(sandbox.directory().find(unreadable)).isPresent();

        CliResult restart = workspace.command("restart", "--last");
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(restart.err()).contains("has not read its plan").contains("'purge --apply-plan'");

        sandbox.faults().clearRouteFaults();
        CliResult continued = apply(second);
        assertThat(continued.exitCode()).as(continued.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().find(unreadable)).isEmpty();
    }

    @Test
    void aRefusedNightFromAConfigFileIsReleasedByTheCommandItNamesDespiteTheFilesSourceAndGracePeriod() throws Exception {
        sandbox.directory().deactivated().forEach(user -> sandbox.directory().age(user.id(), Duration.ofDays(40)));
        List<String> planned = deactivatedIds();
        Path config = workspace.file("nightly.yml", "scim-purge:\n  purge:\n    url: " + url + "\n    deactivated: true\n"
                + "    deactivated-for: 30d\n    max-deletes: 3\n    run-id: nightly-{date}\n");
        CliResult night = workspace.purge("--config", config.toString());
        assertThat(night.exitCode()).as(night.toString()).isEqualTo(ExitCodes.REFUSED_BY_GUARD);
        String command = read(newestPlan()).get("apply_plan").asString();
        assertThat(command).contains("--config " + config).doesNotContain("deactivated", "nightly-");
        sandbox.directory().add(new SandboxUser("late-leaver", "late@example.test", List.of("late@example.test"), false, "Employee",
                List.of()));
        sandbox.directory().age("late-leaver", Duration.ofDays(40));

        List<String> words = shellWords(command);
        CliResult released = workspace.run(words.subList(1, words.size()).toArray(String[]::new));

        assertThat(released.exitCode()).as(released.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deleted()).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(deactivatedIds()).containsExactly("late-leaver");
    }
}
