package io.gatehouse.access;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The system roles, which every account sees, and each account's custom policies, which only that account
 * sees: another account's policy is the same 404 as a missing one. A custom policy that is still granted
 * cannot be deleted, as on Huawei; a change to one reaches every node's decisions through the change feed.
 */
@Service
public class RoleService {

    public static final String RESOURCE = "role";
    static final String CUSTOM_CATALOG = "CUSTOMED";

    private final RoleStore roles;
    private final PolicyParser parser;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;

    RoleService(RoleStore roles, RegisteredActions registered, OperationLog operations, ChangeFeed changes,
            PlatformTransactionManager transactions, Clock clock) {
        this.roles = roles;
        this.parser = new PolicyParser(registered);
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    record Page(List<Role> roles, long total) {
    }

    /** A page: {@code page} from 1, {@code perPage} 1 to 300; both or neither. */
    record Paging(Integer page, Integer perPage) {
        Paging {
            if ((page == null) != (perPage == null)) {
                throw IamError.INVALID_PARAMETER.exception(page == null ? "page" : "per_page");
            }
            if (page != null && page < 1) {
                throw IamError.INVALID_PARAMETER.exception("page");
            }
            if (perPage != null && (perPage < 1 || perPage > 300)) {
                throw IamError.INVALID_PARAMETER.exception("per_page");
            }
        }

        int offset() {
            return page == null ? 0 : (page - 1) * perPage;
        }

        int limit() {
            return perPage == null ? Integer.MAX_VALUE : perPage;
        }
    }

    Page list(RoleStore.Filter filter, Paging paging) {
        return new Page(roles.list(filter, paging.offset(), paging.limit()), roles.count(filter));
    }

    /** A system role, or a custom policy of the caller's account. */
    Role show(Caller caller, String id) {
        return roles.find(id).filter(role -> !role.isCustom() || role.domainId().equals(caller.domainId()))
                .orElseThrow(() -> notFound(id));
    }

    Page listCustom(Caller caller, Paging paging) {
        return list(new RoleStore.Filter(caller.domainId(), null, null, null, null), paging);
    }

    record Shown(Role role, long references) {
    }

    Shown showCustom(Caller caller, String id) {
        Role role = roles.find(id).filter(r -> caller.domainId().equals(r.domainId())).orElseThrow(() -> notFound(id));
        return new Shown(role, roles.grantCount(id));
    }

    Role create(Caller caller, JsonNode body) {
        CustomPolicyRequest request = CustomPolicyRequest.read(body, parser);
        Instant now = WireTime.truncate(clock.instant());
        String id = Ids.newId();
        Role role = new Role(id, caller.domainId(), "custom_" + caller.domainId() + "_" + id.substring(0, 8),
                request.displayName(), request.type(), CUSTOM_CATALOG, request.description(), request.descriptionCn(),
                request.policyJson(), now, now);
        tx.executeWithoutResult(status -> {
            roles.insert(role);
            operations.success(caller, "iam:roles:createRole", RESOURCE, id);
        });
        return role;
    }

    Role update(Caller caller, String id, JsonNode body) {
        CustomPolicyRequest request = CustomPolicyRequest.read(body, parser);
        return tx.execute(status -> {
            Role current = roles.lockCustom(caller.domainId(), id).orElseThrow(() -> notFound(id));
            Role updated = new Role(id, current.domainId(), current.name(), request.displayName(), request.type(),
                    current.catalog(), request.description(), request.descriptionCn(), request.policyJson(),
                    current.createTime(), WireTime.truncate(clock.instant()));
            roles.update(updated);
            changes.publish(ChangeKind.ROLE_CHANGED, id);
            operations.success(caller, "iam:roles:updateRole", RESOURCE, id);
            return updated;
        });
    }

    void delete(Caller caller, String id) {
        tx.executeWithoutResult(status -> {
            roles.lockCustom(caller.domainId(), id).orElseThrow(() -> notFound(id));
            long grants = roles.grantCount(id);
            if (grants > 0) {
                throw new ApiException(IamError.CONFLICT, "Conflict occurred when attempting to store role - the "
                        + "custom policy is granted " + grants + " time(s); revoke those grants before deleting it.");
            }
            roles.delete(id);
            changes.publish(ChangeKind.ROLE_CHANGED, id);
            operations.success(caller, "iam:roles:deleteRole", RESOURCE, id);
        });
    }

    private static ApiException notFound(String id) {
        return IamError.NOT_FOUND.exception("role", id);
    }
}
