package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScimFilterTest {

    @Test
    void writesValuesAsJsonStrings() {
        assertThat(ScimFilter.eq("userName", "a@b.io")).isEqualTo("userName eq \"a@b.io\"");
        assertThat(ScimFilter.eq("active", false)).isEqualTo("active eq false");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(ScimFilter.eq("emails.value", "a\"or\"1@b.io")).isEqualTo("emails.value eq \"a\\\"or\\\"1@b.io\"");
        assertThat(ScimFilter.eq("userName", "a\\b")).isEqualTo("userName eq \"a\\\\b\"");
        assertThat(ScimFilter.eq("userName", "a\nb\u0001")).isEqualTo("userName eq \"a\\nb\\u0001\"");
    }
}
