package io.gatehouse.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gatehouse.catalog.CatalogEntries.Endpoint;
import io.gatehouse.catalog.CatalogEntries.Region;
import io.gatehouse.catalog.CatalogEntries.Service;
import io.gatehouse.common.web.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The regions, services and endpoints Gatehouse announces, read once from configuration. The identity
 * service is always listed, with a public, an internal and an admin endpoint in Gatehouse's region, at
 * {@code gatehouse.catalog.identity-url} or else the public URL followed by {@code /v3}. Its name is
 * {@code keystone}, the name Keystone clients such as openstack4j look for. Ids are derived from names,
 * so every node announces the same ones.
 */
@Component
@EnableConfigurationProperties(CatalogSettings.class)
public class ServiceCatalog {

    static final List<String> INTERFACES = List.of("public", "internal", "admin");

    private final PublicUrl urls;
    private final String identityUrl;
    private final List<Region> regions;
    private final List<Service> services;
    private final List<Endpoint> endpoints;

    ServiceCatalog(CatalogSettings settings, PublicUrl urls, @Value("${gatehouse.region:gh-region-1}") String region) {
        this.urls = urls;
        this.identityUrl = settings.identityUrl();
        this.regions = regions(settings, region);
        this.services = services(settings, region, this.regions);
        this.endpoints = services.stream().flatMap(s -> s.endpoints().stream()).toList();
    }

    private static List<Region> regions(CatalogSettings settings, String own) {
        List<Region> list = new ArrayList<>();
        list.add(new Region(own, settings.regionName() == null ? own : settings.regionName(), ""));
        for (CatalogSettings.RegionEntry r : settings.regions()) {
            require(r.id() != null && !r.id().isBlank(), "gatehouse.catalog.regions[].id is required");
            require(list.stream().noneMatch(x -> x.id().equals(r.id())), "region " + r.id() + " is listed twice");
            list.add(new Region(r.id(), r.name() == null ? r.id() : r.name(),
                    r.description() == null ? "" : r.description()));
        }
        return List.copyOf(list);
    }

    private static List<Service> services(CatalogSettings settings, String own, List<Region> regions) {
        List<Service> list = new ArrayList<>();
        String identityId = derivedId("service", "identity", "keystone");
        list.add(new Service(identityId, "identity", "keystone", "Gatehouse identity service (Keystone v3)",
                INTERFACES.stream().map(i -> new Endpoint(derivedId("endpoint", identityId, i, own), identityId, i,
                        own, null)).toList()));
        Set<String> ids = new HashSet<>(Set.of(identityId));
        for (CatalogSettings.ServiceEntry s : settings.services()) {
            require(s.type() != null && !s.type().isBlank(), "gatehouse.catalog.services[].type is required");
            String name = s.name() == null || s.name().isBlank() ? s.type() : s.name();
            String id = s.id() == null || s.id().isBlank() ? derivedId("service", s.type(), name) : s.id();
            require(ids.add(id), "service id " + id + " is used twice");
            List<Endpoint> eps = new ArrayList<>();
            for (CatalogSettings.EndpointEntry e : s.endpoints()) {
                String iface = e.iface() == null ? "public" : e.iface();
                String region = e.region() == null ? own : e.region();
                require(INTERFACES.contains(iface), "endpoint interface " + iface + " of service " + name
                        + " must be one of " + INTERFACES);
                require(regions.stream().anyMatch(r -> r.id().equals(region)), "endpoint region " + region
                        + " of service " + name + " is not a catalog region");
                require(e.url() != null && !e.url().isBlank(), "endpoint url of service " + name + " is required");
                eps.add(new Endpoint(derivedId("endpoint", id, iface, region), id, iface, region, e.url()));
            }
            list.add(new Service(id, s.type(), name, s.description() == null ? "" : s.description(), List.copyOf(eps)));
        }
        return List.copyOf(list);
    }

    /** A stable 32-hex id: a name-based UUID of the parts. */
    private static String derivedId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid catalog configuration: " + message);
        }
    }

    List<Region> regions() {
        return regions;
    }

    Optional<Region> region(String id) {
        return regions.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    List<Service> services() {
        return services;
    }

    Optional<Service> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    Optional<Endpoint> endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** An endpoint's URL; Gatehouse's own is resolved against the current request when no URL is configured. */
    String urlOf(Endpoint endpoint) {
        if (endpoint.url() != null) {
            return endpoint.url();
        }
        return identityUrl != null ? identityUrl : urls.of("/v3");
    }

    /** The catalog in the form of a token body and of {@code GET /v3/auth/catalog}. */
    public List<Entry> entries() {
        return services.stream().map(s -> new Entry(s.id(), s.type(), s.name(), s.endpoints().stream()
                .map(e -> new EntryEndpoint(e.id(), e.iface(), e.regionId(), e.regionId(), urlOf(e))).toList()))
                .toList();
    }

    /** One service of the catalog. */
    public record Entry(String id, String type, String name, List<EntryEndpoint> endpoints) {
    }

    /** One endpoint of a catalog entry; {@code region} and {@code region_id} both name the region. */
    public record EntryEndpoint(String id, @JsonProperty("interface") String iface, String region, String regionId,
            String url) {
    }
}
