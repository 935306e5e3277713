package dev.scimpurge.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.scimpurge.audit.Outcome;

/**
 * Every outcome's name as the commands print and accept it ({@code already_gone}), taken from
 * {@link Outcome} so that help texts cannot fall behind it. As picocli completion candidates, it
 * fills {@code ${COMPLETION-CANDIDATES}} in an option's description.
 */
final class OutcomeNames implements Iterable<String> {

    static String name(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** "deleted, already_gone, ..." */
    static String of(Collection<Outcome> outcomes) {
        return outcomes.stream().map(OutcomeNames::name).collect(Collectors.joining(", "));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Outcome.values()).map(OutcomeNames::name).iterator();
    }
}
