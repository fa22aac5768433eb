package io.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keystone discovery with the default configuration: the version documents, the catalog (in tokens and
 * alone), regions, services and endpoints, all naming Gatehouse's own identity endpoint.
 */
class CatalogIT extends IntegrationTest {

    private static final String REGION = "gh-region-1";

    private TestAccount account;
    private String userToken;

    @BeforeEach
    void account() {
        account = fixtures.newAccount();
        userToken = fixtures.token(fixtures.newUser(account));
    }

    @Test
    void rootWhenNoTokenThen300WithTheV3Version() {
        Api.Response r = api.get("/", null);

        assertThat(r.status()).isEqualTo(300);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode values = r.json().get("versions").get("values");
        assertThat(values.size()).isEqualTo(1);
        assertVersion(values.get(0));
    }

    @Test
    void v3WhenNoTokenThenItsVersionDocument() {
        for (String path : List.of("/v3", "/v3/")) {
            Api.Response r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertVersion(r.json().get("version"));
        }
    }

    private void assertVersion(JsonNode v) {
        assertThat(v.get("id").asString()).isEqualTo("v3.6");
        assertThat(v.get("status").asString()).isEqualTo("stable");
        assertThat(v.get("updated").asString()).isEqualTo("2016-04-04T00:00:00Z");
        assertThat(v.get("links").get(0).get("rel").asString()).isEqualTo("self");
        assertThat(v.get("links").get(0).get("href").asString()).isEqualTo(api.base() + "/v3/");
        assertThat(v.get("media-types").get(0).get("type").asString())
                .isEqualTo("application/vnd.openstack.identity-v3+json");
        assertThat(v.get("media-types").get(0).get("base").asString()).isEqualTo("application/json");
    }

    @Test
    void tokenWhenIssuedThenCatalogNamesTheIdentityEndpointAndNocatalogLeavesItOut() {
        Api.Response issued = fixtures.signIn(account.name(), "owner", Fixtures.OWNER_PASSWORD);
        Api.Response bare = api.post("/v3/auth/tokens?nocatalog=true", null,
                Fixtures.passwordAuth(account.name(), "owner", Fixtures.OWNER_PASSWORD));

        assertIdentityCatalog(issued.json().get("token").get("catalog"));
        assertThat(bare.status()).isEqualTo(201);
        assertThat(bare.json().get("token").has("catalog")).isFalse();

        String subject = issued.header("X-Subject-Token");
        Api.Response validated = api.call("GET", "/v3/auth/tokens").token(account.adminToken())
                .header("X-Subject-Token", subject).send();
        Api.Response validatedBare = api.call("GET", "/v3/auth/tokens?nocatalog=true").token(account.adminToken())
                .header("X-Subject-Token", subject).send();
        assertIdentityCatalog(validated.json().get("token").get("catalog"));
        assertThat(validatedBare.json().get("token").has("catalog")).isFalse();
    }

    private void assertIdentityCatalog(JsonNode catalog) {
        assertThat(catalog.size()).isEqualTo(1);
        JsonNode identity = catalog.get(0);
        assertThat(identity.get("type").asString()).isEqualTo("identity");
        assertThat(identity.get("name").asString()).isEqualTo("keystone");
        assertThat(identity.get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(identity.get("endpoints").findValuesAsString("interface"))
                .containsExactly("public", "internal", "admin");
        for (JsonNode e : identity.get("endpoints")) {
            assertThat(e.get("url").asString()).isEqualTo(api.base() + "/v3");
            assertThat(e.get("region").asString()).isEqualTo(REGION);
            assertThat(e.get("region_id").asString()).isEqualTo(REGION);
            assertThat(e.get("id").asString()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void authCatalogWhenAnyUserThenTheTokensCatalog() {
        Api.Response r = api.get("/v3/auth/catalog", userToken);

        assertThat(r.status()).isEqualTo(200);
        assertIdentityCatalog(r.json().get("catalog"));
        assertThat(r.json().get("links").get("self").asString()).isEqualTo(api.base() + "/v3/auth/catalog");
        JsonNode inToken = fixtures.signIn(account.name(), "owner", Fixtures.OWNER_PASSWORD).json().get("token")
                .get("catalog");
        assertThat(r.json().get("catalog")).isEqualTo(inToken);
    }

    @Test
    void regionsWhenAnyUserThenTheConfiguredRegion() {
        Api.Response list = api.get("/v3/regions", userToken);
        Api.Response one = api.get("/v3/regions/" + REGION, userToken);
        Api.Response unknown = api.get("/v3/regions/cn-north-1", userToken);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("regions").size()).isEqualTo(1);
        JsonNode region = list.json().get("regions").get(0);
        assertThat(region.get("id").asString()).isEqualTo(REGION);
        assertThat(region.get("type").asString()).isEqualTo("public");
        assertThat(region.get("locales").get("en-us").asString()).isEqualTo(REGION);
        assertThat(region.get("description").asString()).isEmpty();
        assertThat(region.get("parent_region_id").isNull()).isTrue();
        assertThat(region.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/regions/" + REGION);
        assertThat(list.json().get("links").get("self").asString()).isEqualTo(api.base() + "/v3/regions");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("region")).isEqualTo(region);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("IAM.0004");
        assertThat(unknown.json().get("error").get("title").asString()).isEqualTo("Not Found");
    }

    @Test
    void servicesWhenAnyUserThenTheIdentityService() {
        Api.Response list = api.get("/v3/services", userToken);
        JsonNode service = list.json().get("services").get(0);
        String id = service.get("id").asString();

        assertThat(list.json().get("services").size()).isEqualTo(1);
        assertThat(service.get("type").asString()).isEqualTo("identity");
        assertThat(service.get("name").asString()).isEqualTo("keystone");
        assertThat(service.get("enabled").asBoolean()).isTrue();
        assertThat(service.get("links").get("self").asString()).isEqualTo(api.base() + "/v3/services/" + id);
        assertThat(api.get("/v3/services?type=identity", userToken).json().get("services").size()).isEqualTo(1);
        assertThat(api.get("/v3/services?type=compute", userToken).json().get("services").size()).isZero();
        assertThat(api.get("/v3/services/" + id, userToken).json().get("service")).isEqualTo(service);
        assertThat(api.get("/v3/services/" + "0".repeat(32), userToken).status()).isEqualTo(404);
    }

    @Test
    void endpointsWhenAnyUserThenTheIdentityEndpointsWithFilters() {
        Api.Response list = api.get("/v3/endpoints", userToken);
        String serviceId = api.get("/v3/services", userToken).json().get("services").get(0).get("id").asString();
        JsonNode endpoints = list.json().get("endpoints");

        assertThat(endpoints.size()).isEqualTo(3);
        for (JsonNode e : endpoints) {
            assertThat(e.get("service_id").asString()).isEqualTo(serviceId);
            assertThat(e.get("url").asString()).isEqualTo(api.base() + "/v3");
            assertThat(e.get("region_id").asString()).isEqualTo(REGION);
            assertThat(e.get("enabled").asBoolean()).isTrue();
        }
        Api.Response publicOnly = api.get("/v3/endpoints?interface=public&service_id=" + serviceId, userToken);
        assertThat(publicOnly.json().get("endpoints").size()).isEqualTo(1);
        String id = publicOnly.json().get("endpoints").get(0).get("id").asString();
        assertThat(api.get("/v3/endpoints?service_id=" + "0".repeat(32), userToken).json().get("endpoints").size())
                .isZero();
        assertThat(api.get("/v3/endpoints?interface=everywhere", userToken).errorCode()).isEqualTo("IAM.0007");
        Api.Response one = api.get("/v3/endpoints/" + id, userToken);
        assertThat(one.json().get("endpoint").get("interface").asString()).isEqualTo("public");
        assertThat(one.json().get("endpoint").get("links").get("self").asString())
                .isEqualTo(api.base() + "/v3/endpoints/" + id);
        assertThat(api.get("/v3/endpoints/" + "0".repeat(32), userToken).status()).isEqualTo(404);
    }

    @Test
    void everyDiscoveryEndpointBehindATokenWhenNoTokenThen401() {
        for (String path : List.of("/v3/auth/catalog", "/v3/regions", "/v3/regions/" + REGION, "/v3/services",
                "/v3/endpoints")) {
            Api.Response r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.errorCode()).as(path).isEqualTo("IAM.0001");
        }
    }

    @Test
    void publicUrlWhenRequestCameInOnAnotherHostNameThenLinksFollowIt() {
        Api viaLocalhost = new Api("http://localhost:" + port);

        Api.Response r = viaLocalhost.get("/v3/auth/catalog", userToken);

        assertThat(r.json().get("catalog").get(0).get("endpoints").get(0).get("url").asString())
                .isEqualTo("http://localhost:" + port + "/v3");
    }
}
