package dev.scimpurge.job.collect;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.Reasons;
import dev.scimpurge.job.guard.GuardSettings;
import dev.scimpurge.job.guard.RemovalGuardException;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimUser;

/**
 * Reconciliation: every account of the service's directory that the keep list (the people who should still have an
 * account, one address or account id a row, read by the CSV rules of {@link CsvSource}) does not name.
 * <p>
 * A list entry names an account when it equals, ignoring case, the account's id or one of its addresses or its userName:
 * matching errs on the side of keeping. An account with no address (no email, and a userName that is not one) cannot
 * be judged against a list of addresses: it is settled as {@link Outcome#KEPT_NO_ADDRESS}, listed and never removed,
 * unless the list is one of account ids (no entry is an address), where every account is judged by its id.
 * <p>
 * The whole directory is paged into the candidate table, within the collection's one transaction, before anything is
 * removed. A list that names less than {@code keepOnlyMinMatch} percent of the directory's accounts (an empty or cut
 * export) refuses the run right there: the collection is rolled back and nothing is planned.
 */
public final class KeepOnlySource implements CandidateSource {

    private static final Logger log = LoggerFactory.getLogger(KeepOnlySource.class);

    private final Path file;
    private final CsvLayout layout;
    private final int maxRecordChars;
    private final ScimClient client;
    private final int pageSize;
    private final int maxPages;
    private final GuardSettings guards;

    public KeepOnlySource(Path file, CsvLayout layout, int maxRecordChars, ScimClient client, int pageSize, int maxPages,
            GuardSettings guards) {
        this.file = file;
        this.layout = layout;
        this.maxRecordChars = maxRecordChars;
        this.client = client;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.guards = guards;
    }

    /** The keep list, lower-cased; {@code idsOnly} when no entry is an address. */
    private record KeepList(Set<String> entries, boolean idsOnly) {

        boolean names(ScimUser user) {
            if (entries.contains(user.id().toLowerCase(Locale.ROOT))) {
                return true;
            }
            return user.names().stream().anyMatch(name -> entries.contains(name.strip().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void readInto(CollectedRows rows) {
        KeepList keep = readKeepList();
        long[] directory = {0};
        long[] matched = {0};
        long[] noAddress = {0};
        DirectoryPages.forEachUser(client, null, client.listUsers(null, 1, pageSize), pageSize, maxPages, user -> {
            directory[0]++;
            if (keep.names(user)) {
                matched[0]++;
                return;
            }
            boolean hasAddress = user.names().stream().anyMatch(name -> EmailAddress.isValid(name.strip()));
            if (hasAddress || keep.idsOnly()) {
                String display = user.displayEmail() == null ? user.id() : user.displayEmail();
                rows.accept(null, display, user.id(), user.id(), user.names(), user.lastModified(), user.active());
            } else {
                noAddress[0]++;
                rows.settle(null, user.displayEmail() == null ? user.id() : user.displayEmail(), user.id(), Outcome.KEPT_NO_ADDRESS,
                        Reasons.NO_ADDRESS, "not on the keep list, but the account has no address to judge it by; left alone, "
                                + "check it by hand (or keep-list by account id)");
            }
        });
        double share = directory[0] == 0 ? 100 : matched[0] * 100.0 / directory[0];
        log.info("The keep list ({} entries) names {} of the directory's {} accounts ({}%); {} without an address are left alone",
                keep.entries().size(), matched[0], directory[0], String.format(Locale.ROOT, "%.1f", share), noAddress[0]);
        if (share < guards.keepOnlyMinMatch()) {
            long candidates = directory[0] - matched[0] - noAddress[0];
            throw new RemovalGuardException(String.format(Locale.ROOT, "The keep list %s names %d of the directory's %d accounts "
                    + "(%.1f%%), less than --keep-only-min-match %s: an empty or cut export would have %d accounts removed. "
                    + "Nothing was planned or removed. Check the list; if it is right, run the same command again with a lower "
                    + "--keep-only-min-match.", file, matched[0], directory[0], share, format(guards.keepOnlyMinMatch()), candidates),
                    new RemovalGuardException.Refusal(RemovalGuardException.Guard.KEEP_ONLY_MIN_MATCH, candidates, guards.maxDeletes(),
                            guards.maxDeletePercent(), directory[0], null, "--keep-only-min-match " + (long) Math.floor(share)));
        }
    }

    private static String format(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }

    private KeepList readKeepList() {
        Set<String> entries = new HashSet<>();
        boolean[] anyAddress = {false};
        // A row the list cannot be read at would leave someone off it, and their account removed: refuse.
        CsvColumn.read(file, layout, maxRecordChars, new CsvColumn.Rows() {
            @Override
            public void value(long line, String value, CsvLayout.Column column) {
                if (!value.isEmpty()) {
                    anyAddress[0] |= EmailAddress.isValid(value);
                    entries.add(value.toLowerCase(Locale.ROOT));
                }
            }

            @Override
            public void tooLong(long line, String start) {
                throw new CsvFormatException("the keep list " + file + ": line " + line + " is longer than " + maxRecordChars
                        + " characters; nothing was removed");
            }

            @Override
            public void missingColumn(long line, String first, int fields, CsvLayout.Column column) {
                throw new CsvFormatException("the keep list " + file + ": line " + line + " has no '" + column.name()
                        + "' column (field " + (column.index() + 1) + "); nothing was removed");
            }
        });
        return new KeepList(Set.copyOf(entries), !entries.isEmpty() && !anyAddress[0]);
    }

    @Override
    public String describe() {
        return "every account of " + client.base() + " not on the keep list " + file;
    }
}
