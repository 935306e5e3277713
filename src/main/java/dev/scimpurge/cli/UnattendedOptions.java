package dev.scimpurge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import dev.scimpurge.monitoring.ProgressMode;

/**
 * Options for runs nobody watches (cron, systemd, Kubernetes): the settings from a file, the log
 * format, and how progress is shown. They reach the run's Spring context as property arguments.
 */
public class UnattendedOptions {

    @Option(names = ConfigFileArguments.CONFIG_OPTION, paramLabel = "FILE",
            description = "A YAML file of settings. Under scim-purge.purge each key is an option's long name "
                    + "(provider, url, deactivated, csv, max-deletes, run-id, db, report-dir, ...); a SCIM_PURGE_PURGE_<KEY> "
                    + "environment variable overrides the file, and an option given here overrides both. "
                    + "The file may also set scim-purge.* tunables and logging.* (see config/application.yml).")
    Path configFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", converter = LogFormatConverter.class,
            description = "text: lines for people (default); json: one JSON object a line (Elastic Common Schema), for log "
                    + "collectors such as Kubernetes'; also ecs, logstash, gelf. Every line of a run carries its execution id.")
    LogFormat logFormat = LogFormat.TEXT;

    @Option(names = "--quiet", description = "No progress bar, progress lines or informational log lines; "
            + "warnings, errors and the summary still print.")
    boolean quiet;

    /** The log formats; {@code json} is the Elastic Common Schema, which most collectors read as it is. */
    enum LogFormat {
        TEXT(null), JSON("ecs"), ECS("ecs"), LOGSTASH("logstash"), GELF("gelf");

        private final String springFormat;

        LogFormat(String springFormat) {
            this.springFormat = springFormat;
        }
    }

    static final class LogFormatConverter implements ITypeConverter<LogFormat> {

        @Override
        public LogFormat convert(String value) {
            try {
                return LogFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected text, json, ecs, logstash or gelf, not '" + value + "'");
            }
        }
    }

    /** @param terminal whether a person watches the output (a progress bar) or it goes to a log (progress lines) */
    List<String> springArguments(boolean terminal) {
        List<String> arguments = new ArrayList<>();
        if (configFile != null) {
            arguments.add("--spring.config.additional-location=file:" + configFile.toAbsolutePath());
        }
        if (logFormat.springFormat != null) {
            arguments.add("--logging.structured.format.console=" + logFormat.springFormat);
            // a log collector keeps the failing exception, its frames in the event's error field
            arguments.add("--logging.level.batch-failures=ERROR");
        }
        ProgressMode progress = quiet ? ProgressMode.NONE : terminal ? ProgressMode.BAR : ProgressMode.LINES;
        arguments.add("--scim-purge.progress.mode=" + progress.name().toLowerCase(Locale.ROOT));
        if (quiet) {
            arguments.add("--logging.level.dev.scimpurge=WARN");
        }
        return arguments;
    }
}
