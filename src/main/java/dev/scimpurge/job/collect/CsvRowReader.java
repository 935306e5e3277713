package dev.scimpurge.job.collect;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 reader: UTF-8 with or without BOM, LF or CRLF, quoted fields (with
 * doubled quotes and line breaks inside), blank lines skipped. It knows the line each record
 * starts on, rejects bytes that are not UTF-8 with the line they are on (see
 * {@link Utf8CheckingInputStream}), and cuts off records
 * larger than a limit instead of holding them in memory.
 */
public final class CsvRowReader implements Closeable {

    private static final int BOM = '\uFEFF';

    private final BufferedReader in;
    private final int maxRecordChars;
    private long line = 1;
    private boolean first = true;

    public CsvRowReader(InputStream input, int maxRecordChars) {
        this.in = new BufferedReader(new InputStreamReader(new Utf8CheckingInputStream(input), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        this.maxRecordChars = maxRecordChars;
    }

    /** The next non-blank record, or null at the end of the input. */
    public @Nullable CsvRow next() {
        try {
            while (true) {
                CsvRow row = readRecord();
                if (row == null) {
                    return null;
                }
                if (row.tooLong() || !(row.fields().size() == 1 && row.fields().get(0).isBlank())) {
                    return row;
                }
            }
        } catch (CharacterCodingException e) {
            throw new CsvFormatException("line " + line + " is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private @Nullable CsvRow readRecord() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordChars = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                return new CsvRow(startLine, fields, false);
            }
            if (++recordChars > maxRecordChars) {
                skipRestOfLine(c, quoted);
                return new CsvRow(startLine, List.of(field.substring(0, Math.min(field.length(), 80))), true);
            }
            if (quoted) {
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                line++;
                fields.add(field.toString());
                return new CsvRow(startLine, fields, false);
            } else {
                field.append((char) c);
                fieldStart = false;
            }
            c = read();
        }
    }

    private void skipRestOfLine(int c, boolean quoted) throws IOException {
        boolean inQuotes = quoted;
        while (c != -1) {
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n' && inQuotes) {
                line++;
            } else if ((c == '\n' || c == '\r') && !inQuotes) {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                line++;
                return;
            }
            c = read();
        }
    }

    private int read() throws IOException {
        int c = in.read();
        if (first) {
            first = false;
            if (c == BOM) {
                c = in.read();
            }
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
