package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimBaseUrlTest {

    @Test
    void normalisesTheBase() {
        assertThat(ScimBaseUrl.parse("https://Example.COM/api/scim/v2/").toString()).isEqualTo("https://example.com/api/scim/v2");
        assertThat(ScimBaseUrl.parse("http://127.0.0.1:8080/scim/v2").resolve("Users").toString()).isEqualTo("http://127.0.0.1:8080/scim/v2/Users");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:1/x", "http://127.0.0.1/x", "http://127.1.2.3:9/x", "http://[::1]:8080/x"})
    void allowsPlainHttpOnLoopback(String url) {
        assertThat(ScimBaseUrl.parse(url).uri().getScheme()).isEqualTo("http");
    }

    @Test
    void refusesPlainHttpElsewhere() {
        assertThatThrownBy(() -> ScimBaseUrl.parse("http://example.com/scim/v2")).hasMessageContaining("https://");
        assertThatThrownBy(() -> ScimBaseUrl.parse("http://localhost.example.com/scim")).hasMessageContaining("https://");
        assertThatThrownBy(() -> ScimBaseUrl.parse("http://10.0.0.1/scim")).hasMessageContaining("https://");
    }

    @Test
    void refusesCredentialsQueriesAndOtherSchemes() {
        assertThatThrownBy(() -> ScimBaseUrl.parse("https://user:secret@example.com/scim"))
                .hasMessageContaining("credentials").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ScimBaseUrl.parse("https://example.com/scim?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> ScimBaseUrl.parse("ftp://example.com/scim")).hasMessageContaining("https://");
        assertThatThrownBy(() -> ScimBaseUrl.parse("not a url")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesAnIdAsOnePathSegment() {
        assertThat(ScimBaseUrl.pathSegment("../admin")).isEqualTo("..%2Fadmin");
        assertThat(ScimBaseUrl.pathSegment("..")).isEqualTo("%2E%2E");
        assertThat(ScimBaseUrl.pathSegment(".")).isEqualTo("%2E");
        assertThat(ScimBaseUrl.pathSegment("a?b#c%2Fd e")).isEqualTo("a%3Fb%23c%252Fd%20e");
        assertThat(ScimBaseUrl.pathSegment("2819c223-7f76")).isEqualTo("2819c223-7f76");
        assertThat(ScimBaseUrl.pathSegment("jörg")).isEqualTo("j%C3%B6rg");
    }
}
