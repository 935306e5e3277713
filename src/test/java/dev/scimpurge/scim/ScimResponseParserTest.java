package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ScimResponseParserTest {

    private final ScimResponseParser parser = new ScimResponseParser(JsonMapper.builder().build());

    @Test
    void readsAListResponse() {
        ScimListPage page = new ScimResponseParser(JsonMapper.builder().build(), true).listPage("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":"7","startIndex":1,
                 "Resources":[{"id":"1","userName":"a@b.io","active":false,"emails":[{"value":"A@b.io","primary":true}]},
                              {"id":2,"userName":"c@b.io","active":"False"},
                              {"id":3,"userName":"d@b.io","active":"no"},{"id":4,"userName":"e@b.io","active":"True"}]}""");
        assertThat(page.totalResults()).isEqualTo(7);
        assertThat(page.resources()).hasSize(4);
        assertThat(page.resources().get(0).isDeactivated()).isTrue();
        assertThat(page.resources().get(0).matchesEmail("a@B.IO")).isTrue();
        assertThat(page.resources().get(1).id()).isEqualTo("2");
        assertThat(page.resources().get(1).isDeactivated()).as("Anaplan's \"False\" is false, for a profile that says it sends text").isTrue();
        assertThat(page.resources().get(2).isDeactivated()).as("any other text is unknown, not a guess").isFalse();
        assertThat(page.resources().get(2).active()).isNull();
        assertThat(page.resources().get(3).active()).isTrue();
    }

    @Test
    void readsActiveGivenAsTextOnlyForAProfileThatSaysItSendsIt() {
        ScimListPage page = parser.listPage("""
                {"totalResults":2,"Resources":[{"id":"1","active":"False"},{"id":"2","active":"True"}]}""");
        assertThat(page.resources()).allSatisfy(user -> assertThat(user.active()).as("text is not a state elsewhere").isNull());
    }

    @Test
    void readsMetaLastModifiedOnlyWhenItIsATimeWithAnOffset() {
        assertThat(parser.user("{\"id\":\"1\",\"meta\":{\"lastModified\":\"2026-11-02T10:15:30.5+01:00\"}}").lastModified())
                .isEqualTo(java.time.Instant.parse("2026-11-02T09:15:30.5Z"));
        for (String meta : new String[] {"{\"lastModified\":\"2026-11-02T10:15:30\"}", "{\"lastModified\":\"yesterday\"}",
                "{\"lastModified\":12}", "{}", "\"x\"", "null"}) {
            assertThat(parser.user("{\"id\":\"1\",\"meta\":" + meta + "}").lastModified()).as(meta).isNull();
        }
        assertThat(parser.user("{\"id\":\"1\"}").lastModified()).isNull();
    }

    @Test
    void theResourcesArrayIsReadWhateverTheCaseOfItsName() {
        ScimListPage page = parser.listPage("{\"totalResults\":1,\"resources\":[{\"id\":\"u1\",\"userName\":\"a@example.test\"}]}");
        assertThat(page.resources()).extracting(ScimUser::id).containsExactly("u1");
    }

    @Test
    void aCursorPageSaysItsNextCursorAndNoTotal() {
        ScimListPage page = parser.listPage("{\"itemsPerPage\":1,\"nextCursor\":\"abc\",\"Resources\":[{\"id\":\"u1\",\"userName\":\"a@example.test\"}]}");
        assertThat(page.nextCursor()).isEqualTo("abc");
        assertThat(page.totalReported()).isFalse();
        assertThat(ListPaging.CURSOR.next(page)).hasValue(new ListPosition(1, "abc"));
        assertThat(ListPaging.CURSOR.next(parser.listPage("{\"itemsPerPage\":0,\"Resources\":[]}"))).isEmpty();
        assertThatThrownBy(() -> parser.listPage("{\"nextCursor\":7,\"Resources\":[]}")).isInstanceOf(ScimProtocolException.class);
    }

    @Test
    void aMissingResourcesArrayIsAnEmptyPageOnlyWhenTotalResultsIsZero() {
        assertThat(parser.listPage("{\"totalResults\":0}").resources()).isEmpty();
        assertThat(parser.listPage("{\"totalResults\":2}", new ListPosition(3, null)).resources()).as("a page past the end").isEmpty();
        assertThatThrownBy(() -> parser.listPage("{\"totalResults\":2}", new ListPosition(2, null))).isInstanceOf(ScimProtocolException.class);
        assertThatThrownBy(() -> parser.listPage("{\"totalResults\":2}"))
                .isInstanceOf(ScimProtocolException.class).hasMessageContaining("totalResults 2 but no 'Resources'");
    }

    @Test
    void anIdMustBeAStringOrAWholeNumber() {
        assertThat(parser.user("{\"id\":12345678901234567890}").id()).isEqualTo("12345678901234567890");
        for (String id : new String[] {"4.2", "true", "{}", "[\"a\"]", "\" \""}) {
            assertThatThrownBy(() -> parser.user("{\"id\":" + id + "}")).as(id).isInstanceOf(ScimProtocolException.class)
                    .hasMessageContaining("'id'");
        }
    }

    @Test
    void aScimErrorDocumentIsAnErrorWhateverTheStatus() {
        assertThat(parser.errorInSuccess(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\","
                + "\"detail\":\"gone\"}")).map(ScimResponseParser.ServerError::detail)
                .contains("HTTP 200 with a SCIM error body (status 404): gone");
        assertThat(parser.errorInSuccess(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"detail\":\"x\"}"))
                .isEmpty();
        assertThat(parser.errorInSuccess(204, "")).isEmpty();
        assertThat(parser.errorInSuccess(200, "<html>")).isEmpty();
    }

    @Test
    void refusesWhatIsNotSCIMJson() {
        assertThatThrownBy(() -> parser.listPage("<html><body>Login</body></html>"))
                .isInstanceOf(ScimProtocolException.class).hasMessageContaining("<html>");
        assertThatThrownBy(() -> parser.listPage("{\"Resources\":{}}")).isInstanceOf(ScimProtocolException.class);
        assertThatThrownBy(() -> parser.listPage("{\"Resources\":[{\"userName\":\"x\"}]}"))
                .isInstanceOf(ScimProtocolException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> parser.listPage("{\"totalResults\":\"many\"}")).isInstanceOf(ScimProtocolException.class);
    }

    @Test
    void takesTheServersOwnWordsForAnError() {
        assertThat(parser.error(400, "{\"schemas\":[],\"status\":\"400\",\"scimType\":\"invalidFilter\",\"detail\":\"bad filter\"}"))
                .isEqualTo(new ScimResponseParser.ServerError(400, "invalidFilter", "bad filter"));
        assertThat(parser.error(500, "{\"ErrorMessage\":\"Adjust role to User before deleting\"}").detail())
                .isEqualTo("Adjust role to User before deleting");
        assertThat(parser.error(502, "<html>Bad gateway</html>").detail()).isEqualTo("<html>Bad gateway</html>");
        assertThat(parser.error(503, "").detail()).isEqualTo("HTTP 503 with an empty body");
    }

    @Test
    void readsABulkOperationsStatusInEveryFormServersWriteIt() {
        ScimBulkResponse response = parser.bulkResponse("""
                {"Operations":[{"method":"DELETE","status":"204","location":"https://x/Users/1"},
                               {"method":"DELETE","status":204},
                               {"method":"DELETE","status":{"code":"204"}},
                               {"method":"DELETE","status":{"code":404,"description":"gone"}},
                               {"method":"DELETE","status":" 200 OK"},
                               {"method":"DELETE","status":"fine"},
                               {"method":"DELETE","status":{"description":"no code"}},
                               {"method":"DELETE","status":2040},
                               {"method":"DELETE","status":true},
                               {"method":"DELETE"}]}""");
        assertThat(response.operations()).extracting(ScimBulkResponse.Operation::status)
                .containsExactly(204, 204, 204, 404, 200, null, null, null, null, null);
        assertThat(response.operations().get(0).location()).isEqualTo("https://x/Users/1");
        assertThat(response.operations().get(1).location()).isNull();
        assertThat(response.operations().get(1).bulkId()).isNull();
    }
}
