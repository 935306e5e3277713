package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a server sends, the parser answers with a value or a {@link ScimProtocolException}, and
 * never with anything else; a well-formed ListResponse reads back to exactly what was written.
 */
class ScimResponseParserProperties {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> SCIM_KEYS = List.of("id", "userName", "active", "emails", "value", "primary", "userType",
            "Resources", "totalResults", "startIndex", "itemsPerPage", "schemas", "status", "detail", "scimType", "ErrorMessage",
            "message", "error");

    private final ScimResponseParser parser = new ScimResponseParser(MAPPER);

    @Property(tries = 3000)
    void anyBodyIsAValueOrAProtocolError(@ForAll("bodies") String body) {
        onlyProtocolErrors(() -> parser.listPage(body));
        onlyProtocolErrors(() -> parser.user(body));
        assertThat(parser.error(500, body).detail()).isNotNull();
        assertThat(parser.errorInSuccess(200, body)).isNotNull();
    }

    @Property(tries = 500)
    void aValidPageRoundTrips(@ForAll("users") List<ScimUser> users, @ForAll("counts") int extraTotal, @ForAll("counts") int startIndex) {
        ObjectNode page = MAPPER.createObjectNode();
        page.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        page.put("totalResults", users.size() + extraTotal);
        page.put("startIndex", startIndex + 1);
        page.put("itemsPerPage", users.size());
        ArrayNode resources = page.putArray("Resources");
        users.forEach(user -> resources.add(json(user)));

        ScimListPage parsed = parser.listPage(MAPPER.writeValueAsString(page));

        assertThat(parsed).isEqualTo(new ScimListPage(users.size() + extraTotal, startIndex + 1, users));
    }

    private static ObjectNode json(ScimUser user) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        node.put("id", user.id());
        if (user.userName() != null) {
            node.put("userName", user.userName());
        }
        if (user.active() != null) {
            node.put("active", user.active());
        }
        if (user.userType() != null) {
            node.put("userType", user.userType());
        }
        ArrayNode emails = node.putArray("emails");
        for (int i = 0; i < user.emails().size(); i++) {
            emails.addObject().put("value", user.emails().get(i)).put("primary", i == 0).put("type", "work");
        }
        return node;
    }

    private static void onlyProtocolErrors(Runnable parse) {
        try {
            parse.run();
        } catch (ScimProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(0, 100_000);
    }

    @Provide
    Arbitrary<List<ScimUser>> users() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30).filter(ScimResponseParserProperties::wellFormed);
        Arbitrary<String> nonBlank = text.filter(s -> !s.isBlank());
        Arbitrary<ScimUser> user = Combinators.combine(nonBlank, text.injectNull(0.2), nonBlank.list().ofMaxSize(3),
                Arbitraries.of(true, false).injectNull(0.3), text.injectNull(0.5)).as(ScimUser::new);
        return user.list().ofMaxSize(8);
    }

    /** Text that survives UTF-8: no unpaired surrogates. */
    private static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> truncated = json(3).map(s -> s.substring(0, s.length() / 2));
        return Arbitraries.frequencyOf(Tuple.of(1, garbage), Tuple.of(1, truncated), Tuple.of(8, json(4).filter(s -> s.startsWith("{"))),
                Tuple.of(2, json(4)));
    }

    private Arbitrary<String> json(int depth) {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf), Arbitraries.of("0", "-0", "1.5",
                "1e999", "-1e-999", "12345678901234567890123", "2147483648", "-2147483649", "1E2", "3.0"));
        Arbitrary<String> string = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("false", "true", "many", "7", " 7 ", "urn:ietf:params:scim:api:messages:2.0:Error", ""))
                .map(MAPPER::writeValueAsString);
        Arbitrary<String> leaf = Arbitraries.oneOf(number, string, Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(SCIM_KEYS), Arbitraries.strings().alpha().ofMaxLength(6))
                .map(MAPPER::writeValueAsString);
        Arbitrary<String> member = Combinators.combine(key, Arbitraries.lazy(() -> json(depth - 1))).as((k, v) -> k + ":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(6).map(members -> "{" + String.join(",", new ArrayList<>(members)) + "}");
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(2, array), Tuple.of(4, object));
    }
}
