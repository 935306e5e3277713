package dev.scimpurge.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.scimpurge.job.H2FileDirectory;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.collect.CsvFingerprint;
import dev.scimpurge.job.guard.GracePeriod;
import dev.scimpurge.job.guard.GuardSettings;
import dev.scimpurge.job.guard.HistoryLimits;
import dev.scimpurge.job.purge.Verification;
import dev.scimpurge.plan.ApprovedPlan;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderProfile;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.RemovalEffect;
import dev.scimpurge.provider.VerifyMode;
import tools.jackson.databind.json.JsonMapper;

/** {@code scim-purge purge}: collects the users to remove, then removes them, restartably. */
@Command(name = "purge",
        description = {
                "Removes the users listed in a CSV (--csv), or every deactivated user (--deactivated), from a SCIM 2.0 service; "
                        + "or retries the rows that failed in an earlier execution (--retry-failed); or removes every account "
                        + "not on a list of the people to keep (--keep-only).",
                "",
                "The run first writes its list of users into the job database, then removes them chunk by chunk, "
                        + "recording each row's outcome. If it stops (crash, kill, network, expired token), run the same "
                        + "command again: it continues after the last committed chunk. A run that completed is not repeated; "
                        + "pass a new --run-id to purge again with the same input.",
                "",
                "The token comes from the SCIM_TOKEN environment variable or --token-file.",
                ""},
        footer = {"", "Examples:",
                "  SCIM_TOKEN=... scim-purge purge --url https://SITE/api/scim/v2 --csv users.csv",
                "  scim-purge purge --url https://SITE/api/scim/v2 --token-file /run/secrets/scim --deactivated",
                "  scim-purge purge --sandbox --deactivated    (rehearse against a built-in sandbox)",
                "  scim-purge purge --url https://SITE/api/scim/v2 --retry-failed 42    (the rows that failed in execution 42)",
                "  scim-purge purge --url https://SITE/api/scim/v2 --keep-only hr-export.csv --dry-run",
                "  scim-purge purge --url https://SITE/api/scim/v2 --apply-plan planned_deletions_2026-05-04_02-00-00.json    "
                        + "(exactly the accounts of a reviewed plan)",
                "  scim-purge purge --config /etc/scim-purge/slack-nightly.yml    (settings from a file; see docs/nightly.md)"})
public class PurgeCommand implements Callable<Integer> {

    /** A plan older than this is refused unless --plan-max-age says otherwise. */
    static final String DEFAULT_PLAN_MAX_AGE = "24h";
    /** How far ahead of this host's clock a plan's time may be: the host that made it may run a little ahead. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @SuppressWarnings("NullAway.Init") // picocli injects it
    @Spec
    CommandSpec spec;

    @Mixin
    CommandEnvironment environment;

    @Mixin
    TargetOptions target;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: multiplicity = "1"
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static class Source {
        @Option(names = "--csv", paramLabel = "FILE", required = true,
                description = "A CSV whose first column is an email address (header row optional, UTF-8, quoted fields allowed).")
        @Nullable Path csv;

        @Option(names = "--deactivated", required = true,
                description = "Remove every user the service lists as deactivated (active = false).")
        boolean deactivated;

        @Option(names = "--retry-failed", paramLabel = "EXECUTION", required = true,
                description = "A new run over the rows that ended failed in that execution of the same target (its whole run "
                        + "up to it): by the account id where one was resolved, else by address; every guard applies again. "
                        + "History shows it as 'retry of EXECUTION'.")
        @Nullable Long retryFailed;

        @Option(names = "--keep-only", paramLabel = "FILE", required = true,
                description = "Reconcile: remove every account of the service's directory that this list does not name. "
                        + "The list holds the people who should keep an account, addresses or account ids (the CSV rules of "
                        + "--csv); no account on it is ever a candidate, and accounts with no address are left alone "
                        + "(kept_no_address) unless the list is one of account ids.")
        @Nullable Path keepOnly;

        @Option(names = "--apply-plan", paramLabel = "FILE", required = true,
                description = "Remove exactly the accounts of a plan report (planned_deletions_*.json of a dry run or a refused run) "
                        + "after a person reviewed it, nothing else: each is read again first, and one that changed since "
                        + "(reactivated, other addresses, gone, its address now ambiguous) ends drifted, not removed. Refused: a plan "
                        + "for another target, one older than --plan-max-age, one whose digest does not match. Every guard applies.")
        @Nullable Path applyPlan;
    }

    @Option(names = "--include-not-found",
            description = "With --retry-failed: retry the rows that ended not found too (an account created since, a lookup "
                    + "that missed).")
    boolean includeNotFound;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where to write failed_deletions_<time>.json, planned_deletions_<time>.json and run_summary_<execution>.json "
                    + "(default: reports in the state directory, $XDG_STATE_HOME/scim-purge or else ~/.local/state/scim-purge).")
    @Nullable Path reportDir;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: its defaultValue
    @Option(names = "--run-id", paramLabel = "ID", defaultValue = "1",
            description = "Names the run. The same URL, input and run id continue one run; a new id starts a new run (default: ${DEFAULT-VALUE}). "
                    + "{date} stands for the day the run starts (YYYY-MM-DD), e.g. --run-id nightly-{date}.")
    String runId;

    @Mixin
    DatabaseOptions database;

    @Option(names = ConfigFileArguments.CONFIG_OPTION, paramLabel = "FILE",
            description = "A YAML file of settings. Under scim-purge.purge each key is an option's long name "
                    + "(provider, url, deactivated, csv, max-deletes, run-id, db, report-dir, ...); a SCIM_PURGE_PURGE_<KEY> "
                    + "environment variable overrides the file, and an option given here overrides both. "
                    + "The file may also set scim-purge.* tunables and logging.* (see config/application.yml).")
    @Nullable Path configFile;

    @ArgGroup(exclusive = false, heading = "%nThroughput (see README, Performance):%n")
    ThroughputOptions throughput = new ThroughputOptions();

    @ArgGroup(exclusive = false, heading = "%nSafety (see README, Safety):%n")
    SafetyOptions safety = new SafetyOptions();

    static class SafetyOptions {
        @Option(names = "--dry-run",
                description = "Collect and resolve exactly as a real run, change nothing, and write planned_deletions_<time>.json.")
        boolean dryRun;

        @Option(names = "--max-deletes", paramLabel = "N", defaultValue = "500",
                description = "Refuse (before the first removal) when more than N removals are planned (default: ${DEFAULT-VALUE}).")
        long maxDeletes = 500;

        @Option(names = "--max-delete-percent", paramLabel = "P",
                description = "Refuse when the planned removals exceed P percent of the directory's users (default: no such limit).")
        @Nullable Double maxDeletePercent;

        @Option(names = "--max-growth", paramLabel = "F", defaultValue = "3",
                description = "Refuse when the planned removals exceed F times the median of the last completed runs of the same "
                        + "target and kind, once there are 5 of them; none: no such limit (default: ${DEFAULT-VALUE}).")
        String maxGrowth = "3";

        @Option(names = "--max-shrink-percent", paramLabel = "P", defaultValue = "50",
                description = "Refuse when the directory has more than P percent fewer users than at the previous completed run "
                        + "of the same target and kind; none: no such limit (default: ${DEFAULT-VALUE}).")
        String maxShrinkPercent = "50";

        @Option(names = "--max-jump-percent", paramLabel = "P", defaultValue = "200",
                description = "With --deactivated: refuse when the service lists more than P percent more deactivated users than at "
                        + "the previous completed --deactivated run of the target; none: no such limit (default: ${DEFAULT-VALUE}).")
        String maxJumpPercent = "200";

        @Option(names = "--protect", paramLabel = "FILE",
                description = "Accounts never to touch, one a line: email addresses, account ids, or @domain.")
        @Nullable Path protect;

        @Option(names = "--keep-only-min-match", paramLabel = "P",
                description = "With --keep-only: refuse, before anything is planned, when the list names less than P percent "
                        + "of the directory's accounts, as an empty or cut export would (default: "
                        + "50).")
        @Nullable Double keepOnlyMinMatch;

        @Option(names = "--deactivated-for", paramLabel = "DURATION",
                description = "With --deactivated: remove only users shown to have been deactivated at least this long, by their "
                        + "meta.lastModified or by earlier runs' sightings, e.g. 30d or 12h; the others are deferred, with the date "
                        + "they become eligible (default: none, no grace period).")
        @Nullable String deactivatedFor;

        @Option(names = "--plan-max-age", paramLabel = "DURATION",
                description = "With --apply-plan: refuse a plan made longer ago than this, e.g. 24h, 2d or 90m; none: any age "
                        + "(default: " + DEFAULT_PLAN_MAX_AGE + ").")
        @Nullable String planMaxAge;

        @Option(names = "--verify", paramLabel = "MODE",
                description = "all: read every account back after its removal answered success; a 404, or active=false where "
                        + "the removal deactivates, confirms it, and one still there after the profile's verify.settle-within "
                        + "is not_removed, a failure; none: trust the answer (default: the profile's, all for every standard "
                        + "profile whose removal a read can check).")
        @Nullable String verify;
    }

    @Mixin
    SandboxSeedOptions sandboxSeed;

    @Override
    public Integer call() throws Exception {
        // nothing real can be removed from an in-process sandbox: no confirmation needed there
        return target.run(environment, credentials, sandboxSeed, environment.out(),
                (providerRun, given, sandbox) -> run(providerRun, given, sandbox || runOptions.confirmation.yes));
    }

    private int run(ProviderRun providerRun, Credentials credentials, boolean confirmed) {
        if (providerRun.removal().takesIds() && (source.deactivated || source.keepOnly != null)) {
            // the listing gives SCIM ids, which are not the account ids this removal takes
            throw new UsageException("--" + providerRun.removalVariant() + " takes a CSV of account ids (--csv), not "
                    + (source.deactivated ? "--deactivated" : "--keep-only"));
        }
        if (includeNotFound && source.retryFailed == null) {
            throw new UsageException("--include-not-found goes with --retry-failed");
        }
        // a config file of keep-only runs may set it; the plan was made under it
        if (safety.keepOnlyMinMatch != null && source.keepOnly == null && source.applyPlan == null) {
            throw new UsageException("--keep-only-min-match goes with --keep-only");
        }
        ApprovedPlan plan = source.applyPlan == null ? null : approvedPlan(readableFile(source.applyPlan, "--apply-plan"), providerRun);
        CsvFingerprint csv = source.csv != null ? CsvInput.fingerprint(readableFile(source.csv, "--csv"))
                : source.keepOnly != null ? CsvInput.fingerprint(readableFile(source.keepOnly, "--keep-only"))
                : plan != null ? CsvInput.fingerprint(plan.file()) : null;
        PurgeJobParameters run = new PurgeJobParameters(providerRun.scimBase(), providerRun.profile().name(), providerRun.settings(),
                sourceKind(), csv == null ? null : csv.file(), csv == null ? null : csv.sha256(),
                source.retryFailed == null ? null : new PurgeJobParameters.Retry(source.retryFailed, includeNotFound),
                plan == null ? null : plan.digest(), RunIdTemplate.expand(runId), reportDirectory(), guards(),
                throughput.resolve(providerRun.profile()), verification(providerRun));
        List<String> contextArguments = new ArrayList<>();
        if (configFile != null) {
            contextArguments.add("--spring.config.additional-location=file:" + configFile.toAbsolutePath());
        }
        contextArguments.addAll(runOptions.springArguments(environment, System.console() != null));
        return new PurgeRun(database.resolve(environment), contextArguments, environment).execute(run, providerRun, credentials, confirmed,
                new ApplyPlanCommandLine(purgeArguments()));
    }

    /** The arguments this command was parsed from (a config file's and the environment's included), after its name. */
    private List<String> purgeArguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int name = all.indexOf(spec.name());
        return name < 0 ? all : all.subList(name + 1, all.size());
    }

    /**
     * The plan of --apply-plan, checked before anything starts: its digest, its target and its age.
     *
     * @throws UsageException when it is not to be applied, saying why in one line
     */
    private ApprovedPlan approvedPlan(Path file, ProviderRun providerRun) {
        ApprovedPlan plan;
        try {
            plan = ApprovedPlan.read(file, JsonMapper.builder().build());
        } catch (ApprovedPlan.Unusable e) {
            throw new UsageException("--apply-plan: " + e.getMessage());
        }
        String target = providerRun.scimBase().toString();
        if (!plan.target().equals(target)) {
            throw new UsageException("--apply-plan: " + file + " is a plan for " + plan.target() + ", not for " + target
                    + "; apply it to its own target, or make a plan for this one with --dry-run");
        }
        String maxAgeText = safety.planMaxAge == null ? DEFAULT_PLAN_MAX_AGE : safety.planMaxAge.strip();
        Duration maxAge;
        try {
            maxAge = GracePeriod.parseLength(maxAgeText, "any age");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--plan-max-age: " + e.getMessage());
        }
        Instant now = Instant.now();
        if (plan.createdAt().isAfter(now.plus(CLOCK_SKEW))) {
            // else a plan dated ahead would never grow too old
            throw new UsageException("--apply-plan: " + file + " says it was made at " + plan.createdAt() + ", later than now (" + now
                    + "); check this host's clock and the one that made it, or make a new plan with --dry-run");
        }
        if (maxAge != null && plan.olderThan(maxAge, now)) {
            throw new UsageException("--apply-plan: " + file + " was made at " + plan.createdAt() + ", longer ago than --plan-max-age "
                    + maxAgeText + "; make a new plan with --dry-run and review it (or give a longer --plan-max-age)");
        }
        return plan;
    }

    private PurgeJobParameters.Source sourceKind() {
        if (source.deactivated) {
            return PurgeJobParameters.Source.DEACTIVATED;
        }
        if (source.retryFailed != null) {
            return PurgeJobParameters.Source.RETRY;
        }
        if (source.applyPlan != null) {
            return PurgeJobParameters.Source.APPLY_PLAN;
        }
        return source.keepOnly != null ? PurgeJobParameters.Source.KEEP_ONLY : PurgeJobParameters.Source.CSV;
    }

    /** --report-dir, else the state directory's reports, in a state directory created owner-only: reports name people. */
    private Path reportDirectory() {
        if (reportDir != null) {
            return reportDir.toAbsolutePath().normalize();
        }
        try {
            H2FileDirectory.createOwnerOnly(environment.state().directory(), "the state directory");
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        return environment.state().reports();
    }

    private GuardSettings guards() {
        if (safety.maxDeletes < 0 || safety.maxDeletePercent != null && (safety.maxDeletePercent < 0 || safety.maxDeletePercent > 100)) {
            throw new UsageException("--max-deletes must be >= 0 and --max-delete-percent between 0 and 100");
        }
        double keepOnlyMinMatch = safety.keepOnlyMinMatch == null ? GuardSettings.DEFAULT_KEEP_ONLY_MIN_MATCH : safety.keepOnlyMinMatch;
        if (keepOnlyMinMatch < 0 || keepOnlyMinMatch > 100) {
            throw new UsageException("--keep-only-min-match must be between 0 and 100");
        }
        Path protect = safety.protect == null ? null : readableFile(safety.protect, "--protect");
        GracePeriod grace;
        try {
            grace = safety.deactivatedFor == null ? null : GracePeriod.parse(safety.deactivatedFor);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--deactivated-for: " + e.getMessage());
        }
        // an approved plan of a --deactivated run was made under its grace period: a nightly config file may set it
        if (grace != null && !source.deactivated && source.applyPlan == null) {
            throw new UsageException("--deactivated-for applies to --deactivated runs; a CSV names the users to remove "
                    + "(give --deactivated-for none to run a CSV with a configuration that sets it)");
        }
        HistoryLimits history;
        try {
            history = new HistoryLimits(HistoryLimits.parse("--max-growth", safety.maxGrowth),
                    HistoryLimits.parse("--max-shrink-percent", safety.maxShrinkPercent),
                    HistoryLimits.parse("--max-jump-percent", safety.maxJumpPercent));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new GuardSettings(safety.dryRun, safety.maxDeletes, safety.maxDeletePercent, protect, source.applyPlan == null ? grace : null,
                keepOnlyMinMatch, history);
    }

    /** {@code --verify}, else the profile's default; none for a removal that leaves nothing a read can check. */
    private Verification verification(ProviderRun providerRun) {
        VerifyMode asked = null;
        if (safety.verify != null) {
            try {
                asked = VerifyMode.valueOf(safety.verify.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--verify: all or none, not '" + safety.verify + "'");
            }
        }
        ProviderProfile.Verify profile = providerRun.profile().verify();
        VerifyMode mode = asked != null ? asked : profile.mode();
        if (mode == VerifyMode.NONE) {
            return Verification.none(asked != null ? "" : "the " + providerRun.profile().name() + " profile's default");
        }
        if (providerRun.removalEffect() == RemovalEffect.UNCHECKABLE) {
            String why = "the removal '" + providerRun.removalVariant() + "' (" + providerRun.removal().action()
                    + ") leaves nothing a read of the account can check";
            if (asked != null) {
                throw new UsageException("--verify all: " + why + "; give --verify none");
            }
            return Verification.none(why);
        }
        return new Verification(VerifyMode.ALL, profile.settle(), "");
    }

    private static Path readableFile(Path file, String option) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new UsageException(option + ": cannot read " + absolute);
        }
        return absolute;
    }
}
