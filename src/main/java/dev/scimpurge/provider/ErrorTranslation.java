package dev.scimpurge.provider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.Outcome;

/** Turns a server's refusal into the operator-facing outcome a profile's {@code errors} rules give it. */
public final class ErrorTranslation {

    private final List<ProviderProfile.ErrorRule> rules;

    public ErrorTranslation(List<ProviderProfile.ErrorRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public record Translated(Outcome outcome, String reason, String message) {
    }

    public Optional<Translated> translate(int status, @Nullable String detail) {
        String text = detail == null ? "" : detail;
        return rules.stream()
                .filter(rule -> rule.status() == null || rule.status() == status)
                .filter(rule -> rule.contains() == null || text.toLowerCase(Locale.ROOT).contains(rule.contains().toLowerCase(Locale.ROOT)))
                .findFirst()
                .map(rule -> new Translated(rule.outcome() == null ? Outcome.FAILED : Outcome.valueOf(rule.outcome().toUpperCase(Locale.ROOT)),
                        rule.reason(), rule.message().replace("{detail}", text)));
    }
}
