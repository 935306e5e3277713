package dev.scimpurge.job.lookup;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.scimpurge.job.collect.AccountNames;
import dev.scimpurge.scim.EmailResolver.Lookup;
import dev.scimpurge.scim.ScimUser;

/**
 * PURGE_DIRECTORY: the service's users as {@code --lookup directory} copied them, one row per
 * address, matched case-insensitively on every email and on userName.
 */
@Repository
public class DirectoryTable {

    static final String EMAIL = "email";
    static final String USER_NAME = "userName";

    private final JdbcTemplate jdbc;

    public DirectoryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The attribute a lookup filter names, as this table keeps it; empty for one it cannot answer
     * (then the directory cannot stand in for the filter).
     */
    static Optional<String> attributeFor(String filterAttribute) {
        return switch (filterAttribute.toLowerCase(Locale.ROOT)) {
            case "emails.value", "emails", "email" -> Optional.of(EMAIL);
            case "username" -> Optional.of(USER_NAME);
            default -> Optional.empty();
        };
    }

    /** Each row also carries all of its user's names, so that a match brings them along without a second query. */
    public void insert(long jobInstanceId, List<ScimUser> users) {
        List<Object[]> rows = new ArrayList<>();
        for (ScimUser user : users) {
            String names = AccountNames.encode(user.names());
            Set<String> emails = new LinkedHashSet<>();
            user.emails().forEach(email -> emails.add(email.toLowerCase(Locale.ROOT)));
            emails.forEach(email -> rows.add(new Object[] {jobInstanceId, EMAIL, email, user.id(), names}));
            if (user.userName() != null) {
                rows.add(new Object[] {jobInstanceId, USER_NAME, user.userName().toLowerCase(Locale.ROOT), user.id(), names});
            }
        }
        jdbc.batchUpdate("INSERT INTO PURGE_DIRECTORY (JOB_INSTANCE_ID, ATTRIBUTE, KEY_VALUE, ACCOUNT_ID, ACCOUNT_NAMES) "
                + "VALUES (?, ?, ?, ?, ?)", rows);
    }

    public void clear(long jobInstanceId) {
        jdbc.update("DELETE FROM PURGE_DIRECTORY WHERE JOB_INSTANCE_ID = ?", jobInstanceId);
    }

    /**
     * Asks the copy as the filters would ask the server: attribute by attribute, in the profile's
     * order; the first attribute with a match decides.
     */
    public AccountLookup lookup(long jobInstanceId, List<String> attributes) {
        return email -> {
            String key = email.toLowerCase(Locale.ROOT);
            for (String attribute : attributes) {
                Map<String, ScimUser> users = new LinkedHashMap<>();
                jdbc.query("""
                        SELECT ACCOUNT_ID, ACCOUNT_NAMES FROM PURGE_DIRECTORY
                        WHERE JOB_INSTANCE_ID = ? AND KEY_VALUE = ? AND ATTRIBUTE = ? ORDER BY ACCOUNT_ID""",
                        (ResultSet rs) -> {
                            users.putIfAbsent(rs.getString(1), new ScimUser(rs.getString(1), null, AccountNames.decode(rs.getString(2)), null, null));
                        }, jobInstanceId, key, attribute);
                if (users.size() == 1) {
                    return new Lookup.Found(users.values().iterator().next());
                }
                if (users.size() > 1) {
                    return new Lookup.Ambiguous(List.copyOf(users.values()));
                }
            }
            return new Lookup.NotFound();
        };
    }
}
