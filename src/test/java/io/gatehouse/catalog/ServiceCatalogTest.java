package io.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.catalog.CatalogSettings.EndpointEntry;
import io.gatehouse.catalog.CatalogSettings.RegionEntry;
import io.gatehouse.catalog.CatalogSettings.ServiceEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A catalog configuration that cannot be served stops the start, saying what is wrong. */
class ServiceCatalogTest {

    private static ServiceCatalog catalog(List<RegionEntry> regions, List<ServiceEntry> services) {
        return new ServiceCatalog(new CatalogSettings("https://iam.example.com/v3", null, regions, services), null,
                "r1");
    }

    private static ServiceEntry compute(EndpointEntry endpoint) {
        return new ServiceEntry(null, "compute", "nova", null, List.of(endpoint));
    }

    @Test
    void constructWhenEndpointRegionUnknownThenRefused() {
        assertThatThrownBy(() -> catalog(List.of(), List.of(compute(new EndpointEntry("public", "r9", "https://x")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("region r9");
    }

    @Test
    void constructWhenInterfaceUnknownThenRefused() {
        assertThatThrownBy(() -> catalog(List.of(), List.of(compute(new EndpointEntry("outside", null, "https://x")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("interface outside");
    }

    @Test
    void constructWhenEndpointWithoutUrlThenRefused() {
        assertThatThrownBy(() -> catalog(List.of(), List.of(compute(new EndpointEntry(null, null, " ")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("url");
    }

    @Test
    void constructWhenServiceWithoutTypeOrTwiceThenRefused() {
        assertThatThrownBy(() -> catalog(List.of(), List.of(new ServiceEntry(null, null, "x", null, List.of()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("type");
        ServiceEntry twice = new ServiceEntry(null, "compute", "nova", null, List.of());
        assertThatThrownBy(() -> catalog(List.of(), List.of(twice, twice)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }

    @Test
    void constructWhenRegionRepeatedOrWithoutIdThenRefused() {
        assertThatThrownBy(() -> catalog(List.of(new RegionEntry("r1", null, null)), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> catalog(List.of(new RegionEntry(" ", null, null)), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("id");
    }

    @Test
    void idsWhenBuiltTwiceThenTheSameOnEveryNode() {
        List<ServiceEntry> services = List.of(compute(new EndpointEntry(null, null, "https://x")));

        assertThat(catalog(List.of(), services).entries()).isEqualTo(catalog(List.of(), services).entries());
        assertThat(catalog(List.of(), services).entries().get(1).endpoints().get(0).id()).matches("[0-9a-f]{32}");
    }
}
