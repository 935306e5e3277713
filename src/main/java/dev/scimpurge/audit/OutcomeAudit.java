package dev.scimpurge.audit;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Streams PURGE_OUTCOME rows in OUTCOME_ID order, one at a time: with a cursor and a fetch
 * size, whatever the table's size. Run it in a transaction: PostgreSQL uses a cursor only in one.
 */
public final class OutcomeAudit {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;

    public OutcomeAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void forEach(OutcomeFilter filter, Consumer<OutcomeRow> action) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        BiConsumer<String, Object> where = (condition, value) -> {
            if (value != null) {
                conditions.add(condition);
                arguments.add(value);
            }
        };
        where.accept("JOB_EXECUTION_ID = ?", filter.jobExecutionId());
        where.accept("LOWER(INPUT_VALUE) = ?", filter.email() == null ? null : filter.email().toLowerCase(Locale.ROOT));
        where.accept("ACCOUNT_ID = ?", filter.accountId());
        where.accept("OUTCOME = ?", filter.outcome() == null ? null : filter.outcome().toUpperCase(Locale.ROOT));
        where.accept("RECORDED_AT >= ?", filter.since());
        String clause = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT " + OutcomeRow.COLUMNS + " FROM PURGE_OUTCOME" + clause + " ORDER BY OUTCOME_ID");
            for (int i = 0; i < arguments.size(); i++) {
                select.setObject(i + 1, arguments.get(i));
            }
            select.setFetchSize(FETCH_SIZE);
            return select;
        }, (RowCallbackHandler) rs -> action.accept(OutcomeRow.read(rs)));
    }
}
