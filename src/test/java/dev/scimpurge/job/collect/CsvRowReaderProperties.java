package dev.scimpurge.job.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any list of records written with RFC 4180 quoting reads back to the same fields and start lines. */
class CsvRowReaderProperties {

    /** One record as written: its fields, which of them are quoted, and its line end. */
    record Written(List<String> fields, List<Boolean> forceQuotes, String lineEnd) {
    }

    @Property(tries = 300)
    void recordsRoundTripWithTheirLineNumbers(@ForAll("files") List<Written> records, @ForAll boolean finalLineEnd) throws IOException {
        StringBuilder text = new StringBuilder();
        List<List<String>> expectedFields = new ArrayList<>();
        List<Long> expectedLines = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            Written record = records.get(r);
            boolean blank = record.fields().size() == 1 && record.fields().get(0).isBlank();
            if (!blank) {
                expectedFields.add(record.fields());
                expectedLines.add(1 + text.chars().filter(c -> c == '\n').count());
            }
            for (int f = 0; f < record.fields().size(); f++) {
                if (f > 0) {
                    text.append(',');
                }
                text.append(field(record.fields().get(f), record.forceQuotes().get(f)));
            }
            if (r < records.size() - 1 || finalLineEnd) {
                text.append(record.lineEnd());
            }
        }

        List<CsvRow> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), 1 << 20)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }

        assertThat(rows).extracting(CsvRow::fields).containsExactlyElementsOf(expectedFields);
        assertThat(rows).extracting(CsvRow::lineNo).containsExactlyElementsOf(expectedLines);
        assertThat(rows).noneMatch(CsvRow::tooLong);
    }

    private static String field(String value, boolean forceQuotes) {
        boolean needsQuotes = value.isEmpty() ? false : value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                || value.charAt(0) == '\uFEFF';
        return forceQuotes || needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Provide
    Arbitrary<List<Written>> files() {
        Arbitrary<String> character = Arbitraries.of("a", "Z", "0", "@", ".", " ", "\t", ",", "\"", "\r", "\n", "\r\n", "=", "'",
                "é", "漢", "😀", "\u0000", "\uFEFF");
        Arbitrary<String> field = character.list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<Written> record = Arbitraries.integers().between(1, 5).flatMap(width -> Combinators.combine(
                field.list().ofSize(width), Arbitraries.of(true, false).list().ofSize(width), Arbitraries.of("\n", "\r\n"))
                .as(Written::new));
        return record.list().ofMaxSize(15);
    }
}
