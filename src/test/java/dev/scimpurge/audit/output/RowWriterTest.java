package dev.scimpurge.audit.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three output formats, on the values that come from outside. */
class RowWriterTest {

    private static final List<Column> COLUMNS = List.of(Column.number("id", 2), Column.text("input", 5), Column.text("message", 7));

    private static String write(OutputFormat format, Object[]... rows) {
        StringWriter text = new StringWriter();
        RowWriter writer = format.open(new PrintWriter(text), COLUMNS);
        for (Object[] row : rows) {
            writer.row(row);
        }
        writer.finish();
        return text.toString();
    }

    @Test
    void csvNeutralisesEveryFormulaStartAndQuotesWhatNeedsIt() {
        String csv = write(OutputFormat.CSV,
                new Object[] {1L, "=HYPERLINK(\"http://x\")", "+1"},
                new Object[] {2L, "-2+3", "@SUM(A1)"},
                new Object[] {3L, "\tTAB", "\rCR"},
                new Object[] {4L, "a,b", "said \"no\"\nthen left"},
                new Object[] {5L, null, "plain=fine"});

        assertThat(csv.split("\r\n", -1)).containsExactly(
                "id,input,message",
                "1,\"'=HYPERLINK(\"\"http://x\"\")\",'+1",
                "2,'-2+3,'@SUM(A1)",
                "3,'\tTAB,\"'\rCR\"",
                "4,\"a,b\",\"said \"\"no\"\"\nthen left\"",
                "5,,plain=fine",
                "");
    }

    @Test
    void jsonKeepsTypesAndNullsAndParsesAsOneDocument() {
        String json = write(OutputFormat.JSON,
                new Object[] {1L, "quote \" and \u001b[2J", null},
                new Object[] {2L, LocalDateTime.of(2026, 1, 2, 3, 4, 5), Map.of("quarantined", 3L)});

        JsonNode rows = JsonMapper.builder().build().readTree(json);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id").isNumber()).isTrue();
        assertThat(rows.get(0).get("input").asString()).isEqualTo("quote \" and \u001b[2J");
        assertThat(rows.get(0).get("message").isNull()).isTrue();
        assertThat(rows.get(1).get("input").asString()).isEqualTo("2026-01-02T03:04:05");
        assertThat(rows.get(1).get("message").get("quarantined").asLong()).isEqualTo(3);
        assertThat(write(OutputFormat.JSON)).isEqualTo("[]\n");
    }

    @Test
    void theTableAlignsAndEscapesWhatWouldRewriteATerminal() {
        String table = write(OutputFormat.TABLE,
                new Object[] {1L, "evil\u001b[2J\u001b[31m", "abc\u202edcba"},
                new Object[] {22L, null, Map.of()});

        assertThat(table).doesNotContain("\u001b").doesNotContain("\u202e");
        String escapedInput = "evil\\u001b[2J\\u001b[31m";
        assertThat(table.split("\n")).containsExactly(
                "ID  " + String.format("%-" + escapedInput.length() + "s", "INPUT") + "  MESSAGE",
                " 1  " + escapedInput + "  abc\\u202edcba",
                "22  " + String.format("%-" + escapedInput.length() + "s", "-") + "  -");
    }

    @Test
    void aWriterWhoseReaderWentAwayStopsTheListing() {
        Writer closed = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        RowWriter writer = OutputFormat.CSV.open(new PrintWriter(closed), COLUMNS);
        assertThatThrownBy(() -> {
            for (long i = 0; i < 1_000_000; i++) {
                writer.row(i, "x", "y");
            }
        }).isInstanceOf(RowWriter.OutputClosedException.class);
    }

    @Test
    void aRowMustHaveAValueForEachColumn() {
        RowWriter writer = OutputFormat.CSV.open(new PrintWriter(new StringWriter()), COLUMNS);
        assertThatThrownBy(() -> writer.row(1L, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
