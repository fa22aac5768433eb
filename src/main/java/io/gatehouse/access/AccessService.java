package io.gatehouse.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.time.WireTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups, role grants and who is an administrator of an account. An administrator is a user whose grants on
 * the account allow every IAM action, unconditionally, and deny none ({@link UserPermissions#administers()}):
 * the members of the {@code admin} group (FullAccess), the holders of Security Administrator or IAM
 * FullAccess. The answer comes from the policy engine's cache, which every node keeps current.
 */
@Service
public class AccessService implements ChangeListener {

    public static final String ADMIN_GROUP = "admin";

    private final GroupStore groups;
    private final RoleAssignmentStore assignments;
    private final ChangeFeed changes;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PermissionCache permissions;
    /** Roles per user and scope ({@code user|project or -}), for the token body at every sign-in. */
    private final Cache<String, List<RoleRef>> roles = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    AccessService(GroupStore groups, RoleAssignmentStore assignments, ChangeFeed changes, JdbcClient jdbc,
            Clock clock, PermissionCache permissions) {
        this.groups = groups;
        this.assignments = assignments;
        this.changes = changes;
        this.jdbc = jdbc;
        this.clock = clock;
        this.permissions = permissions;
    }

    /**
     * The account's admin group: an ordinary group that holds the FullAccess role (every action, IAM and
     * Gatehouse's own included) on the account and all its projects.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String createAdminGroup(String domainId) {
        Instant now = WireTime.truncate(clock.instant());
        String id = Ids.newId();
        groups.insert(id, domainId, ADMIN_GROUP, "Administrators of the account", true, now);
        assignments.assign(domainId, "group", id, SystemRoles.FULL_ACCESS, RoleAssignmentStore.DOMAIN, domainId, now);
        assignments.assign(domainId, "group", id, SystemRoles.FULL_ACCESS, RoleAssignmentStore.INHERITED, domainId,
                now);
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addToAdminGroup(String domainId, String userId) {
        String groupId = groups.adminGroupId(domainId)
                .orElseThrow(() -> new IllegalStateException("Account " + domainId + " has no admin group"));
        groups.addMember(groupId, userId);
        changes.publish(ChangeKind.ACCESS_CHANGED, userId);
    }

    /** Grants a user the Security Administrator role on its account. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantSecurityAdministrator(String domainId, String userId) {
        assignments.assign(domainId, "user", userId, SystemRoles.SECURITY_ADMINISTRATOR, RoleAssignmentStore.DOMAIN,
                domainId, WireTime.truncate(clock.instant()));
        changes.publish(ChangeKind.ACCESS_CHANGED, userId);
    }

    /**
     * Removes every grant made to the user, when the user is deleted (its memberships go with its row).
     * Runs in the deleting transaction, which holds the user's row lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void revokeUserGrants(String userId) {
        if (assignments.revokeAll(RoleAssignmentStore.USER, userId) > 0) {
            changes.publish(ChangeKind.ACCESS_CHANGED, userId);
        }
    }

    /**
     * Grants a role to a user or a group ({@code subjectType} "user" or "group") on the account
     * ({@code scopeType} "domain"), a project ("project") or all projects ("inherited", scope = the account).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void grantRole(String domainId, String subjectType, String subjectId, String roleId, String scopeType,
            String scopeId) {
        assignments.assign(domainId, subjectType, subjectId, roleId, scopeType, scopeId,
                WireTime.truncate(clock.instant()));
        if (subjectType.equals("user")) {
            changes.publish(ChangeKind.ACCESS_CHANGED, subjectId);
        } else {
            changes.publish(ChangeKind.ACCOUNT_ACCESS_CHANGED, domainId);
        }
    }

    /** Whether the user's grants on its account allow every IAM action unconditionally and deny none. */
    public boolean isAdministrator(String userId, String domainId) {
        return userId != null && permissions.of(userId, domainId).administers();
    }

    public List<RoleRef> rolesOn(String userId, String domainId, String projectId) {
        return roles.get(userId + "|" + (projectId == null ? "-" : projectId),
                key -> List.copyOf(assignments.rolesOn(userId, domainId, projectId)));
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.ACCESS_CHANGED) {
            if (subject.equals("*")) {
                roles.invalidateAll();
            } else {
                forget(subject);
            }
        } else if (kind == ChangeKind.ACCOUNT_ACCESS_CHANGED || kind == ChangeKind.ROLE_CHANGED) {
            roles.invalidateAll();
        } else if (kind == ChangeKind.USER_TOKENS_REVOKED) {
            forget(subject.substring(0, subject.indexOf(':')));
        }
    }

    private void forget(String userId) {
        roles.asMap().keySet().removeIf(key -> key.startsWith(userId + "|"));
    }
}
