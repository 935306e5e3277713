package dev.scimpurge.job;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.scimpurge.scim.ScimBaseUrl;

/**
 * Everything that identifies a purge run, as stored in the job repository. The same target,
 * source and run id make the same job instance: running the command again continues it.
 * Secrets are never part of this.
 *
 * @param csvFile   absolute path of the input file (CSV sources only)
 * @param csvSha256 checksum of the input file: an edited file is a new run
 * @param runId     operator-chosen label that starts a new run with otherwise identical input
 */
public record PurgeJobParameters(ScimBaseUrl target, Source source, Path csvFile, String csvSha256, String runId,
        Path reportDir) {

    public static final String TARGET = "target";
    public static final String SOURCE = "source";
    public static final String CSV_FILE = "source.file";
    public static final String CSV_SHA256 = "source.sha256";
    public static final String RUN_ID = "run.id";
    public static final String REPORT_DIR = "report.dir";

    public enum Source {
        CSV, DEACTIVATED
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(TARGET, target.toString())
                .addString(SOURCE, source.name().toLowerCase())
                .addString(RUN_ID, runId)
                .addString(REPORT_DIR, reportDir.toString(), false);
        if (source == Source.CSV) {
            builder.addString(CSV_FILE, csvFile.toString()).addString(CSV_SHA256, csvSha256);
        }
        return builder.toJobParameters();
    }

    public static PurgeJobParameters from(JobParameters parameters) {
        Source source = Source.valueOf(parameters.getString(SOURCE).toUpperCase());
        String csvFile = parameters.getString(CSV_FILE);
        return new PurgeJobParameters(ScimBaseUrl.parse(parameters.getString(TARGET)), source,
                csvFile == null ? null : Path.of(csvFile), parameters.getString(CSV_SHA256), parameters.getString(RUN_ID),
                Path.of(parameters.getString(REPORT_DIR)));
    }

    public String describeSource() {
        return source == Source.CSV ? "CSV " + csvFile + " (sha256 " + csvSha256.substring(0, 12) + "…)" : "deactivated users";
    }
}
