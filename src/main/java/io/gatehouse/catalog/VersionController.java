package io.gatehouse.catalog;

import io.gatehouse.catalog.CatalogRepresentation.Link;
import io.gatehouse.catalog.CatalogRepresentation.MediaType;
import io.gatehouse.catalog.CatalogRepresentation.Values;
import io.gatehouse.catalog.CatalogRepresentation.VersionOut;
import io.gatehouse.catalog.CatalogRepresentation.VersionView;
import io.gatehouse.catalog.CatalogRepresentation.VersionsOut;
import io.gatehouse.common.web.PublicEndpoint;
import io.gatehouse.common.web.PublicUrl;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keystone's version discovery: {@code GET /} lists the one API version (300 Multiple Choices, as
 * Keystone answers) and {@code GET /v3} describes it. Clients read these before they sign in, so they
 * need no token.
 */
@RestController
class VersionController {

    /** The Keystone v3 minor version Huawei IAM announces. */
    static final String VERSION_ID = "v3.6";
    static final String VERSION_UPDATED = "2016-04-04T00:00:00Z";

    private final PublicUrl urls;

    VersionController(PublicUrl urls) {
        this.urls = urls;
    }

    @GetMapping("/")
    @PublicEndpoint
    ResponseEntity<VersionsOut> listVersions() {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(new VersionsOut(new Values(List.of(v3()))));
    }

    @GetMapping({"/v3", "/v3/"})
    @PublicEndpoint
    VersionOut showVersion() {
        return new VersionOut(v3());
    }

    private VersionView v3() {
        return new VersionView(VERSION_ID, "stable", VERSION_UPDATED, List.of(new Link("self", urls.of("/v3/"))),
                List.of(new MediaType("application/json", "application/vnd.openstack.identity-v3+json")));
    }
}
