package dev.scimpurge.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** RFC 7644 §3.4.2.2 attribute operators. The ordering operators are recognised but not supported. */
enum FilterOperator {
    EQ(true), NE(true), CO(true), SW(true), EW(true), PR(true), GT(false), GE(false), LT(false), LE(false);

    private final boolean supported;

    FilterOperator(boolean supported) {
        this.supported = supported;
    }

    static Optional<FilterOperator> parse(String word) {
        return Arrays.stream(values()).filter(op -> op.keyword().equalsIgnoreCase(word)).findFirst();
    }

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean supported() {
        return supported;
    }

    boolean isSubstringMatch() {
        return this == CO || this == SW || this == EW;
    }
}
