package dev.scimpurge.job.collect;

import java.util.regex.Pattern;

/**
 * What counts as an email address in an input file: a pragmatic subset of RFC 5321 (an unquoted
 * local part, a dotted domain), strict enough that a name, a formula or a stray header never
 * reaches the lookup.
 */
public final class EmailAddress {

    private static final Pattern VALID = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}[\\p{L}\\p{N}-]{0,62}");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(primary |user |work )?(e-?mail|user ?name|login)( address)?(es|s)?");

    private EmailAddress() {
    }

    public static boolean isValid(String value) {
        return value.length() <= 254 && VALID.matcher(value).matches()
                && !value.startsWith(".") && !value.contains("..") && !value.contains(".@");
    }

    public static boolean looksLikeHeader(String value) {
        return HEADER.matcher(value.strip()).matches();
    }
}
