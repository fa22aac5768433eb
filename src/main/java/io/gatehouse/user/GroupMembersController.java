package io.gatehouse.user;

import io.gatehouse.access.GroupService;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.user.UserRepresentation.KeystoneUserView;
import io.gatehouse.user.UserRepresentation.KeystoneUsersOut;
import io.gatehouse.user.UserRepresentation.ListLinks;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/groups/{group_id}/users}: a group's members as Keystone user representations, which
 * this feature owns; the access feature knows who the members are. Paged like {@code GET /v3/users}.
 */
@RestController
class GroupMembersController {

    private final GroupService groups;
    private final UserService users;
    private final PublicUrl urls;
    private final int listLimit;

    GroupMembersController(GroupService groups, UserService users, PublicUrl urls,
            @Value("${gatehouse.list-limit:1000}") int listLimit) {
        this.groups = groups;
        this.users = users;
        this.urls = urls;
        this.listLimit = listLimit;
    }

    @GetMapping("/v3/groups/{group_id}/users")
    @RequiresAction(value = "iam:users:listUsersForGroup", resource = GroupService.RESOURCE)
    KeystoneUsersOut members(Caller caller, @PathVariable("group_id") String groupId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "marker", required = false) String marker) {
        int pageSize = limit == null ? listLimit : limit;
        if (pageSize < 1 || pageSize > listLimit) {
            throw IamError.INVALID_PARAMETER.exception("limit");
        }
        List<String> ids = groups.memberIds(caller, groupId, marker, pageSize + 1);
        boolean more = ids.size() > pageSize;
        List<KeystoneUserView> views = users.findAll(caller.domainId(), more ? ids.subList(0, pageSize) : ids)
                .stream().map(u -> KeystoneUserView.of(u, urls.of("/v3/users/" + u.id()))).toList();
        String self = urls.of("/v3/groups/" + groupId + "/users");
        String next = more ? self + "?limit=" + pageSize + "&marker=" + ids.get(pageSize - 1) : null;
        return new KeystoneUsersOut(views, new ListLinks(self, null, next), more && limit == null ? Boolean.TRUE : null);
    }
}
