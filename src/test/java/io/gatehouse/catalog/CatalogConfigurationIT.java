package io.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The catalog as an operator configures it: a fixed identity URL, another region and another service. */
@TestPropertySource(properties = {
        "gatehouse.region=test-region-1",
        "gatehouse.catalog.region-name=Test Region One",
        "gatehouse.catalog.identity-url=https://iam.example.com/v3/",
        "gatehouse.catalog.regions[0].id=test-region-2",
        "gatehouse.catalog.regions[0].name=Test Region Two",
        "gatehouse.catalog.regions[0].description=the second",
        "gatehouse.catalog.services[0].type=compute",
        "gatehouse.catalog.services[0].name=nova",
        "gatehouse.catalog.services[0].description=servers",
        "gatehouse.catalog.services[0].endpoints[0].url=https://ecs.example.com/v2.1",
        "gatehouse.catalog.services[0].endpoints[1].url=https://ecs-2.example.com/v2.1",
        "gatehouse.catalog.services[0].endpoints[1].interface=internal",
        "gatehouse.catalog.services[0].endpoints[1].region=test-region-2"})
class CatalogConfigurationIT extends IntegrationTest {

    @Test
    void catalogWhenConfiguredThenRegionsServicesAndFixedIdentityUrl() {
        TestAccount account = fixtures.newAccount();
        String token = account.adminToken();

        JsonNode regions = api.get("/v3/regions", token).json().get("regions");
        JsonNode catalog = api.get("/v3/auth/catalog", token).json().get("catalog");
        Api.Response computeOnly = api.get("/v3/services?type=compute", token);
        JsonNode projects = api.get("/v3/projects", token).json().get("projects");

        assertThat(regions.findValuesAsString("id")).containsExactly("test-region-1", "test-region-2");
        assertThat(regions.get(0).get("locales").get("en-us").asString()).isEqualTo("Test Region One");
        assertThat(regions.get(1).get("locales").get("en-us").asString()).isEqualTo("Test Region Two");
        assertThat(regions.get(1).get("description").asString()).isEqualTo("the second");
        assertThat(catalog.findValuesAsString("name")).containsExactly("keystone", "nova");
        assertThat(catalog.get(0).get("endpoints").findValuesAsString("url")).containsOnly("https://iam.example.com/v3");
        JsonNode compute = catalog.get(1).get("endpoints");
        assertThat(compute.findValuesAsString("url"))
                .containsExactly("https://ecs.example.com/v2.1", "https://ecs-2.example.com/v2.1");
        assertThat(compute.findValuesAsString("interface")).containsExactly("public", "internal");
        assertThat(compute.findValuesAsString("region_id")).containsExactly("test-region-1", "test-region-2");
        assertThat(computeOnly.json().get("services").get(0).get("description").asString()).isEqualTo("servers");
        assertThat(api.get("/v3/endpoints", token).json().get("endpoints").size()).isEqualTo(5);
        // A new account's region project is named by the configured region.
        assertThat(projects.findValuesAsString("name")).containsExactly("test-region-1");
        Api.Response sub = api.post("/v3/projects", token,
                java.util.Map.of("project", java.util.Map.of("name", "test-region-1_sub")));
        assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
    }
}
