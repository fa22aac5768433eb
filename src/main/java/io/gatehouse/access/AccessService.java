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
 * Groups, role grants and who is an administrator of an account. Administrators are the members of
 * the account's built-in {@code admin} group and the holders of the Security Administrator role on it.
 * That answer is cached per user, and every node drops its entry when a grant or membership changes.
 */
@Service
public class AccessService implements ChangeListener {

    public static final String ADMIN_GROUP = "admin";

    private final GroupStore groups;
    private final RoleAssignmentStore assignments;
    private final ChangeFeed changes;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<String, Boolean> administrators = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Roles per user and scope ({@code user|project or -}), for the token body at every sign-in. */
    private final Cache<String, List<RoleRef>> roles = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    AccessService(GroupStore groups, RoleAssignmentStore assignments, ChangeFeed changes, JdbcClient jdbc,
            Clock clock) {
        this.groups = groups;
        this.assignments = assignments;
        this.changes = changes;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The account's admin group, holding the Tenant Administrator role on the account and all its projects. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String createAdminGroup(String domainId) {
        Instant now = WireTime.truncate(clock.instant());
        String id = Ids.newId();
        groups.insert(id, domainId, ADMIN_GROUP, "Administrators of the account", true, now);
        assignments.assign(domainId, "group", id, SystemRoles.TENANT_ADMINISTRATOR, RoleAssignmentStore.DOMAIN,
                domainId, now);
        assignments.assign(domainId, "group", id, SystemRoles.TENANT_ADMINISTRATOR, RoleAssignmentStore.INHERITED,
                domainId, now);
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

    public boolean isAdministrator(String userId, String domainId) {
        return administrators.get(userId, id -> groups.inAdminGroup(id) || holdsSecurityAdministrator(id, domainId));
    }

    public List<RoleRef> rolesOn(String userId, String domainId, String projectId) {
        return roles.get(userId + "|" + (projectId == null ? "-" : projectId),
                key -> List.copyOf(assignments.rolesOn(userId, domainId, projectId)));
    }

    private boolean holdsSecurityAdministrator(String userId, String domainId) {
        return assignments.rolesOn(userId, domainId, null).stream()
                .anyMatch(role -> role.id().equals(SystemRoles.SECURITY_ADMINISTRATOR));
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.ACCESS_CHANGED) {
            // An account-wide change drops every answer: these caches are per user, not per account.
            if (subject.equals("*") || AccessChanges.accountOf(subject) != null) {
                administrators.invalidateAll();
                roles.invalidateAll();
            } else {
                forget(subject);
            }
        } else if (kind == ChangeKind.USER_TOKENS_REVOKED) {
            forget(subject.substring(0, subject.indexOf(':')));
        }
    }

    private void forget(String userId) {
        administrators.invalidate(userId);
        roles.asMap().keySet().removeIf(key -> key.startsWith(userId + "|"));
    }
}
