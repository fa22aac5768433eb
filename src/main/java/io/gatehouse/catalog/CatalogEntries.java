package io.gatehouse.catalog;

import java.util.List;

/** The catalog as Gatehouse holds it once configuration is read: regions, services and their endpoints. */
final class CatalogEntries {

    private CatalogEntries() {
    }

    record Region(String id, String name, String description) {
    }

    record Service(String id, String type, String name, String description, List<Endpoint> endpoints) {
    }

    /** {@code url} null means Gatehouse's own identity URL, which may depend on the request. */
    record Endpoint(String id, String serviceId, String iface, String regionId, String url) {
    }
}
