package io.gatehouse.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The Keystone bodies of the catalog, region, service, endpoint and version documents. */
final class CatalogRepresentation {

    private CatalogRepresentation() {
    }

    /** Keystone's list links; {@code previous} and {@code next} are always null, as the lists are not paged. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListLinks(String self, String previous, String next) {
        static ListLinks of(String self) {
            return new ListLinks(self, null, null);
        }
    }

    record SelfLink(String self) {
    }

    record CatalogOut(List<ServiceCatalog.Entry> catalog, SelfLink links) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RegionView(String id, String description, String parentRegionId, String type, Map<String, String> locales,
            SelfLink links) {
    }

    record RegionOut(RegionView region) {
    }

    record RegionsOut(List<RegionView> regions, ListLinks links) {
    }

    record ServiceView(String id, String type, String name, String description, boolean enabled, SelfLink links) {
    }

    record ServiceOut(ServiceView service) {
    }

    record ServicesOut(List<ServiceView> services, ListLinks links) {
    }

    record EndpointView(String id, String serviceId, String regionId, String region,
            @JsonProperty("interface") String iface, String url, boolean enabled, SelfLink links) {
    }

    record EndpointOut(EndpointView endpoint) {
    }

    record EndpointsOut(List<EndpointView> endpoints, ListLinks links) {
    }

    record VersionView(String id, String status, String updated, List<Link> links,
            @JsonProperty("media-types") List<MediaType> mediaTypes) {
    }

    record Link(String rel, String href) {
    }

    record MediaType(String base, String type) {
    }

    record VersionOut(VersionView version) {
    }

    record VersionsOut(Values versions) {
    }

    record Values(List<VersionView> values) {
    }
}
