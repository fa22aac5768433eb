package io.gatehouse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console and API access control lists of an account. The API list is enforced on token issue and
 * on every authenticated request; the console list is stored for the console sign-in of a later issue.
 * Checks read a per-node cache of compiled lists, which every node drops for an account when its lists
 * change ({@link ChangeKind#ACL_CHANGED}). A change that would shut out the administrator making it,
 * from the address they are using, is refused.
 */
@Service
public class AclService implements ChangeListener {

    public static final String CONSOLE_RESOURCE = "console_acl_policy";
    public static final String API_RESOURCE = "api_acl_policy";

    private static final int MAX_VALUE_LENGTH = 100;
    private static final int MAX_DESCRIPTION_LENGTH = 255;
    private static final Pattern VPC_ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AclStore store;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Compiled lists per account. Dropped on every change; the expiry only bounds a missed event. */
    private final Cache<String, Gates> gates = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    AclService(AclStore store, OperationLog operations, ChangeFeed changes, PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // ---- checks (the request path and sign-in) ----------------------------------------------------

    /** Whether the account's API access control list lets a request from this address through. */
    public boolean allowsApi(String domainId, String clientIp) {
        return gates(domainId).api().allows(clientIp);
    }

    /** Whether the account's console access control list lets a sign-in from this address through. */
    public boolean allowsConsole(String domainId, String clientIp) {
        return gates(domainId).console().allows(clientIp);
    }

    /** The refusal of a request or token issue from an address the API list does not allow. */
    public static ApiException apiAccessRefused() {
        return new ApiException(IamError.NOT_AUTHORIZED, "You are not authorized to perform the requested action: "
                + "the account's API access control list does not allow requests from your address.");
    }

    // ---- the API -----------------------------------------------------------------------------

    public AclPolicy get(Caller caller, String domainId, AclPolicy.Type type) {
        caller.requireOwnAccount(domainId);
        return store.find(domainId, type);
    }

    /**
     * Replaces the lists the request names; the lists it leaves out keep their entries.
     *
     * @param lists for each list in the request, its entries as sent (an element may be null)
     */
    public AclPolicy update(Caller caller, String domainId, AclPolicy.Type type,
            Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists) {
        caller.requireOwnAccount(domainId);
        Map<AclPolicy.Kind, List<AclPolicy.Entry>> valid = validate(type, lists);
        return tx.execute(status -> {
            store.lock(domainId, type, WireTime.truncate(clock.instant()));
            AclPolicy current = store.find(domainId, type);
            Map<AclPolicy.Kind, List<AclPolicy.Entry>> merged = new EnumMap<>(AclPolicy.Kind.class);
            for (AclPolicy.Kind kind : type.kinds()) {
                merged.put(kind, valid.containsKey(kind) ? valid.get(kind) : current.list(kind));
            }
            AclPolicy next = new AclPolicy(type, merged, WireTime.truncate(clock.instant()));
            requireWithinLimit(type, next.size());
            requireCallerStaysIn(caller, next);
            store.replace(domainId, next);
            operations.success(caller, action(type), resource(type), domainId);
            changes.publish(ChangeKind.ACL_CHANGED, domainId);
            return next;
        });
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.ACL_CHANGED) {
            gates.invalidate(subject);
        }
    }

    // ---- rules -------------------------------------------------------------------------------

    private Map<AclPolicy.Kind, List<AclPolicy.Entry>> validate(AclPolicy.Type type,
            Map<AclPolicy.Kind, List<AclPolicy.Entry>> lists) {
        requireWithinLimit(type, lists.values().stream().mapToInt(List::size).sum());
        Map<AclPolicy.Kind, List<AclPolicy.Entry>> valid = new EnumMap<>(AclPolicy.Kind.class);
        lists.forEach((kind, entries) -> {
            if (!type.kinds().contains(kind)) {
                throw new IllegalArgumentException(kind + " is not a list of " + type);
            }
            List<AclPolicy.Entry> checked = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                checked.add(validEntry(type, kind, i, entries.get(i)));
            }
            valid.put(kind, List.copyOf(checked));
        });
        return valid;
    }

    private static AclPolicy.Entry validEntry(AclPolicy.Type type, AclPolicy.Kind kind, int index,
            AclPolicy.Entry entry) {
        String field = type.wire() + "." + kind.wire() + "[" + index + "]";
        if (entry == null) {
            throw invalid(field, "an entry is required, not null");
        }
        String value = entry.value();
        if (value == null) {
            throw IamError.REQUIRED_PROPERTY.exception(field + "." + kind.member());
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid(field + "." + kind.member(), "it is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        try {
            if (kind.family() == null) {
                if (!VPC_ENDPOINT_ID.matcher(value).matches()) {
                    throw new IllegalArgumentException(
                            "it must be a VPC endpoint id of 1 to 64 letters, digits, '-' and '_'");
                }
            } else if (kind.isRange()) {
                AclMatcher.range(value, kind.family());
            } else {
                AclMatcher.netmask(value, kind.family());
            }
        } catch (IllegalArgumentException e) {
            throw invalid(field + "." + kind.member(), e.getMessage());
        }
        String description = entry.description() == null ? "" : entry.description();
        if (description.length() > MAX_DESCRIPTION_LENGTH || description.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + ".description",
                    "it must be at most " + MAX_DESCRIPTION_LENGTH + " characters without control characters");
        }
        return new AclPolicy.Entry(value, description);
    }

    private static void requireWithinLimit(AclPolicy.Type type, int size) {
        if (size > AclPolicy.MAX_ENTRIES) {
            throw invalid(type.wire(), "it would hold " + size + " entries, and at most " + AclPolicy.MAX_ENTRIES
                    + " are allowed in all its lists together");
        }
    }

    /** An administrator must not shut themselves out: the new list must allow their current address. */
    private static void requireCallerStaysIn(Caller caller, AclPolicy next) {
        String ip = caller.client() == null ? null : caller.client().ip();
        if (!AclGate.of(next).allows(ip)) {
            throw invalid(next.type().wire(), "it would lock you out, because no entry allows your current address "
                    + (AclMatcher.client(ip) == null ? "" : "(" + ip + ") ")
                    + "and a list with entries allows only the addresses it matches; add an entry that covers it");
        }
    }

    private static ApiException invalid(String field, String reason) {
        return new ApiException(IamError.INVALID_FIELD, "Invalid input for field '" + field + "': " + reason + ".");
    }


    private Gates gates(String domainId) {
        return gates.get(domainId, id -> {
            Map<AclPolicy.Type, AclPolicy> all = store.findAll(id);
            return new Gates(AclGate.of(all.get(AclPolicy.Type.API)), AclGate.of(all.get(AclPolicy.Type.CONSOLE)));
        });
    }

    static String action(AclPolicy.Type type) {
        return type == AclPolicy.Type.API ? "iam:securitypolicies:updateApiAclPolicy"
                : "iam:securitypolicies:updateConsoleAclPolicy";
    }

    static String resource(AclPolicy.Type type) {
        return type == AclPolicy.Type.API ? API_RESOURCE : CONSOLE_RESOURCE;
    }

    private record Gates(AclGate api, AclGate console) {
    }
}
