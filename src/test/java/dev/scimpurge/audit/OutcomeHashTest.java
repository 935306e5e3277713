package dev.scimpurge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** The documented encoding of ROW_HASH, which auditors recompute with their own tools. */
class OutcomeHashTest {

    private static final LocalDateTime AT = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000);

    private static OutcomeRow row(String input, String accountId) {
        return new OutcomeRow(7, 2, 3, 5, 6L, input, accountId, "FAILED", "server_rejected", 500, "boom", AT);
    }

    @Test
    void matchesTheEncodingTheReadmeDescribes() {
        // Computed independently (Python hashlib) from the README's description of the encoding.
        assertThat(OutcomeHash.of("ab".repeat(32), row("Jörg@example.test", null)))
                .isEqualTo("eb00528f5937ad6160312bbdb3787faa77736e932f5bc73ee0dc7f0b82f3e506");
    }

    @Test
    void fieldBoundariesAndNullsCannotBeShifted() {
        String previous = OutcomeHash.GENESIS;
        assertThat(OutcomeHash.of(previous, row("a", "bc"))).isNotEqualTo(OutcomeHash.of(previous, row("ab", "c")));
        assertThat(OutcomeHash.of(previous, row("a", null))).isNotEqualTo(OutcomeHash.of(previous, row("a", "")));
        assertThat(OutcomeHash.of(previous, row("a", null))).isNotEqualTo(OutcomeHash.of("01".repeat(32), row("a", null)));
        OutcomeRow sameButNoLine = new OutcomeRow(7, 2, 3, 5, null, "a", null, "FAILED", "server_rejected", 500, "boom", AT);
        assertThat(OutcomeHash.of(previous, sameButNoLine)).isNotEqualTo(OutcomeHash.of(previous, row("a", null)));
        assertThat(OutcomeHash.of(previous, row("a", null))).isEqualTo(OutcomeHash.of(previous, row("a", null)));
    }

    @Test
    void refusesAPreviousHashThatIsNotOne() {
        assertThatThrownBy(() -> OutcomeHash.of("abc", row("a", null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutcomeHash.of("ab".repeat(31), row("a", null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutcomeHash.isWellFormed(OutcomeHash.GENESIS)).isTrue();
        assertThat(OutcomeHash.isWellFormed("AB".repeat(32))).isFalse();
    }
}
