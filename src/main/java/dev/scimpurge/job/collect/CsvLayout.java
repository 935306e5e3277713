package dev.scimpurge.job.collect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Which column of a CSV holds what. A header row naming the id column (Anaplan's {@code User ID})
 * or the email column is looked up by name; without one, the first column holds emails, or account
 * ids when the run takes ids (Atlassian's onlyDeleteUserInDB).
 *
 * @param idColumn     header of a column of account ids, used directly without lookup
 * @param emailColumn  header of a column of emails
 * @param idsByDefault the first column holds account ids when no named column is found
 * @param idsByHeader  a first column headed as account ids ({@link AccountId#looksLikeHeader}, e.g. "Atlassian account
 *                     ID") holds account ids, though the run takes emails: the profile resolves them through an attribute
 */
public record CsvLayout(@Nullable String idColumn, @Nullable String emailColumn, boolean idsByDefault, boolean idsByHeader) {

    public CsvLayout(@Nullable String idColumn, @Nullable String emailColumn, boolean idsByDefault) {
        this(idColumn, emailColumn, idsByDefault, false);
    }

    public static CsvLayout emails() {
        return new CsvLayout(null, null, false);
    }

    /**
     * The column to read, decided from the first row.
     *
     * @param name the column's header as the file spells it, or a description of it when there is no header
     */
    public record Column(int index, boolean ids, boolean firstRowIsHeader, String name) {
    }

    public Column decide(List<String> firstRow) {
        Optional<Integer> byId = indexOf(firstRow, idColumn);
        if (byId.isPresent()) {
            return new Column(byId.get(), true, true, firstRow.get(byId.get()).strip());
        }
        Optional<Integer> byEmail = indexOf(firstRow, emailColumn);
        if (byEmail.isPresent()) {
            return new Column(byEmail.get(), false, true, firstRow.get(byEmail.get()).strip());
        }
        String first = firstRow.isEmpty() ? "" : firstRow.get(0).strip();
        if (!idsByDefault && idsByHeader && AccountId.looksLikeHeader(first)) {
            return new Column(0, true, true, first);
        }
        boolean header = idsByDefault ? AccountId.looksLikeHeader(first)
                : !EmailAddress.isValid(first) && EmailAddress.looksLikeHeader(first);
        if (!header && namesColumns() && firstRow.size() > 1 && firstRow.stream().noneMatch(f -> EmailAddress.isValid(f.strip()))) {
            // A header without the profile's columns: reading its first column would fail every row for the wrong reason.
            throw new CsvFormatException("the first row has no " + expectedColumns() + " column (its columns: "
                    + describe(firstRow) + "); export the file with that column, or pass a CSV whose first column holds the "
                    + (idsByDefault ? "account ids" : "email addresses"));
        }
        return new Column(0, idsByDefault, header, idsByDefault ? "account id" : "email");
    }

    private boolean namesColumns() {
        return idColumn != null || emailColumn != null;
    }

    private String expectedColumns() {
        return String.join(" or ", Stream.of(idColumn, emailColumn).filter(Objects::nonNull)
                .map(name -> "'" + name + "'").toList());
    }

    private static String describe(List<String> row) {
        String joined = String.join(", ", row.stream().map(f -> f.strip().length() > 40 ? f.strip().substring(0, 40) + "…" : f.strip()).toList());
        return joined.length() > 200 ? joined.substring(0, 200) + "…" : joined;
    }

    private static Optional<Integer> indexOf(List<String> row, @Nullable String name) {
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
