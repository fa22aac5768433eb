package io.gatehouse.catalog;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code gatehouse.catalog}: what the Keystone discovery endpoints and the token's catalog list besides
 * Gatehouse itself. The identity service and the region of {@code gatehouse.region} are always there;
 * these add a name for that region, more regions and more services.
 */
@ConfigurationProperties("gatehouse.catalog")
public record CatalogSettings(String identityUrl, String regionName, List<RegionEntry> regions,
        List<ServiceEntry> services) {

    public CatalogSettings {
        identityUrl = identityUrl == null || identityUrl.isBlank() ? null : identityUrl.replaceAll("/+$", "");
        regionName = regionName == null || regionName.isBlank() ? null : regionName;
        regions = regions == null ? List.of() : List.copyOf(regions);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A further region; {@code name} is its English name ({@code locales.en-us}). */
    public record RegionEntry(String id, String name, String description) {
    }

    /** A further service; {@code id} is derived from type and name when not given. */
    public record ServiceEntry(String id, String type, String name, String description,
            List<EndpointEntry> endpoints) {
        public ServiceEntry {
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /** {@code interface} is public, internal or admin; {@code region} defaults to Gatehouse's own. */
    public record EndpointEntry(@Name("interface") String iface, String region, String url) {
    }
}
