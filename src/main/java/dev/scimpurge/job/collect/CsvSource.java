package dev.scimpurge.job.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.scim.ScimUser;

/**
 * A CSV of emails or account ids ({@link CsvLayout} decides which column from the first row).
 * The reference script's users.csv (one email per line, no header) works unchanged, and so does
 * an Anaplan Users export (header, {@code User ID} column). Where the profile says the CSV's account ids are the
 * service's own (Atlassian's aaid, {@code csv.id-attribute}), they are resolved to SCIM ids through that attribute by
 * paging the directory once ({@link AccountIdDirectory}), never sent as SCIM ids.
 */
public final class CsvSource implements CandidateSource {

    private final Path file;
    private final CsvLayout layout;
    private final int maxRecordChars;
    private final @Nullable AccountIdDirectory accountIds;

    public CsvSource(Path file, CsvLayout layout, int maxRecordChars) {
        this(file, layout, maxRecordChars, null);
    }

    /** @param accountIds resolves a column of the service's own account ids to SCIM ids; null: ids are SCIM ids */
    CsvSource(Path file, CsvLayout layout, int maxRecordChars, @Nullable AccountIdDirectory accountIds) {
        this.file = file;
        this.layout = layout;
        this.maxRecordChars = maxRecordChars;
        this.accountIds = accountIds;
    }

    @Override
    public void readInto(CollectedRows rows) {
        Map<String, List<Long>> toResolve = new LinkedHashMap<>();
        CsvColumn.read(file, layout, maxRecordChars, new CsvColumn.Rows() {
            @Override
            public void value(long line, String value, CsvLayout.Column column) {
                if (column.ids() && accountIds != null) {
                    if (AccountId.isValid(value)) {
                        toResolve.computeIfAbsent(value, v -> new ArrayList<>()).add(line);
                    } else {
                        rows.reject(line, value, Reasons.INVALID_ACCOUNT_ID, "not a valid account id (line " + line + ")");
                    }
                } else if (column.ids()) {
                    acceptId(rows, line, value);
                } else {
                    acceptEmail(rows, line, value);
                }
            }

            @Override
            public void tooLong(long line, String start) {
                rows.reject(line, start, Reasons.LINE_TOO_LONG, "line " + line + " is longer than " + maxRecordChars + " characters");
            }

            @Override
            public void missingColumn(long line, String first, int fields, CsvLayout.Column column) {
                rows.reject(line, first, Reasons.MISSING_COLUMN, "line " + line + " has " + fields + " field(s); the '"
                        + column.name() + "' column is field " + (column.index() + 1));
            }
        });
        if (accountIds != null) {
            resolve(rows, toResolve, accountIds);
        }
    }

    /**
     * Each account id as the SCIM id of the user that carries it; an id no user carries is not found, unless the listing
     * stopped early, where it failed: the directory was not read whole.
     */
    private void resolve(CollectedRows rows, Map<String, List<Long>> toResolve, AccountIdDirectory directory) {
        if (toResolve.isEmpty()) {
            return;
        }
        AccountIdDirectory.Found found = directory.find(toResolve.keySet());
        toResolve.forEach((accountId, lines) -> {
            ScimUser user = found.byAccountId().get(accountId);
            for (long line : lines) {
                if (user != null) {
                    rows.accept(line, accountId, accountId, user.id(), user.names());
                } else if (found.complete()) {
                    rows.settle(line, accountId, null, Outcome.NOT_FOUND, Reasons.ACCOUNT_ID_NOT_FOUND, "no user of the directory has "
                            + directory.attribute() + " " + accountId + " (line " + line + ")");
                } else {
                    rows.reject(line, accountId, Reasons.LOOKUP_FAILED, "the directory's listing stopped before its end, so account id "
                            + accountId + " could not be resolved (line " + line + "); nothing was sent for it");
                }
            }
        });
    }

    private static void acceptEmail(CollectedRows rows, long line, String value) {
        if (EmailAddress.isValid(value)) {
            rows.accept(line, value, value.toLowerCase(Locale.ROOT), null, List.of());
        } else {
            rows.reject(line, value, Reasons.INVALID_EMAIL, "not a valid email address (line " + line + ")");
        }
    }

    private static void acceptId(CollectedRows rows, long line, String value) {
        if (AccountId.isValid(value)) {
            rows.accept(line, value, value, value, List.of());
        } else {
            rows.reject(line, value, Reasons.INVALID_ACCOUNT_ID, "not a valid account id (line " + line + ")");
        }
    }

    @Override
    public String describe() {
        return "CSV " + file;
    }
}
