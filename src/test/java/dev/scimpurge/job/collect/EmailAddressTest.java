package dev.scimpurge.job.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@b.io", "first.last+tag@sub.example.co.uk", "O'Neil@example.com", "jörg@bücher.de", "x_y-z@e-x.test"})
    void acceptsAddresses(String value) {
        assertThat(EmailAddress.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@b.io", "a@", "a@b", "a b@c.io", "a@@b.io", "a@b..io", ".a@b.io", "a.@b.io",
            "=cmd|' /C calc'!A0", "\"a\"@b.io", "a@b.io\n", "a@-b.io", "Jane Doe <jane@b.io>"})
    void rejectsEverythingElse(String value) {
        assertThat(EmailAddress.isValid(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "Email", "E-mail", "EMAIL ADDRESS", "emails", "Username", "user email", "Primary Email"})
    void recognisesHeaderNames(String value) {
        assertThat(EmailAddress.looksLikeHeader(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "a@b.io", "id", "mail server"})
    void doesNotTakeOtherValuesForAHeader(String value) {
        assertThat(EmailAddress.looksLikeHeader(value)).isFalse();
    }
}
