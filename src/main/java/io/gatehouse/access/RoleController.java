package io.gatehouse.access;

import io.gatehouse.access.RoleRepresentation.Links;
import io.gatehouse.access.RoleRepresentation.RoleOut;
import io.gatehouse.access.RoleRepresentation.RoleView;
import io.gatehouse.access.RoleRepresentation.RolesOut;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v3/roles} (KeystoneListPermissions, KeystoneShowPermission): the system roles, or with
 * {@code domain_id} the custom policies of the caller's account. Another account's {@code domain_id} lists
 * nothing.
 */
@RestController
class RoleController {

    private final RoleService roles;
    private final PublicUrl urls;
    private final JsonMapper json;

    RoleController(RoleService roles, PublicUrl urls, JsonMapper json) {
        this.roles = roles;
        this.urls = urls;
        this.json = json;
    }

    @GetMapping("/v3/roles")
    @RequiresAction(value = "iam:roles:listRoles", resource = RoleService.RESOURCE)
    RolesOut list(Caller caller, @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "display_name", required = false) String displayName,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "catalog", required = false) String catalog,
            @RequestParam(name = "permission_type", required = false) String permissionType,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        RoleService.Paging paging = new RoleService.Paging(page, perPage);
        Links links = new Links(urls.of("/v3/roles"), null, null);
        boolean foreign = domainId != null && !domainId.equals(caller.domainId());
        // Every Gatehouse role is a fine-grained policy; there are no RBAC roles ("role") to list.
        if (foreign || "role".equals(checkedPermissionType(permissionType))) {
            return new RolesOut(List.of(), links, 0);
        }
        RoleService.Page found = roles.list(
                new RoleStore.Filter(domainId, name, displayName, catalog, types(type)), paging);
        return new RolesOut(found.roles().stream().map(this::view).toList(), links, found.total());
    }

    @GetMapping("/v3/roles/{role_id}")
    @RequiresAction(value = "iam:roles:getRole", resource = RoleService.RESOURCE)
    RoleOut show(Caller caller, @PathVariable("role_id") String id) {
        return new RoleOut(view(roles.show(caller, id)));
    }

    private RoleView view(Role role) {
        return RoleView.of(role, urls.of("/v3/roles/" + role.id()), json, null);
    }

    /** Huawei's {@code type}: domain lists what is shown at account level (AX, AA), project at project level. */
    private static List<String> types(String type) {
        if (type == null || type.equals("all")) {
            return null;
        }
        return switch (type) {
            case "domain" -> List.of("AX", "AA");
            case "project" -> List.of("XA", "AA");
            default -> throw IamError.INVALID_PARAMETER.exception("type");
        };
    }

    private static String checkedPermissionType(String permissionType) {
        if (permissionType != null && !permissionType.equals("policy") && !permissionType.equals("role")) {
            throw IamError.INVALID_PARAMETER.exception("permission_type");
        }
        return permissionType;
    }
}
