package io.gatehouse.access;

import io.gatehouse.access.GroupRepresentation.GroupBody;
import io.gatehouse.access.GroupRepresentation.GroupOut;
import io.gatehouse.access.GroupRepresentation.GroupView;
import io.gatehouse.access.GroupRepresentation.GroupsOut;
import io.gatehouse.access.GroupRepresentation.ListLinks;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.PublicUrl;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Keystone group API: {@code /v3/groups}, membership, and a user's groups. The members of a group,
 * as user representations, are listed by the user feature ({@code GET /v3/groups/{group_id}/users}).
 */
@RestController
@RequestMapping("/v3")
class GroupController {

    private final GroupService groups;
    private final PublicUrl urls;

    GroupController(GroupService groups, PublicUrl urls) {
        this.groups = groups;
        this.urls = urls;
    }

    /** The caller's account's groups; another account's {@code domain_id} gets an empty list. */
    @GetMapping("/groups")
    @RequiresAction(value = "iam:groups:listGroups", resource = GroupService.RESOURCE)
    GroupsOut list(Caller caller, @RequestParam(name = "domain_id", required = false) String domainId,
            @RequestParam(name = "name", required = false) String name) {
        List<Group> found = domainId != null && !domainId.equals(caller.domainId()) ? List.of()
                : groups.list(caller, name);
        return new GroupsOut(found.stream().map(this::view).toList(), ListLinks.of(urls.of("/v3/groups")));
    }

    @PostMapping("/groups")
    @RequiresAction(value = "iam:groups:createGroup", resource = GroupService.RESOURCE)
    ResponseEntity<GroupOut> create(Caller caller, @RequestBody GroupBody body) {
        if (body.group() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("group");
        }
        Group created = groups.create(caller, body.group().name(), body.group().description(), body.group().domainId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new GroupOut(view(created)));
    }

    @GetMapping("/groups/{group_id}")
    @RequiresAction(value = "iam:groups:getGroup", resource = GroupService.RESOURCE)
    GroupOut show(Caller caller, @PathVariable("group_id") String groupId) {
        return new GroupOut(view(groups.get(caller, groupId)));
    }

    @PatchMapping("/groups/{group_id}")
    @RequiresAction(value = "iam:groups:updateGroup", resource = GroupService.RESOURCE)
    GroupOut update(Caller caller, @PathVariable("group_id") String groupId, @RequestBody GroupBody body) {
        if (body.group() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("group");
        }
        return new GroupOut(view(groups.update(caller, groupId, body.group().name(), body.group().description(),
                body.group().domainId())));
    }

    @DeleteMapping("/groups/{group_id}")
    @RequiresAction(value = "iam:groups:deleteGroup", resource = GroupService.RESOURCE)
    ResponseEntity<Void> delete(Caller caller, @PathVariable("group_id") String groupId) {
        groups.delete(caller, groupId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/groups/{group_id}/users/{user_id}")
    @RequiresAction(value = "iam:permissions:addUserToGroup", resource = GroupService.RESOURCE)
    ResponseEntity<Void> addMember(Caller caller, @PathVariable("group_id") String groupId,
            @PathVariable("user_id") String userId) {
        groups.addMember(caller, groupId, userId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(path = "/groups/{group_id}/users/{user_id}", method = RequestMethod.HEAD)
    @RequiresAction(value = "iam:permissions:checkUserInGroup", resource = GroupService.RESOURCE)
    ResponseEntity<Void> checkMember(Caller caller, @PathVariable("group_id") String groupId,
            @PathVariable("user_id") String userId) {
        if (!groups.isMember(caller, groupId, userId)) {
            throw IamError.NOT_FOUND.exception("user in group", userId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/groups/{group_id}/users/{user_id}")
    @RequiresAction(value = "iam:permissions:removeUserFromGroup", resource = GroupService.RESOURCE)
    ResponseEntity<Void> removeMember(Caller caller, @PathVariable("group_id") String groupId,
            @PathVariable("user_id") String userId) {
        groups.removeMember(caller, groupId, userId);
        return ResponseEntity.noContent().build();
    }

    /** A user may list its own groups; listing another user's takes the grant. */
    @GetMapping("/users/{user_id}/groups")
    @RequiresAction(value = "iam:groups:listGroupsForUser", resource = GroupService.RESOURCE,
            allow = Allow.SELF_OR_GRANTED)
    GroupsOut groupsOfUser(Caller caller, @PathVariable("user_id") String userId) {
        return new GroupsOut(groups.groupsOf(caller, userId).stream().map(this::view).toList(),
                ListLinks.of(urls.of("/v3/users/" + userId + "/groups")));
    }

    private GroupView view(Group group) {
        return GroupView.of(group, urls.of("/v3/groups/" + group.id()));
    }
}
