package dev.scimpurge.job;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.scimpurge.job.guard.GracePeriod;
import dev.scimpurge.job.guard.GuardSettings;
import dev.scimpurge.job.guard.HistoryLimits;
import dev.scimpurge.job.purge.Verification;
import dev.scimpurge.scim.ScimBaseUrl;
import dev.scimpurge.throughput.Throughput;

/**
 * Everything that identifies a purge run, as stored in the job repository. The same target,
 * provider settings, source and run id make the same job instance: running the command again
 * continues it. Secrets are never part of this.
 *
 * @param target           the SCIM base
 * @param provider         the provider profile's name
 * @param providerSettings the provider's per-run settings (site, removal variant, variables), see {@code ProviderRun#settings}
 * @param csvFile          absolute path of the input file (CSV and keep-only sources)
 * @param csvSha256        checksum of the input file: an edited file is a new run
 * @param retry            the execution whose failed rows a retry run takes up (retry runs only, else null)
 * @param planDigest       the digest of the plan an apply-plan run applies (its file is {@code csvFile}; else null)
 * @param runId            operator-chosen label that starts a new run with otherwise identical input
 * @param guards           dry run (a run of its own), and the limits and protections, which may change on a restart
 * @param throughput       concurrency, pacing, retries, lookup and bulk; may change on a restart
 * @param verification     whether removals are read back ({@code --verify}), and for how long
 */
public record PurgeJobParameters(ScimBaseUrl target, String provider, Map<String, String> providerSettings, Source source,
        @Nullable Path csvFile, @Nullable String csvSha256, @Nullable Retry retry, @Nullable String planDigest, String runId, Path reportDir, GuardSettings guards,
        Throughput throughput, Verification verification) {

    public static final String TARGET = "target";
    public static final String PROVIDER = "provider";
    public static final String PROVIDER_SETTING_PREFIX = "provider.";
    public static final String SOURCE = "source";
    public static final String CSV_FILE = "source.file";
    public static final String CSV_SHA256 = "source.sha256";
    /** Retry runs: the execution whose failed rows they take up; part of the run's identity. */
    public static final String RETRY_OF = "source.retry-of";
    /** Apply-plan runs: the plan's digest (its file's checksum, {@link #CSV_SHA256}, identifies the run). */
    public static final String PLAN_DIGEST = "source.plan-digest";
    public static final String INCLUDE_NOT_FOUND = "source.include-not-found";
    public static final String KEEP_ONLY_MIN_MATCH = "guard.keep-only-min-match";
    public static final String RUN_ID = "run.id";
    public static final String REPORT_DIR = "report.dir";
    public static final String DRY_RUN = "dry-run";
    public static final String MAX_DELETES = "guard.max-deletes";
    public static final String MAX_DELETE_PERCENT = "guard.max-delete-percent";
    public static final String PROTECT_FILE = "guard.protect-file";
    /** The grace period as the option takes it ({@code 30d}); absent: none. Not identifying: a continuation may change it. */
    public static final String DEACTIVATED_FOR = "guard.deactivated-for";
    /** The history limits (--max-growth, --max-shrink-percent, --max-jump-percent); absent: none. Not identifying. */
    public static final String MAX_GROWTH = "guard.max-growth";
    public static final String MAX_SHRINK_PERCENT = "guard.max-shrink-percent";
    public static final String MAX_JUMP_PERCENT = "guard.max-jump-percent";
    /** Not the operator's: the directory's size as the {@link TargetCheck} saw it when the execution started. */
    public static final String DIRECTORY_SIZE = "target.directory-size";

    public enum Source {
        /** The accounts named in a CSV. */
        CSV,
        /** Every account the service lists as deactivated. */
        DEACTIVATED,
        /** The rows that ended failed (and optionally not found) in an earlier execution. */
        RETRY,
        /** Every account of the directory that a list of the people to keep does not name. */
        KEEP_ONLY,
        /** Exactly the accounts of an approved plan (a plan report), each read again and compared with the plan first. */
        APPLY_PLAN;

        /** Whether the source reads a file, whose checksum is part of the run's identity. */
        public boolean readsFile() {
            return this == CSV || this == KEEP_ONLY || this == APPLY_PLAN;
        }
    }

    /**
     * What a retry run takes up.
     *
     * @param executionId     the execution whose rows are retried
     * @param includeNotFound whether rows that ended not found are retried too, besides the failed ones
     */
    public record Retry(long executionId, boolean includeNotFound) {
    }

    public PurgeJobParameters {
        providerSettings = Map.copyOf(new TreeMap<>(providerSettings));
        if ((source == Source.RETRY) != (retry != null)) {
            throw new IllegalArgumentException("a retry run, and only a retry run, names the execution it retries");
        }
        if ((source == Source.APPLY_PLAN) != (planDigest != null)) {
            throw new IllegalArgumentException("an apply-plan run, and only such a run, names the digest of its plan");
        }
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(TARGET, target.toString())
                .addString(PROVIDER, provider)
                .addString(SOURCE, source.name().toLowerCase(Locale.ROOT))
                .addString(RUN_ID, runId)
                .addString(REPORT_DIR, reportDir.toString(), false)
                .addLong(MAX_DELETES, guards.maxDeletes(), false);
        if (guards.dryRun()) {
            builder.addString(DRY_RUN, "true");
        }
        if (guards.maxDeletePercent() != null) {
            builder.addDouble(MAX_DELETE_PERCENT, guards.maxDeletePercent(), false);
        }
        HistoryLimits history = guards.history();
        if (history.maxGrowth() != null) {
            builder.addDouble(MAX_GROWTH, history.maxGrowth(), false);
        }
        if (history.maxShrinkPercent() != null) {
            builder.addDouble(MAX_SHRINK_PERCENT, history.maxShrinkPercent(), false);
        }
        if (history.maxJumpPercent() != null) {
            builder.addDouble(MAX_JUMP_PERCENT, history.maxJumpPercent(), false);
        }
        if (guards.protectFile() != null) {
            builder.addString(PROTECT_FILE, guards.protectFile().toString(), false);
        }
        if (guards.deactivatedFor() != null) {
            builder.addString(DEACTIVATED_FOR, guards.deactivatedFor().toString(), false);
        }
        providerSettings.forEach((key, value) -> builder.addString(PROVIDER_SETTING_PREFIX + key, value));
        if (source.readsFile()) {
            builder.addString(CSV_FILE, Objects.requireNonNull(csvFile).toString())
                    .addString(CSV_SHA256, Objects.requireNonNull(csvSha256));
        }
        if (planDigest != null) {
            builder.addString(PLAN_DIGEST, planDigest, false);
        }
        if (source == Source.KEEP_ONLY) {
            builder.addDouble(KEEP_ONLY_MIN_MATCH, guards.keepOnlyMinMatch(), false);
        }
        if (retry != null) {
            builder.addLong(RETRY_OF, retry.executionId());
            if (retry.includeNotFound()) {
                builder.addString(INCLUDE_NOT_FOUND, "true");
            }
        }
        throughput.addTo(builder);
        verification.addTo(builder);
        return builder.toJobParameters();
    }

    public static PurgeJobParameters from(JobParameters parameters) {
        Source source = Source.valueOf(parameters.getString(SOURCE).toUpperCase(Locale.ROOT));
        Long retryOf = parameters.getLong(RETRY_OF);
        Double keepOnlyMinMatch = parameters.getDouble(KEEP_ONLY_MIN_MATCH);
        String csvFile = parameters.getString(CSV_FILE);
        Map<String, String> settings = new TreeMap<>();
        parameters.parameters().forEach(parameter -> {
            if (parameter.name().startsWith(PROVIDER_SETTING_PREFIX) && parameter.value() instanceof String value) {
                settings.put(parameter.name().substring(PROVIDER_SETTING_PREFIX.length()), value);
            }
        });
        String provider = parameters.getString(PROVIDER);
        String protectFile = parameters.getString(PROTECT_FILE);
        GuardSettings guards = new GuardSettings("true".equals(parameters.getString(DRY_RUN)),
                parameters.getLong(MAX_DELETES) == null ? Long.MAX_VALUE : parameters.getLong(MAX_DELETES),
                parameters.getDouble(MAX_DELETE_PERCENT), protectFile == null ? null : Path.of(protectFile),
                parameters.getString(DEACTIVATED_FOR) == null ? null : GracePeriod.parse(parameters.getString(DEACTIVATED_FOR)),
                keepOnlyMinMatch == null ? GuardSettings.DEFAULT_KEEP_ONLY_MIN_MATCH : keepOnlyMinMatch,
                new HistoryLimits(parameters.getDouble(MAX_GROWTH), parameters.getDouble(MAX_SHRINK_PERCENT),
                        parameters.getDouble(MAX_JUMP_PERCENT)));
        return new PurgeJobParameters(ScimBaseUrl.parse(parameters.getString(TARGET)), provider == null ? "generic" : provider,
                settings, source, csvFile == null ? null : Path.of(csvFile), parameters.getString(CSV_SHA256),
                retryOf == null ? null : new Retry(retryOf, "true".equals(parameters.getString(INCLUDE_NOT_FOUND))),
                parameters.getString(PLAN_DIGEST), parameters.getString(RUN_ID), Path.of(parameters.getString(REPORT_DIR)), guards, Throughput.from(parameters),
                Verification.from(parameters));
    }

    /** These parameters with what the target check saw, for the execution about to start (not part of the run's identity). */
    public static JobParameters withDirectorySize(JobParameters parameters, OptionalLong directorySize) {
        return directorySize.isEmpty() ? parameters
                : new JobParametersBuilder(parameters).addLong(DIRECTORY_SIZE, directorySize.getAsLong(), false).toJobParameters();
    }

    /** The directory's size as this execution's target check saw it, when it did. */
    public static OptionalLong directorySize(JobParameters parameters) {
        Long size = parameters.getLong(DIRECTORY_SIZE);
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }

    public String describeSource() {
        return switch (source) {
            case CSV -> "CSV " + csvFile + " (sha256 " + Objects.requireNonNull(csvSha256).substring(0, 12) + "…)";
            case DEACTIVATED -> "deactivated users";
            case RETRY -> "the failed " + (Objects.requireNonNull(retry).includeNotFound() ? "and not-found " : "") + "rows of execution "
                    + retry.executionId();
            case APPLY_PLAN -> "the accounts of the plan " + csvFile + " (" + Objects.requireNonNull(planDigest).substring(0, 19) + "…)";
            case KEEP_ONLY -> "every account not on the keep list " + csvFile + " (sha256 " + Objects.requireNonNull(csvSha256).substring(0, 12)
                    + "…)";
        };
    }
}
