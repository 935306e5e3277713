package dev.scimpurge.cli;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeAudit;
import dev.scimpurge.audit.OutcomeFilter;
import dev.scimpurge.audit.output.Column;

/** {@code scim-purge audit}: every recorded outcome row, streamed. */
@Command(name = "audit",
        description = {
                "Lists recorded outcomes, one line per input row, in the order they were recorded: outcome id, "
                        + "execution, time, line, input value, account id, outcome, reason, HTTP status and message.",
                "",
                "Streams from the job database, whatever its size, and reads it only. In CSV, a value that a "
                        + "spreadsheet would run as a formula gets a leading apostrophe.",
                "'audit verify' checks that no outcome row was changed, added or removed.",
                ""},
        subcommands = {AuditVerifyCommand.class},
        footer = {"", "Examples:",
                "  scim-purge audit --execution 3",
                "  scim-purge audit --email jane@example.com --format json",
                "  scim-purge audit --outcome failed --since 2026-11-01 --format csv > failed.csv",
                "  scim-purge audit verify"})
public class AuditCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(
            Column.number("outcome_id", 10), Column.number("execution", 9), Column.text("recorded_at", 19),
            Column.number("line", 4), Column.text("input", 24), Column.text("account_id", 10), Column.text("outcome", 12),
            Column.text("reason", 15), Column.number("http_status", 11), Column.text("message", 7));

    @Mixin
    CommandEnvironment environment;

    @Option(names = "--execution", paramLabel = "N", description = "Only rows recorded by job execution N.")
    @Nullable Long execution;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Only rows whose input value is this address (ignoring case).")
    @Nullable String email;

    @Option(names = "--account-id", paramLabel = "ID", description = "Only rows for this account id.")
    @Nullable String accountId;

    @Option(names = "--outcome", paramLabel = "OUTCOME", completionCandidates = OutcomeNames.class,
            description = "Only rows with this outcome: ${COMPLETION-CANDIDATES}.")
    @Nullable String outcome;

    @Option(names = "--since", paramLabel = "DATE", converter = DateTimeConverter.class,
            description = "Only rows recorded at or after this time: " + DateTimeConverter.FORMATS + ", local time.")
    @Nullable LocalDateTime since;

    @Mixin
    ListingOptions listing;

    @Override
    public Integer call() {
        if (outcome != null && !Outcome.isKnown(outcome.toUpperCase(Locale.ROOT))) {
            environment.err().println("note: '" + outcome + "' is not an outcome this version records "
                    + "(" + OutcomeNames.of(List.of(Outcome.values())) + "); listing the rows that have it anyway");
        }
        OutcomeFilter filter = new OutcomeFilter(execution, email, accountId, outcome, since);
        return listing.print(environment, COLUMNS, (jdbc, rows) -> new OutcomeAudit(jdbc).forEach(filter, row -> rows.row(
                        row.outcomeId(), row.jobExecutionId(), row.recordedAt(), row.lineNo(), row.inputValue(),
                        row.accountId(), row.outcome().toLowerCase(Locale.ROOT), row.reason(), row.httpStatus(), row.message())));
    }
}
