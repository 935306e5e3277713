package dev.scimpurge.metrics;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the run's metrics go ({@code scim-purge.metrics}).
 *
 * @param pushUrl      a Prometheus Pushgateway ({@code --metrics-push}); none: metrics are kept in the process only
 * @param pushInterval how often they are pushed while a run goes on (and once more at its end)
 * @param job          the grouping key's {@code job} label; {@code target} is the run's SCIM base URL
 */
@ConfigurationProperties("scim-purge.metrics")
public record MetricsProperties(@Nullable URI pushUrl, @DefaultValue("30s") Duration pushInterval,
        @DefaultValue("scim-purge") String job) {
}
