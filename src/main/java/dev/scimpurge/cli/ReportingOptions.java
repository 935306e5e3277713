package dev.scimpurge.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Telling others how a run went: a webhook notified at its end, and a Prometheus Pushgateway
 * its metrics are pushed to. More destinations, and when to notify, are in the config file
 * (scim-purge.notify, scim-purge.metrics). They reach the run's Spring context as property arguments.
 */
public class ReportingOptions {

    @Option(names = "--notify", paramLabel = "URL",
            description = "A webhook that gets a JSON document (target, execution, status, exit code, counts, reports, "
                    + "a guard's figures) when a run is refused, has failed rows, fails or stops; "
                    + "more destinations (Slack, email) and when to notify: scim-purge.notify in --config.")
    @Nullable URI notify;

    @Option(names = "--metrics-push", paramLabel = "URL",
            description = "A Prometheus Pushgateway (e.g. http://pushgateway:9091) that gets the run's metrics at its end "
                    + "and every scim-purge.metrics.push-interval (30s) while it runs, grouped by job and target.")
    @Nullable URI metricsPush;

    List<String> springArguments() {
        List<String> arguments = new ArrayList<>();
        if (notify != null) {
            arguments.add("--scim-purge.notify.webhook=" + httpUrl(notify, "--notify"));
        }
        if (metricsPush != null) {
            arguments.add("--scim-purge.metrics.push-url=" + httpUrl(metricsPush, "--metrics-push"));
        }
        return arguments;
    }

    private static URI httpUrl(URI url, String option) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new UsageException(option + ": expected an http:// or https:// URL with a host, not '" + url + "'");
        }
        return url;
    }
}
