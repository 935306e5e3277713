package dev.scimpurge.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.scimpurge.job.JobDatabase;

/**
 * Starts the Spring context of one command on a job database. No web server, banner or start-up
 * log, and no shutdown hook: a run decides itself what SIGTERM does (see {@link StopOnTermination}).
 */
final class CommandContexts {

    private CommandContexts() {
    }

    static SpringApplicationBuilder builder(Class<?> application) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
    }

    /** A context without a job database ({@code probe}): {@code arguments} are its Spring Boot arguments. */
    static ConfigurableApplicationContext start(SpringApplicationBuilder builder, List<String> arguments) {
        String[] args = arguments.toArray(String[]::new);
        return builder.build(args).run(args);
    }

    /**
     * @param more further Spring Boot arguments (e.g. TLS and proxy settings)
     * @throws JobDatabaseUnavailableException when the context cannot start because the job database cannot be opened
     */
    static ConfigurableApplicationContext start(SpringApplicationBuilder builder, JobDatabase database, List<String> more) {
        List<String> arguments = new ArrayList<>(database.asSpringArguments());
        arguments.addAll(more);
        String[] args = arguments.toArray(String[]::new);
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.build(args).run(args);
            } catch (RuntimeException e) {
                SQLException sql = sqlCause(e);
                if (sql == null) {
                    throw e;
                }
                if (attempt < OPEN_ATTEMPTS && H2_OPENING.contains(sql.getErrorCode())) {
                    // another process is creating or handing over the same H2 file at this moment: nothing has run yet
                    pause(attempt);
                    continue;
                }
                throw new JobDatabaseUnavailableException("cannot open the job database at " + database.location() + ": "
                        + sql.getMessage(), e);
            }
        }
    }

    /** H2's "Error opening database" (lock file recently modified), "already open", "connection broken", "closed". */
    private static final java.util.Set<Integer> H2_OPENING = java.util.Set.of(8000, 90020, 90067, 90121);
    private static final int OPEN_ATTEMPTS = 5;

    private static @org.jspecify.annotations.Nullable SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to open the job database", interrupted);
        }
    }
}
