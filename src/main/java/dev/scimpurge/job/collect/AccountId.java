package dev.scimpurge.job.collect;

import java.util.regex.Pattern;

/** What counts as an account id in an input file: printable, no spaces, of a sane length. */
public final class AccountId {

    private static final Pattern VALID = Pattern.compile("[\\p{Graph}&&[^\\s]]{1,256}");
    private static final Pattern HEADER = Pattern.compile("(?i)(user ?id|account ?id|aaid|id|atlassian account id)");

    private AccountId() {
    }

    public static boolean isValid(String value) {
        return VALID.matcher(value).matches();
    }

    public static boolean looksLikeHeader(String value) {
        return HEADER.matcher(value.strip()).matches();
    }
}
