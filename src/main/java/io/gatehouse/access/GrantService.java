package io.gatehouse.access;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants of roles to groups and to users, on the account ({@code domain}), on one of its projects, or on
 * all its projects ({@code inherited}). A role is a system role or one of the account's own custom
 * policies; the project, the group and the user must be the caller's account's, and anything else is the
 * same 404 as an id that does not exist. A write locks its subject's row first (the group's, or the
 * user's), so that deleting the subject waits and then takes the grant with it. The built-in admin
 * group's grants are fixed, as on Huawei Cloud.
 */
@Service
public class GrantService {

    public static final String RESOURCE = "role_assignment";

    /** Who receives a grant. */
    public enum Subject {
        USER(RoleAssignmentStore.USER), GROUP(RoleAssignmentStore.GROUP);

        final String wire;

        Subject(String wire) {
            this.wire = wire;
        }
    }

    /** Where a grant applies; the path names the account for DOMAIN and INHERITED, a project for PROJECT. */
    public enum Scope {
        DOMAIN(RoleAssignmentStore.DOMAIN), PROJECT(RoleAssignmentStore.PROJECT), INHERITED(RoleAssignmentStore.INHERITED);

        final String wire;

        Scope(String wire) {
            this.wire = wire;
        }
    }

    private final GroupStore groups;
    private final RoleAssignmentStore assignments;
    private final UserDirectory users;
    private final ProjectDirectory projects;
    private final AccessChanges changes;
    private final OperationLog operations;
    private final TransactionTemplate tx;
    private final Clock clock;

    GrantService(GroupStore groups, RoleAssignmentStore assignments, UserDirectory users, ProjectDirectory projects,
            AccessChanges changes, OperationLog operations, PlatformTransactionManager transactions, Clock clock) {
        this.groups = groups;
        this.assignments = assignments;
        this.users = users;
        this.projects = projects;
        this.changes = changes;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public void grant(Caller caller, Subject subject, String subjectId, Scope scope, String scopeId, String roleId,
            String operation) {
        String scopeKey = scopeKey(caller, scope, scopeId);
        tx.executeWithoutResult(status -> {
            lockSubject(caller, subject, subjectId, true);
            Grant grant = new Grant(subject.wire, subjectId, role(caller, roleId).id(), scope.wire, scopeKey);
            if (assignments.grant(caller.domainId(), grant, WireTime.truncate(clock.instant()))) {
                announce(caller, subject, subjectId);
            }
            operations.success(caller, operation, RESOURCE, grant.resourceId());
        });
    }

    public void revoke(Caller caller, Subject subject, String subjectId, Scope scope, String scopeId, String roleId,
            String operation) {
        String scopeKey = scopeKey(caller, scope, scopeId);
        tx.executeWithoutResult(status -> {
            lockSubject(caller, subject, subjectId, true);
            Grant grant = new Grant(subject.wire, subjectId, roleId, scope.wire, scopeKey);
            if (!assignments.revoke(grant)) {
                throw IamError.NOT_FOUND.exception("role assignment", roleId);
            }
            announce(caller, subject, subjectId);
            operations.success(caller, operation, RESOURCE, grant.resourceId());
        });
    }

    /** Passes when the grant exists; otherwise, or for a role, subject or scope the caller cannot see, 404. */
    public void check(Caller caller, Subject subject, String subjectId, Scope scope, String scopeId, String roleId) {
        String scopeKey = scopeKey(caller, scope, scopeId);
        lockSubject(caller, subject, subjectId, false);
        if (!assignments.exists(new Grant(subject.wire, subjectId, role(caller, roleId).id(), scope.wire, scopeKey))) {
            throw IamError.NOT_FOUND.exception("role assignment", roleId);
        }
    }

    /** The roles granted to the subject itself on the scope. */
    public List<GrantedRole> roles(Caller caller, Subject subject, String subjectId, Scope scope, String scopeId) {
        String scopeKey = scopeKey(caller, scope, scopeId);
        lockSubject(caller, subject, subjectId, false);
        return assignments.rolesOf(subject.wire, subjectId, scope.wire, scopeKey);
    }

    /** Checks that the scope is the caller's account, or one of its projects, and gives its stored id. */
    private String scopeKey(Caller caller, Scope scope, String scopeId) {
        if (scope == Scope.PROJECT) {
            if (!projects.existsInAccount(caller.domainId(), scopeId)) {
                throw IamError.NOT_FOUND.exception("project", scopeId);
            }
        } else {
            caller.requireOwnAccount(scopeId);
        }
        return scopeId;
    }

    /** Checks that the subject is the caller's account's; in a write, locks it and refuses the admin group. */
    private void lockSubject(Caller caller, Subject subject, String subjectId, boolean write) {
        if (subject == Subject.USER) {
            boolean found = write ? users.lockInAccount(caller.domainId(), subjectId)
                    : users.existsInAccount(caller.domainId(), subjectId);
            if (!found) {
                throw IamError.NOT_FOUND.exception("user", subjectId);
            }
            return;
        }
        Group group = (write ? groups.lock(caller.domainId(), subjectId) : groups.find(caller.domainId(), subjectId))
                .orElseThrow(() -> GroupService.notFound(subjectId));
        if (write && group.builtinAdmin()) {
            throw new ApiException(IamError.INVALID_PARAMETER,
                    "Request parameter group_id is invalid: the permissions of the built-in admin group cannot be changed.");
        }
    }

    private GrantedRole role(Caller caller, String roleId) {
        return assignments.grantableRole(caller.domainId(), roleId)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("role", roleId));
    }

    private void announce(Caller caller, Subject subject, String subjectId) {
        if (subject == Subject.USER) {
            changes.userChanged(subjectId);
        } else {
            changes.usersChanged(caller.domainId(), groups.memberIds(subjectId, null, AccessChanges.MAX_USER_EVENTS + 1));
        }
    }
}
