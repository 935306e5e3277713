package dev.scimpurge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import dev.scimpurge.monitoring.ProgressMode;

/**
 * What a run of the job is given besides its input, the same for {@code purge} and {@code restart}:
 * how to reach the service, the log format, how progress is shown, whether to ask for
 * confirmation, and whom to tell how it went. They reach the run's Spring context as property arguments.
 */
public class RunOptions {

    @Mixin
    TransportOptions transport;

    @Mixin
    ReportingOptions reporting;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", converter = LogFormatConverter.class,
            description = "text: lines for people (default); json: one JSON object a line (Elastic Common Schema), for log "
                    + "collectors such as Kubernetes'; also ecs, logstash, gelf. Every line of a run carries its execution id.")
    LogFormat logFormat = LogFormat.TEXT;

    @Option(names = "--quiet", description = "No progress bar, progress lines or informational log lines; "
            + "warnings, errors and the summary still print.")
    boolean quiet;

    @Mixin
    ConfirmationOptions confirmation;

    /** The log formats; {@code json} is the Elastic Common Schema, which most collectors read as it is. */
    enum LogFormat {
        TEXT(null), JSON("ecs"), ECS("ecs"), LOGSTASH("logstash"), GELF("gelf");

        private final @Nullable String springFormat;

        LogFormat(@Nullable String springFormat) {
            this.springFormat = springFormat;
        }
    }

    static final class LogFormatConverter implements ITypeConverter<LogFormat> {

        @Override
        public LogFormat convert(String value) {
            try {
                return LogFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected text, json, ecs, logstash or gelf, not '" + value + "'");
            }
        }
    }

    /**
     * The run's context arguments: transport (warning on {@code environment}'s stderr about skipped
     * verification), log format, progress, notification and metrics, and the log settings of --debug.
     *
     * @param terminal whether a person watches the output (a progress bar) or it goes to a log (progress lines)
     */
    List<String> springArguments(CommandEnvironment environment, boolean terminal) {
        List<String> arguments = new ArrayList<>(transport.asSpringArguments(environment.err()));
        if (logFormat.springFormat != null) {
            arguments.add("--logging.structured.format.console=" + logFormat.springFormat);
            // a log collector keeps the failing exception, its frames in the event's error field
            arguments.add("--logging.level.reported-failures=ERROR");
        }
        ProgressMode progress = quiet ? ProgressMode.NONE : terminal ? ProgressMode.BAR : ProgressMode.LINES;
        arguments.add("--scim-purge.progress.mode=" + progress.name().toLowerCase(Locale.ROOT));
        if (quiet) {
            arguments.add("--logging.level.dev.scimpurge=WARN");
        }
        arguments.addAll(reporting.springArguments());
        arguments.addAll(environment.logArguments());
        return arguments;
    }
}
