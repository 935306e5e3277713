package dev.scimpurge.job.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    public static List<String> readFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the protect file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The protection that applies to this input value or account, if any, in words. */
    public Optional<String> match(String inputValue, String accountId) {
        if (accountId != null && accountIds.contains(accountId)) {
            return Optional.of("account id " + accountId + " is protected");
        }
        if (inputValue != null) {
            String value = inputValue.toLowerCase(Locale.ROOT);
            if (emails.contains(value)) {
                return Optional.of(inputValue + " is protected");
            }
            int at = value.lastIndexOf('@');
            if (at >= 0 && domains.contains(value.substring(at + 1))) {
                return Optional.of("the domain @" + value.substring(at + 1) + " is protected");
            }
            if (accountIds.contains(inputValue)) {
                return Optional.of("account id " + inputValue + " is protected");
            }
        }
        return Optional.empty();
    }

    public int size() {
        return emails.size() + accountIds.size() + domains.size();
    }
}
