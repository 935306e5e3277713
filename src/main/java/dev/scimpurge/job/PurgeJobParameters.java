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
 * @param csvFile          absolute path of the input file (CSV sources only)
 * @param csvSha256        checksum of the input file: an edited file is a new run
 * @param runId            operator-chosen label that starts a new run with otherwise identical input
 * @param guards           dry run (a run of its own), and the limits and protections, which may change on a restart
 * @param throughput       concurrency, pacing, retries, lookup and bulk; may change on a restart
 */
public record PurgeJobParameters(ScimBaseUrl target, String provider, Map<String, String> providerSettings, Source source,
        @Nullable Path csvFile, @Nullable String csvSha256, String runId, Path reportDir, GuardSettings guards,
        Throughput throughput) {

    public static final String TARGET = "target";
    public static final String PROVIDER = "provider";
    public static final String PROVIDER_SETTING_PREFIX = "provider.";
    public static final String SOURCE = "source";
    public static final String CSV_FILE = "source.file";
    public static final String CSV_SHA256 = "source.sha256";
    public static final String RUN_ID = "run.id";
    public static final String REPORT_DIR = "report.dir";
    public static final String DRY_RUN = "dry-run";
    public static final String MAX_DELETES = "guard.max-deletes";
    public static final String MAX_DELETE_PERCENT = "guard.max-delete-percent";
    public static final String PROTECT_FILE = "guard.protect-file";
    /** The grace period as the option takes it ({@code 30d}); absent: none. Not identifying: a continuation may change it. */
    public static final String DEACTIVATED_FOR = "guard.deactivated-for";
    /** Not the operator's: the directory's size as the {@link TargetCheck} saw it when the execution started. */
    public static final String DIRECTORY_SIZE = "target.directory-size";

    public enum Source {
        CSV, DEACTIVATED
    }

    public PurgeJobParameters {
        providerSettings = Map.copyOf(new TreeMap<>(providerSettings));
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
        if (guards.protectFile() != null) {
            builder.addString(PROTECT_FILE, guards.protectFile().toString(), false);
        }
        if (guards.deactivatedFor() != null) {
            builder.addString(DEACTIVATED_FOR, guards.deactivatedFor().toString(), false);
        }
        providerSettings.forEach((key, value) -> builder.addString(PROVIDER_SETTING_PREFIX + key, value));
        if (source == Source.CSV) {
            builder.addString(CSV_FILE, Objects.requireNonNull(csvFile).toString())
                    .addString(CSV_SHA256, Objects.requireNonNull(csvSha256));
        }
        throughput.addTo(builder);
        return builder.toJobParameters();
    }

    public static PurgeJobParameters from(JobParameters parameters) {
        Source source = Source.valueOf(parameters.getString(SOURCE).toUpperCase(Locale.ROOT));
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
                parameters.getString(DEACTIVATED_FOR) == null ? null : GracePeriod.parse(parameters.getString(DEACTIVATED_FOR)));
        return new PurgeJobParameters(ScimBaseUrl.parse(parameters.getString(TARGET)), provider == null ? "generic" : provider,
                settings, source, csvFile == null ? null : Path.of(csvFile), parameters.getString(CSV_SHA256),
                parameters.getString(RUN_ID), Path.of(parameters.getString(REPORT_DIR)), guards, Throughput.from(parameters));
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
        return source == Source.CSV ? "CSV " + csvFile + " (sha256 " + Objects.requireNonNull(csvSha256).substring(0, 12) + "…)"
                : "deactivated users";
    }
}
