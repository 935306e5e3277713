package dev.scimpurge.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

import tools.jackson.databind.json.JsonMapper;

/** The run's destinations, from {@code scim-purge.notify} and {@code --notify}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfiguration {

    /** Where Spring Boot puts an unquoted {@code on:} key, which YAML 1.1 reads as the boolean true. */
    private static final String YAML_BOOLEAN_ON = "scim-purge.notify[true]";

    @Bean
    RunNotifier runNotifier(NotifyProperties properties, RunNotices notices, JsonMapper mapper, ObjectProvider<JavaMailSender> mail,
            Environment environment) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        NoticeDocuments documents = new NoticeDocuments(mapper);
        List<Channel> channels = new ArrayList<>();
        Set<URI> webhooks = new LinkedHashSet<>(properties.webhooks());
        if (properties.webhook() != null) {
            webhooks.add(properties.webhook());
        }
        webhooks.forEach(url -> channels.add(http("webhook", url, http, properties, documents::webhook)));
        properties.slack().forEach(url -> channels.add(http("Slack webhook", url, http, properties, documents::slack)));
        if (!properties.email().to().isEmpty()) {
            JavaMailSender sender = mail.getIfAvailable();
            channels.add(sender == null
                    ? new UnusableChannel("email to " + properties.email().to().size() + " recipient(s)",
                            "scim-purge.notify.email.to is set but no SMTP server is: set spring.mail.host (and port)")
                    : new EmailChannel(sender, properties.email().from(), properties.email().to()));
        }
        return new RunNotifier(notices, channels, triggers(properties, environment), properties.details(), properties.attempts(),
                properties.retryDelay());
    }

    private static Set<Trigger> triggers(NotifyProperties properties, Environment environment) {
        List<Trigger> unquoted = Binder.get(environment).bind(YAML_BOOLEAN_ON, Bindable.listOf(Trigger.class)).orElse(null);
        return unquoted != null && !unquoted.isEmpty() ? EnumSet.copyOf(unquoted)
                : properties.on().isEmpty() ? EnumSet.noneOf(Trigger.class) : EnumSet.copyOf(properties.on());
    }

    private static Channel http(String kind, URI url, HttpClient http, NotifyProperties properties,
            Function<RunNotice, String> body) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            return new UnusableChannel("a " + kind + " of scheme " + url.getScheme(),
                    "a notification URL must be http:// or https:// with a host");
        }
        return new HttpChannel(kind, url, http, properties.timeout(), body);
    }
}
