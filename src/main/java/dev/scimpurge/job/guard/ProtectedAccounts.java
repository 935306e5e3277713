package dev.scimpurge.job.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.job.collect.Candidate;

/**
 * Accounts no run may touch: email addresses (case-insensitive), account ids (exact), and whole
 * domains ({@code @example.com}). From {@code --protect FILE} (one entry a line, {@code #}
 * comments) and the provider profile's {@code protect} list.
 */
public class ProtectedAccounts {

    private final Set<String> emails = new HashSet<>();
    private final Set<String> accountIds = new HashSet<>();
    private final Set<String> domains = new HashSet<>();

    public ProtectedAccounts(Collection<String> entries) {
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (entry.startsWith("@")) {
                domains.add(entry.substring(1).toLowerCase(Locale.ROOT));
            } else if (entry.contains("@")) {
                emails.add(entry.toLowerCase(Locale.ROOT));
            } else {
                accountIds.add(entry);
            }
        }
    }

    public static ProtectedAccounts none() {
        return new ProtectedAccounts(List.of());
    }

    /** The profile's protections and those of the protect file (when given), as the file reads now. */
    public static ProtectedAccounts of(Collection<String> profileEntries, @Nullable Path protectFile) {
        List<String> entries = new ArrayList<>(profileEntries);
        if (protectFile != null) {
            entries.addAll(readFile(protectFile));
        }
        return new ProtectedAccounts(entries);
    }

    private static List<String> readFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the protect file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The protection that applies to this row, if any, in words: by the input value as written, by the account id,
     * or by any address or userName the account was seen with ({@code accountNames}), so that a row naming an
     * account by one of its addresses cannot remove it while another of its addresses is protected.
     */
    public Optional<String> match(@Nullable String inputValue, @Nullable String accountId, Collection<String> accountNames) {
        if (accountId != null && accountIds.contains(accountId)) {
            return Optional.of("account id " + accountId + " is protected");
        }
        if (inputValue != null && accountIds.contains(inputValue)) {
            return Optional.of("account id " + inputValue + " is protected");
        }
        List<String> names = new ArrayList<>();
        if (inputValue != null) {
            names.add(inputValue);
        }
        names.addAll(accountNames);
        for (String name : names) {
            String value = name.toLowerCase(Locale.ROOT);
            if (emails.contains(value)) {
                return Optional.of(name + " is protected");
            }
            int at = value.lastIndexOf('@');
            if (at >= 0 && domains.contains(value.substring(at + 1))) {
                return Optional.of("the domain @" + value.substring(at + 1) + " is protected");
            }
        }
        return Optional.empty();
    }

    /** The protection of a collected row, by what it was collected and resolved with. */
    public Optional<String> match(Candidate candidate) {
        return match(candidate.inputValue(), candidate.accountId(), candidate.accountNames());
    }

    public int size() {
        return emails.size() + accountIds.size() + domains.size();
    }
}
