package dev.scimpurge.job.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private static List<CsvRow> read(byte[] bytes, int max) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(bytes), max)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static List<CsvRow> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), 4096);
    }

    @Test
    void readsPlainLinesWithLineNumbers() {
        List<CsvRow> rows = read("a@x.io\nb@x.io\n");
        assertThat(rows).extracting(CsvRow::first).containsExactly("a@x.io", "b@x.io");
        assertThat(rows).extracting(CsvRow::lineNo).containsExactly(1L, 2L);
    }

    @Test
    void stripsTheByteOrderMarkAndHandlesCrlfAndAMissingFinalNewline() {
        List<CsvRow> rows = read("\uFEFFemail,name\r\na@x.io,A\r\nb@x.io,B");
        assertThat(rows).extracting(CsvRow::first).containsExactly("email", "a@x.io", "b@x.io");
        assertThat(rows.get(1).fields()).containsExactly("a@x.io", "A");
        assertThat(rows).extracting(CsvRow::lineNo).containsExactly(1L, 2L, 3L);
    }

    @Test
    void skipsBlankLinesButKeepsCountingThem() {
        List<CsvRow> rows = read("\n\na@x.io\n\r\n   \nb@x.io\n\n");
        assertThat(rows).extracting(CsvRow::first).containsExactly("a@x.io", "b@x.io");
        assertThat(rows).extracting(CsvRow::lineNo).containsExactly(3L, 6L);
    }

    @Test
    void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() {
        List<CsvRow> rows = read("\"a@x.io\",\"Doe, Jane\"\n\"say \"\"hi\"\"\",\"two\nlines\"\nc@x.io\n");
        assertThat(rows.get(0).fields()).containsExactly("a@x.io", "Doe, Jane");
        assertThat(rows.get(1).fields()).containsExactly("say \"hi\"", "two\nlines");
        assertThat(rows.get(2).first()).isEqualTo("c@x.io");
        assertThat(rows.get(2).lineNo()).isEqualTo(4L);
    }

    @Test
    void cutsOffARecordLongerThanTheLimitAndGoesOnWithTheNextLine() {
        String longLine = "x".repeat(10_000);
        List<CsvRow> rows = read(("a@x.io\n" + longLine + "\nb@x.io\n").getBytes(StandardCharsets.UTF_8), 100);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).tooLong()).isTrue();
        assertThat(rows.get(1).lineNo()).isEqualTo(2L);
        assertThat(rows.get(1).first().length()).isLessThanOrEqualTo(80);
        assertThat(rows.get(2).first()).isEqualTo("b@x.io");
        assertThat(rows.get(2).lineNo()).isEqualTo(3L);
    }

    @Test
    void namesTheLineOfBytesThatAreNotUtf8() {
        byte[] bytes = "a@x.io\nb@x.io\nc\u00e9@x.io\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(bytes, 4096))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void anEmptyInputHasNoRows() {
        assertThat(read("")).isEmpty();
        assertThat(read("\uFEFF")).isEmpty();
    }
}
