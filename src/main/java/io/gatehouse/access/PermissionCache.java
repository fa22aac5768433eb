package io.gatehouse.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each user's granted policies, parsed, so that a decision reads no database. An entry is loaded by one
 * query on the user's first decision and dropped on every node when something it was built from changes:
 * <ul>
 *   <li>{@code ACCESS_CHANGED} with a user id (a grant to the user, a membership), or {@code "*"} (everyone);</li>
 *   <li>{@code ACCOUNT_ACCESS_CHANGED} with an account id (a grant to a group, a group deleted);</li>
 *   <li>{@code ROLE_CHANGED} with a role id (a custom policy updated or deleted);</li>
 *   <li>{@code USER_TOKENS_REVOKED} (a user deleted or disabled).</li>
 * </ul>
 * Entries also expire after 10 minutes, a bound on the damage of a change event that never arrives.
 */
@Component
class PermissionCache implements ChangeListener {

    private final RoleStore roles;
    private final JsonMapper json;
    private final PolicyParser parser = PolicyParser.forStoredPolicies();
    private final Cache<String, UserPermissions> byUser = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Parsed policies by their text: a system role's policy is parsed once for every user who holds it. */
    private final Cache<String, PolicyDocument> parsed = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    /** Counts invalidations, so that a load that raced with one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    PermissionCache(RoleStore roles, JsonMapper json) {
        this.roles = roles;
        this.json = json;
    }

    UserPermissions of(String userId, String domainId) {
        UserPermissions cached = byUser.getIfPresent(userId);
        if (cached != null && cached.domainId().equals(domainId)) {
            return cached;
        }
        long before = generation.get();
        UserPermissions loaded = load(userId, domainId);
        byUser.put(userId, loaded);
        if (generation.get() != before) {
            // A change arrived while the grants were read: what was read may predate it.
            byUser.invalidate(userId);
        }
        return loaded;
    }

    private UserPermissions load(String userId, String domainId) {
        List<UserPermissions.Grant> grants = new ArrayList<>();
        for (RoleStore.GrantedRole granted : roles.grantsReaching(userId, domainId)) {
            PolicyDocument policy = parsed.get(granted.policy(), text -> parser.parse(json.readTree(text)));
            grants.add(new UserPermissions.Grant(granted.scopeType(), granted.scopeId(), granted.roleId(), policy));
        }
        return new UserPermissions(domainId, grants);
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        switch (kind) {
            case ACCESS_CHANGED -> {
                generation.incrementAndGet();
                if (subject.equals("*")) {
                    byUser.invalidateAll();
                } else {
                    byUser.invalidate(subject);
                }
            }
            case ACCOUNT_ACCESS_CHANGED -> {
                generation.incrementAndGet();
                byUser.asMap().values().removeIf(permissions -> permissions.domainId().equals(subject));
            }
            case ROLE_CHANGED -> {
                generation.incrementAndGet();
                byUser.asMap().values().removeIf(permissions -> permissions.holdsRole(subject));
            }
            case USER_TOKENS_REVOKED -> {
                generation.incrementAndGet();
                byUser.invalidate(subject.substring(0, subject.indexOf(':')));
            }
            default -> {
            }
        }
    }
}
