package dev.scimpurge.job.lookup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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

    public void insert(long jobInstanceId, List<ScimUser> users) {
        List<Object[]> rows = new ArrayList<>();
        for (ScimUser user : users) {
            Set<String> emails = new LinkedHashSet<>();
            user.emails().forEach(email -> emails.add(email.toLowerCase(Locale.ROOT)));
            emails.forEach(email -> rows.add(new Object[] {jobInstanceId, EMAIL, email, user.id()}));
            if (user.userName() != null) {
                rows.add(new Object[] {jobInstanceId, USER_NAME, user.userName().toLowerCase(Locale.ROOT), user.id()});
            }
        }
        jdbc.batchUpdate("INSERT INTO PURGE_DIRECTORY (JOB_INSTANCE_ID, ATTRIBUTE, KEY_VALUE, ACCOUNT_ID) VALUES (?, ?, ?, ?)", rows);
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
                List<String> ids = jdbc.queryForList("""
                        SELECT DISTINCT ACCOUNT_ID FROM PURGE_DIRECTORY
                        WHERE JOB_INSTANCE_ID = ? AND KEY_VALUE = ? AND ATTRIBUTE = ? ORDER BY ACCOUNT_ID""",
                        String.class, jobInstanceId, key, attribute);
                if (ids.size() == 1) {
                    return new Lookup.Found(user(ids.get(0)));
                }
                if (ids.size() > 1) {
                    return new Lookup.Ambiguous(ids.stream().map(DirectoryTable::user).toList());
                }
            }
            return new Lookup.NotFound();
        };
    }

    private static ScimUser user(String id) {
        return new ScimUser(id, null, List.of(), null, null);
    }
}
