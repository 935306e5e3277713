package dev.scimpurge.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode     set by the command line (bar on a terminal, lines without one, none with --quiet)
 * @param interval how often a progress line is logged when there is no terminal
 */
@ConfigurationProperties("scim-purge.progress")
public record ProgressProperties(@DefaultValue("lines") ProgressMode mode, @DefaultValue("30s") Duration interval) {
}
