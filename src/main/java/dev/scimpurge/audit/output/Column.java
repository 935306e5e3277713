package dev.scimpurge.audit.output;

/**
 * A column of history or audit output: its name (the CSV header and JSON key; upper-cased as the
 * table header), the table's narrowest width, and whether the table aligns it to the right.
 */
public record Column(String name, int minWidth, boolean numeric) {

    public static Column text(String name, int minWidth) {
        return new Column(name, minWidth, false);
    }

    public static Column number(String name, int minWidth) {
        return new Column(name, minWidth, true);
    }
}
