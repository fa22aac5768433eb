package io.gatehouse.access;

import io.gatehouse.access.RoleRepresentation.DeletedOut;
import io.gatehouse.access.RoleRepresentation.Links;
import io.gatehouse.access.RoleRepresentation.RoleOut;
import io.gatehouse.access.RoleRepresentation.RoleView;
import io.gatehouse.access.RoleRepresentation.RolesOut;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v3.0/OS-ROLE/roles}: the caller's account's custom policies (create, list, show, update, delete). */
@RestController
class CustomPolicyController {

    private static final String PATH = "/v3.0/OS-ROLE/roles";

    private final RoleService roles;
    private final PublicUrl urls;
    private final JsonMapper json;

    CustomPolicyController(RoleService roles, PublicUrl urls, JsonMapper json) {
        this.roles = roles;
        this.urls = urls;
        this.json = json;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresAction(value = "iam:roles:createRole", resource = RoleService.RESOURCE)
    RoleOut create(Caller caller, @RequestBody(required = false) JsonNode body) {
        return new RoleOut(view(roles.create(caller, body), null));
    }

    @GetMapping(PATH)
    @RequiresAction(value = "iam:roles:listRoles", resource = RoleService.RESOURCE)
    RolesOut list(Caller caller, @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        RoleService.Page found = roles.listCustom(caller, new RoleService.Paging(page, perPage));
        return new RolesOut(found.roles().stream().map(r -> view(r, null)).toList(),
                new Links(urls.of(PATH), null, null), found.total());
    }

    @GetMapping(PATH + "/{role_id}")
    @RequiresAction(value = "iam:roles:getRole", resource = RoleService.RESOURCE)
    RoleOut show(Caller caller, @PathVariable("role_id") String id) {
        RoleService.Shown shown = roles.showCustom(caller, id);
        return new RoleOut(view(shown.role(), shown.references()));
    }

    @PatchMapping(PATH + "/{role_id}")
    @RequiresAction(value = "iam:roles:updateRole", resource = RoleService.RESOURCE)
    RoleOut update(Caller caller, @PathVariable("role_id") String id, @RequestBody(required = false) JsonNode body) {
        return new RoleOut(view(roles.update(caller, id, body), null));
    }

    @DeleteMapping(PATH + "/{role_id}")
    @RequiresAction(value = "iam:roles:deleteRole", resource = RoleService.RESOURCE)
    DeletedOut delete(Caller caller, @PathVariable("role_id") String id) {
        roles.delete(caller, id);
        return new DeletedOut("Delete success");
    }

    private RoleView view(Role role, Long references) {
        return RoleView.of(role, urls.of(PATH + "/" + role.id()), json, references);
    }
}
