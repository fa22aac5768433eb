package io.gatehouse.catalog;

import io.gatehouse.catalog.CatalogEntries.Endpoint;
import io.gatehouse.catalog.CatalogEntries.Region;
import io.gatehouse.catalog.CatalogEntries.Service;
import io.gatehouse.catalog.CatalogRepresentation.CatalogOut;
import io.gatehouse.catalog.CatalogRepresentation.EndpointOut;
import io.gatehouse.catalog.CatalogRepresentation.EndpointView;
import io.gatehouse.catalog.CatalogRepresentation.EndpointsOut;
import io.gatehouse.catalog.CatalogRepresentation.ListLinks;
import io.gatehouse.catalog.CatalogRepresentation.RegionOut;
import io.gatehouse.catalog.CatalogRepresentation.RegionView;
import io.gatehouse.catalog.CatalogRepresentation.RegionsOut;
import io.gatehouse.catalog.CatalogRepresentation.SelfLink;
import io.gatehouse.catalog.CatalogRepresentation.ServiceOut;
import io.gatehouse.catalog.CatalogRepresentation.ServiceView;
import io.gatehouse.catalog.CatalogRepresentation.ServicesOut;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keystone's catalog, regions, services and endpoints, from {@link ServiceCatalog}. Like Huawei, any
 * authenticated user may read them: they describe the deployment, not an account.
 */
@RestController
class CatalogController {

    private static final String RESOURCE = "catalog";

    private final ServiceCatalog catalog;
    private final PublicUrl urls;

    CatalogController(ServiceCatalog catalog, PublicUrl urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    @GetMapping("/v3/auth/catalog")
    @RequiresAction(value = "iam:catalog:showCatalog", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    CatalogOut showCatalog() {
        return new CatalogOut(catalog.entries(), new SelfLink(urls.of("/v3/auth/catalog")));
    }

    @GetMapping("/v3/regions")
    @RequiresAction(value = "iam:regions:listRegions", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    RegionsOut listRegions() {
        return new RegionsOut(catalog.regions().stream().map(this::view).toList(),
                ListLinks.of(urls.of("/v3/regions")));
    }

    @GetMapping("/v3/regions/{region_id}")
    @RequiresAction(value = "iam:regions:getRegion", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    RegionOut showRegion(@PathVariable("region_id") String regionId) {
        return new RegionOut(view(catalog.region(regionId)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("region", regionId))));
    }

    @GetMapping("/v3/services")
    @RequiresAction(value = "iam:services:listServices", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    ServicesOut listServices(@RequestParam(name = "type", required = false) String type) {
        return new ServicesOut(catalog.services().stream().filter(s -> type == null || s.type().equals(type))
                .map(this::view).toList(), ListLinks.of(urls.of("/v3/services")));
    }

    @GetMapping("/v3/services/{service_id}")
    @RequiresAction(value = "iam:services:getService", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    ServiceOut showService(@PathVariable("service_id") String serviceId) {
        return new ServiceOut(view(catalog.service(serviceId)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("service", serviceId))));
    }

    @GetMapping("/v3/endpoints")
    @RequiresAction(value = "iam:endpoints:listEndpoints", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    EndpointsOut listEndpoints(@RequestParam(name = "interface", required = false) String iface,
            @RequestParam(name = "service_id", required = false) String serviceId) {
        if (iface != null && !ServiceCatalog.INTERFACES.contains(iface)) {
            throw IamError.INVALID_PARAMETER.exception("interface");
        }
        return new EndpointsOut(catalog.endpoints().stream()
                .filter(e -> iface == null || e.iface().equals(iface))
                .filter(e -> serviceId == null || e.serviceId().equals(serviceId))
                .map(this::view).toList(), ListLinks.of(urls.of("/v3/endpoints")));
    }

    @GetMapping("/v3/endpoints/{endpoint_id}")
    @RequiresAction(value = "iam:endpoints:getEndpoint", resource = RESOURCE, allow = Allow.AUTHENTICATED)
    EndpointOut showEndpoint(@PathVariable("endpoint_id") String endpointId) {
        return new EndpointOut(view(catalog.endpoint(endpointId)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("endpoint", endpointId))));
    }

    private RegionView view(Region r) {
        return new RegionView(r.id(), r.description(), null, "public", Map.of("en-us", r.name()),
                new SelfLink(urls.of("/v3/regions/" + r.id())));
    }

    private ServiceView view(Service s) {
        return new ServiceView(s.id(), s.type(), s.name(), s.description(), true,
                new SelfLink(urls.of("/v3/services/" + s.id())));
    }

    private EndpointView view(Endpoint e) {
        return new EndpointView(e.id(), e.serviceId(), e.regionId(), e.regionId(), e.iface(), catalog.urlOf(e), true,
                new SelfLink(urls.of("/v3/endpoints/" + e.id())));
    }
}
