package io.gatehouse.access;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * User groups and their members. Every write is one transaction that locks the group's row first, so
 * that a concurrent delete of the group waits; it writes its operation-log record and announces the
 * members whose access changed. The built-in {@code admin} group keeps its name, is never deleted, and
 * always keeps the account owner, as on Huawei Cloud.
 */
@Service
public class GroupService {

    public static final String RESOURCE = "group";
    static final int NAME_MAX = 128;
    static final int DESCRIPTION_MAX = 255;

    private final GroupStore groups;
    private final RoleAssignmentStore assignments;
    private final UserDirectory users;
    private final AccessChanges changes;
    private final OperationLog operations;
    private final TransactionTemplate tx;
    private final Clock clock;

    GroupService(GroupStore groups, RoleAssignmentStore assignments, UserDirectory users, AccessChanges changes,
            OperationLog operations, PlatformTransactionManager transactions, Clock clock) {
        this.groups = groups;
        this.assignments = assignments;
        this.users = users;
        this.changes = changes;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // ---- reads -------------------------------------------------------------------------------

    public List<Group> list(Caller caller, String name) {
        return groups.list(caller.domainId(), name);
    }

    public Group get(Caller caller, String groupId) {
        return groups.find(caller.domainId(), groupId).orElseThrow(() -> notFound(groupId));
    }

    /** The groups of a user of the caller's account; another account's user is not found. */
    public List<Group> groupsOf(Caller caller, String userId) {
        if (!users.existsInAccount(caller.domainId(), userId)) {
            throw IamError.NOT_FOUND.exception("user", userId);
        }
        return groups.groupsOf(caller.domainId(), userId);
    }

    /** Member ids of a group of the caller's account, in id order, after {@code marker}, at most {@code limit}. */
    public List<String> memberIds(Caller caller, String groupId, String marker, int limit) {
        get(caller, groupId);
        return groups.memberIds(groupId, marker, limit);
    }

    /** Whether the user is a member; an unknown group or user, or one of another account, is not found. */
    public boolean isMember(Caller caller, String groupId, String userId) {
        get(caller, groupId);
        if (!users.existsInAccount(caller.domainId(), userId)) {
            throw IamError.NOT_FOUND.exception("user", userId);
        }
        return groups.isMember(groupId, userId);
    }

    // ---- writes ------------------------------------------------------------------------------

    public Group create(Caller caller, String name, String description, String domainId) {
        requireOwnDomainField(caller, domainId);
        String checkedName = name(required(name));
        String checkedDescription = description(description);
        Instant now = WireTime.truncate(clock.instant());
        Group group = new Group(Ids.newId(), caller.domainId(), checkedName, checkedDescription, false, now);
        return write(() -> {
            requireFreeName(caller.domainId(), checkedName, null);
            groups.insert(group.id(), group.domainId(), group.name(), group.description(), false, now);
            operations.success(caller, "iam:groups:createGroup", RESOURCE, group.id());
            return group;
        });
    }

    /** Changes the name and the description sent (null: unchanged); the admin group keeps its name. */
    public Group update(Caller caller, String groupId, String name, String description, String domainId) {
        requireOwnDomainField(caller, domainId);
        String checkedName = name == null ? null : name(name);
        String checkedDescription = description == null ? null : description(description);
        return write(() -> {
            Group current = lock(caller, groupId);
            String nextName = checkedName == null ? current.name() : checkedName;
            if (current.builtinAdmin() && !nextName.equals(current.name())) {
                throw new ApiException(IamError.INVALID_PARAMETER,
                        "Request parameter group.name is invalid: the built-in admin group cannot be renamed.");
            }
            if (!nextName.equals(current.name())) {
                requireFreeName(caller.domainId(), nextName, groupId);
            }
            Group next = new Group(current.id(), current.domainId(), nextName,
                    checkedDescription == null ? current.description() : checkedDescription, current.builtinAdmin(),
                    current.createTime());
            groups.update(groupId, next.name(), next.description());
            operations.success(caller, "iam:groups:updateGroup", RESOURCE, groupId);
            return next;
        });
    }

    /** Deletes the group with its memberships and its grants, in one transaction. */
    public void delete(Caller caller, String groupId) {
        write(() -> {
            Group group = lock(caller, groupId);
            if (group.builtinAdmin()) {
                throw new ApiException(IamError.INVALID_PARAMETER,
                        "Request parameter group_id is invalid: the built-in admin group cannot be deleted.");
            }
            List<String> members = groups.memberIds(groupId, null, AccessChanges.MAX_USER_EVENTS + 1);
            assignments.revokeAll(RoleAssignmentStore.GROUP, groupId);
            groups.delete(groupId);
            operations.success(caller, "iam:groups:deleteGroup", RESOURCE, groupId);
            changes.usersChanged(caller.domainId(), members);
            return null;
        });
    }

    public void addMember(Caller caller, String groupId, String userId) {
        write(() -> {
            lock(caller, groupId);
            lockUser(caller, userId);
            if (groups.addMember(groupId, userId)) {
                changes.userChanged(userId);
            }
            operations.success(caller, "iam:permissions:addUserToGroup", RESOURCE, groupId + "/users/" + userId);
            return null;
        });
    }

    public void removeMember(Caller caller, String groupId, String userId) {
        write(() -> {
            Group group = lock(caller, groupId);
            lockUser(caller, userId);
            if (group.builtinAdmin() && users.isAccountOwner(caller.domainId(), userId)) {
                throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter user_id is invalid: the "
                        + "account owner cannot be removed from the built-in admin group.");
            }
            if (!groups.removeMember(groupId, userId)) {
                throw IamError.NOT_FOUND.exception("user in group", userId);
            }
            changes.userChanged(userId);
            operations.success(caller, "iam:permissions:removeUserFromGroup", RESOURCE, groupId + "/users/" + userId);
            return null;
        });
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Group lock(Caller caller, String groupId) {
        return groups.lock(caller.domainId(), groupId).orElseThrow(() -> notFound(groupId));
    }

    private void lockUser(Caller caller, String userId) {
        if (!users.lockInAccount(caller.domainId(), userId)) {
            throw IamError.NOT_FOUND.exception("user", userId);
        }
    }

    private void requireFreeName(String domainId, String name, String exceptId) {
        if (groups.nameTaken(domainId, name, exceptId)) {
            throw nameConflict(name);
        }
    }

    private static ApiException nameConflict(String name) {
        return IamError.CONFLICT.exception("group", "the account already has a group named '" + name + "'");
    }

    /** A {@code domain_id} in the body must be the caller's own; another account and no account look alike. */
    private static void requireOwnDomainField(Caller caller, String domainId) {
        if (domainId != null && !domainId.equals(caller.domainId())) {
            throw IamError.INVALID_PARAMETER.exception("group.domain_id");
        }
    }

    private static String required(String name) {
        if (name == null) {
            throw IamError.REQUIRED_PROPERTY.exception("group.name");
        }
        return name;
    }

    static String name(String name) {
        if (name.isBlank() || name.length() > NAME_MAX || hasControl(name)) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter group.name is invalid: it must be "
                    + "1 to " + NAME_MAX + " characters, not blank, without control characters.");
        }
        return name;
    }

    static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > DESCRIPTION_MAX || hasControl(description)) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter group.description is invalid: "
                    + "it must be at most " + DESCRIPTION_MAX + " characters, without control characters.");
        }
        return description;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private <T> T write(Supplier<T> work) {
        try {
            return tx.execute(status -> work.get());
        } catch (DataIntegrityViolationException e) {
            // A concurrent create or rename took the name between the check and the write.
            if (String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT).contains("uq_group_name")) {
                throw IamError.CONFLICT.exception("group", "the account already has a group of that name");
            }
            throw e;
        }
    }

    static ApiException notFound(String groupId) {
        return IamError.NOT_FOUND.exception("group", groupId);
    }
}
