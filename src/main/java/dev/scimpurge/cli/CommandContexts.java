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

    /**
     * @param more further Spring Boot arguments (e.g. TLS and proxy settings)
     * @throws JobDatabaseUnavailableException when the context cannot start because the job database cannot be opened
     */
    static ConfigurableApplicationContext start(SpringApplicationBuilder builder, JobDatabase database, List<String> more) {
        List<String> arguments = new ArrayList<>(database.asSpringArguments());
        arguments.addAll(more);
        try {
            return builder.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    throw new JobDatabaseUnavailableException("cannot open the job database at " + database.location() + ": "
                            + sql.getMessage(), e);
                }
            }
            throw e;
        }
    }
}
