package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * What a list request ({@code GET /Users}) costs on a server that materialises the whole directory for every request:
 * {@code base + perUser × directory size}, whatever the page size, on top of the latency. Set with
 * {@link SandboxFaults#listCost}.
 *
 * @param scope which list requests pay it
 */
public record ListCost(Duration base, Duration perUser, Scope scope) {

    /** Which list requests pay the cost. */
    public enum Scope {
        /** Every {@code GET /Users}, with or without a filter. */
        EVERY_LIST,
        /** Only {@code GET /Users} without a filter: a server whose filtered lookups use an index. */
        UNFILTERED_LISTS
    }

    /** The default: a list costs only the latency. */
    public static final ListCost NONE = everyList(Duration.ZERO, Duration.ZERO);

    public ListCost {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(perUser, "perUser");
        Objects.requireNonNull(scope, "scope");
        if (base.isNegative() || perUser.isNegative()) {
            throw new IllegalArgumentException("a list cost must not be negative, was " + base + " + " + perUser + " per user");
        }
    }

    public static ListCost everyList(Duration base, Duration perUser) {
        return new ListCost(base, perUser, Scope.EVERY_LIST);
    }

    public static ListCost unfilteredLists(Duration base, Duration perUser) {
        return new ListCost(base, perUser, Scope.UNFILTERED_LISTS);
    }

    /** What one list request costs against a directory of {@code directorySize} users. */
    Duration of(int directorySize, boolean filtered) {
        return filtered && scope == Scope.UNFILTERED_LISTS ? Duration.ZERO : base.plus(perUser.multipliedBy(directorySize));
    }
}
