package dev.scimpurge.audit.output;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** A JSON array with one object a line, so that it streams and still reads as one document. */
final class JsonRowWriter extends RowWriter {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private boolean first = true;

    JsonRowWriter(PrintWriter out, List<Column> columns) {
        super(out, columns);
    }

    @Override
    protected void write(Object[] values) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            object.put(columns.get(i).name(), values[i] instanceof LocalDateTime time ? isoTime(time) : values[i]);
        }
        out.print(first ? "[\n" : ",\n");
        out.print(mapper.writeValueAsString(object));
        first = false;
    }

    @Override
    public void finish() {
        out.print(first ? "[]\n" : "\n]\n");
        out.flush();
    }
}
