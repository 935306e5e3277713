package dev.scimpurge.cli;

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

    static ConfigurableApplicationContext start(SpringApplicationBuilder builder, JobDatabase database) {
        return builder.run(database.asSpringArguments().toArray(String[]::new));
    }
}
