package dev.scimpurge.job.collect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which column of a CSV holds what. A header row naming the id column (Anaplan's {@code User ID})
 * or the email column is looked up by name; without one, the first column holds emails, or account
 * ids when the run takes ids (Atlassian's onlyDeleteUserInDB).
 *
 * @param idColumn     header of a column of account ids, used directly without lookup
 * @param emailColumn  header of a column of emails
 * @param idsByDefault the first column holds account ids when no named column is found
 */
public record CsvLayout(String idColumn, String emailColumn, boolean idsByDefault) {

    public static CsvLayout emails() {
        return new CsvLayout(null, null, false);
    }

    /** The column to read, decided from the first row. */
    public record Column(int index, boolean ids, boolean firstRowIsHeader) {
    }

    public Column decide(List<String> firstRow) {
        Optional<Integer> byId = indexOf(firstRow, idColumn);
        if (byId.isPresent()) {
            return new Column(byId.get(), true, true);
        }
        Optional<Integer> byEmail = indexOf(firstRow, emailColumn);
        if (byEmail.isPresent()) {
            return new Column(byEmail.get(), false, true);
        }
        String first = firstRow.isEmpty() ? "" : firstRow.get(0).strip();
        boolean header = idsByDefault ? AccountId.looksLikeHeader(first)
                : !EmailAddress.isValid(first) && EmailAddress.looksLikeHeader(first);
        return new Column(0, idsByDefault, header);
    }

    private static Optional<Integer> indexOf(List<String> row, String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i).strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
