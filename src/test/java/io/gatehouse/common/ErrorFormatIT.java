package io.gatehouse.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad requests of every kind get a 4xx in the namespace's error format, never a 500, and a request id. */
class ErrorFormatIT extends IntegrationTest {

    @Test
    void errorOnHuaweiPathWhenRefusedThenErrorMsgAndErrorCodeOnly() {
        TestAccount account = fixtures.newAccount();
        Api.Response r = api.get("/v3.0/OS-USER/users/0123456789abcdef0123456789abcdef", account.adminToken());

        assertThat(r.status()).isEqualTo(404);
        JsonNode body = r.json();
        assertThat(body.get("error_code").asString()).isEqualTo("IAM.0004");
        assertThat(body.get("error_msg").asString()).contains("0123456789abcdef0123456789abcdef");
        assertThat(body.has("error")).isFalse();
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void errorOnKeystonePathWhenRefusedThenKeystoneErrorObject() {
        TestAccount account = fixtures.newAccount();
        Api.Response r = api.get("/v3/users/0123456789abcdef0123456789abcdef", account.adminToken());

        assertThat(r.status()).isEqualTo(404);
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(404);
        assertThat(error.get("title").asString()).isEqualTo("Not Found");
        assertThat(error.get("message").asString()).contains("Could not find user");
    }

    @Test
    void requestWhenMalformedInAnyWayThen4xxWithCodeNeverServerError() {
        TestAccount account = fixtures.newAccount();
        String t = account.adminToken();
        String users = "/v3.0/OS-USER/users";
        String me = users + "/" + account.ownerId();
        Map<String, Api.Response> cases = new java.util.LinkedHashMap<>();
        cases.put("malformed JSON", api.call("PUT", me).token(t).json("{\"user\": {").send());
        cases.put("empty body", api.call("PUT", me).token(t).header("Content-Type", "application/json").send());
        cases.put("array instead of object", api.call("PUT", me).token(t).json("[1,2]").send());
        cases.put("wrong type boolean", api.put(me, t, Map.of("user", Map.of("enabled", "yes"))));
        cases.put("wrong type string", api.put(me, t, Map.of("user", Map.of("name", 42))));
        cases.put("unknown field", api.put(me, t, Map.of("user", Map.of("nickname", "x"))));
        cases.put("missing wrapper", api.put(me, t, Map.of("name", "x")));
        cases.put("null wrapper", api.call("PUT", me).token(t).json("{\"user\": null}").send());
        cases.put("trailing garbage", api.call("PUT", me).token(t).json("{\"user\":{}} x").send());
        cases.put("secret in the wrong type", api.put(me, t, Map.of("user", Map.of("password", 98765432.5))));
        cases.put("unknown enum", api.put(me, t, Map.of("user", Map.of("access_mode", "everything"))));
        cases.put("missing required", api.post(users, t, Map.of("user", Map.of("domain_id", account.id()))));
        cases.put("bad query type", api.get("/v3/users?enabled=perhaps", t));
        cases.put("bad limit", api.get("/v3/users?limit=0", t));
        cases.put("wrong content type", api.call("PUT", me).token(t).header("Content-Type", "text/plain")
                .json("{}").send());
        cases.put("not allowed method", api.call("PATCH", me).token(t).json(Map.of("user", Map.of())).send());
        cases.put("unknown path", api.get("/v3.0/OS-USER/nothing-here", t));

        cases.forEach((label, r) -> {
            assertThat(r.status()).as(label + ": " + r).isBetween(400, 499);
            assertThat(r.errorCode()).as(label + ": " + r).isNotBlank();
            assertThat(r.json().get("error_msg").asString()).as(label).isNotBlank().doesNotContain("Exception");
            assertThat(r.header("X-Request-Id")).as(label).matches("[0-9a-f]{32}");
        });
        assertThat(cases.get("malformed JSON").errorCode()).isEqualTo("IAM.0011");
        assertThat(cases.get("secret in the wrong type").text()).doesNotContain("98765432");
        assertThat(cases.get("wrong type boolean").errorCode()).isEqualTo("IAM.0073");
        assertThat(cases.get("unknown field").errorCode()).isEqualTo("IAM.0007");
        assertThat(cases.get("unknown enum").errorCode()).isEqualTo("1120");
        assertThat(cases.get("missing required").errorCode()).isEqualTo("1100");
        assertThat(cases.get("wrong content type").status()).isEqualTo(415);
        assertThat(cases.get("not allowed method").status()).isEqualTo(405);
        assertThat(cases.get("unknown path").status()).isEqualTo(404);
        // Nothing was written by any of them.
        assertThat(api.get(me, t).json().get("user").get("name").asString()).isEqualTo("owner");
    }

    @Test
    void requestWhenBodyOverLimitThen413EvenWhenChunked() {
        TestAccount account = fixtures.newAccount();
        String big = "{\"user\":{\"description\":\"" + "a".repeat(70_000) + "\"}}";
        Api.Response declared = api.call("PUT", "/v3.0/OS-USER/users/" + account.ownerId())
                .token(account.adminToken()).json(big).send();
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.errorCode()).isEqualTo("IAM.1101");

        Api.Response keystone = api.call("PATCH", "/v3/users/" + account.ownerId()).token(account.adminToken())
                .json(big).send();
        assertThat(keystone.status()).isEqualTo(413);
        assertThat(keystone.json().get("error").get("code").asInt()).isEqualTo(413);
    }

    @Test
    void everyResponseWhenAnyEndpointThenCarriesRequestId() {
        for (String path : new String[] {"/actuator/health", "/gatehouse/v1/jwks", "/gatehouse/v1/openapi", "/v3/users",
                "/nowhere"}) {
            Api.Response r = api.get(path, null);
            assertThat(r.header("X-Request-Id")).as(path).matches("[0-9a-f]{32}");
        }
        Api.Response a = api.get("/actuator/health", null);
        Api.Response b = api.get("/actuator/health", null);
        assertThat(a.header("X-Request-Id")).isNotEqualTo(b.header("X-Request-Id"));
    }

    @Test
    void publicDocumentsWhenRequestedThenServedOutsideKeystoneNamespace() {
        assertThat(api.get("/gatehouse/v1/openapi", null).json().get("openapi").asString()).startsWith("3.");
        assertThat(api.get("/gatehouse/v1/jwks", null).json().get("keys").get(0).get("kty").asString()).isEqualTo("OKP");
        assertThat(api.get("/gatehouse/v1/jwks", null).text()).doesNotContain("\"d\"");
        assertThat(api.get("/v3/api-docs", null).status()).isNotEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null).text()).contains("gatehouse_password_hash");
    }
}
