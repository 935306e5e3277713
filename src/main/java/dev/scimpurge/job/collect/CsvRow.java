package dev.scimpurge.job.collect;

import java.util.List;

/** One CSV record: the line it starts on and its fields. {@code tooLong} marks a record cut off at the size limit. */
public record CsvRow(long lineNo, List<String> fields, boolean tooLong) {

    public CsvRow {
        fields = List.copyOf(fields);
    }

    public String first() {
        return fields.isEmpty() ? "" : fields.get(0);
    }
}
