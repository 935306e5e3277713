package dev.scimpurge.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and when to tell of a run's end ({@code scim-purge.notify}).
 *
 * @param on        which ends to tell of (YAML 1.1 reads an unquoted {@code on:} key as {@code true}; {@link NotifyConfiguration} reads it there too)
 * @param details   whether users' addresses and names may be in a notification (the rows that failed)
 * @param webhook   the one webhook of {@code --notify URL}, besides {@code webhooks}
 * @param webhooks  URLs that get the run's JSON document by POST
 * @param slack     Slack incoming-webhook URLs (secrets: never logged)
 * @param email     addresses that get an email, over the SMTP server of {@code spring.mail.*}
 * @param attempts  tries of each delivery before it is given up (logged, the run unchanged)
 * @param retryDelay pause between tries
 * @param timeout   connect and answer time allowed to a receiver
 */
@ConfigurationProperties("scim-purge.notify")
public record NotifyProperties(
        @DefaultValue({"refused", "failed", "stopped"}) List<Trigger> on,
        @DefaultValue("false") boolean details,
        @Nullable URI webhook,
        @DefaultValue List<URI> webhooks,
        @DefaultValue List<URI> slack,
        @DefaultValue Email email,
        @DefaultValue("3") int attempts,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("10s") Duration timeout) {

    /** @param to recipients; none: no email */
    public record Email(@DefaultValue List<String> to, @DefaultValue("scim-purge@localhost") String from) {
    }
}
