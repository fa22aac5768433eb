package io.gatehouse.risk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.audit.Location;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.cluster.ChangeListener;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's risk rules: their CRUD, and the per-node cache that the sign-in flow and the detector read
 * (Caffeine, per account, up to 10 minutes). A write publishes {@code RISK_RULES_CHANGED} in its
 * transaction, so every node drops the account's entry: this one at commit, the others at their next poll.
 */
@Service
class RiskRuleService implements ChangeListener {

    static final String RESOURCE = "risk_rule";
    static final int MAX_RULES = 50;
    static final int MAX_NAME = 64;
    static final int MAX_THRESHOLD = 1000;
    static final int MAX_PERIOD_DAYS = 180;

    private final RiskRuleStore store;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Cache<String, List<RiskRule>> byAccount = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    RiskRuleService(RiskRuleStore store, OperationLog operations, ChangeFeed changes,
            PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.operations = operations;
        this.changes = changes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a client sends; null fields keep their current value (or take the default on create). */
    record Fields(String name, String riskType, String locationGranularity, Integer frequencyThreshold,
            Integer periodDays, Boolean notifyEmail, Boolean notifySms, String response, Boolean enabled) {
    }

    /** The account's rules, from this node's cache: no database read on the sign-in path once loaded. */
    List<RiskRule> rulesOf(String domainId) {
        return byAccount.get(domainId, store::list);
    }

    List<RiskRule> list(Caller caller) {
        return store.list(caller.domainId());
    }

    RiskRule get(Caller caller, String id) {
        return store.find(caller.domainId(), id).orElseThrow(() -> notFound(id));
    }

    RiskRule create(Caller caller, Fields f) {
        if (f.name() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("risk_rule.name");
        }
        if (f.riskType() == null) {
            throw IamError.REQUIRED_PROPERTY.exception("risk_rule.risk_type");
        }
        Instant now = WireTime.truncate(clock.instant());
        RiskRule rule = valid(new RiskRule(Ids.newId(), caller.domainId(), f.name(),
                RiskType.fromWire(f.riskType(), "risk_rule.risk_type"),
                f.locationGranularity() == null ? Location.Granularity.CITY : granularity(f.locationGranularity()),
                f.frequencyThreshold() == null ? 3 : f.frequencyThreshold(),
                f.periodDays() == null ? 30 : f.periodDays(), Boolean.TRUE.equals(f.notifyEmail()),
                Boolean.TRUE.equals(f.notifySms()),
                f.response() == null ? RiskResponse.ALLOW : RiskResponse.fromWire(f.response(), "risk_rule.response"),
                f.enabled() == null || f.enabled(), now, now));
        return unique(rule.name(), () -> tx.execute(status -> {
            if (store.lockAll(caller.domainId()) >= MAX_RULES) {
                throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter risk_rule is invalid: an "
                        + "account has at most " + MAX_RULES + " risk rules.");
            }
            requireFreeName(caller.domainId(), rule.name(), null);
            store.insert(rule);
            written(caller, "gatehouse:risk:createRiskRule", rule.id());
            return rule;
        }));
    }

    RiskRule update(Caller caller, String id, Fields f) {
        return unique(f.name(), () -> tx.execute(status -> {
            store.lockAll(caller.domainId());
            RiskRule old = store.find(caller.domainId(), id).orElseThrow(() -> notFound(id));
            RiskRule rule = valid(new RiskRule(id, old.domainId(), f.name() == null ? old.name() : f.name(),
                    f.riskType() == null ? old.type() : RiskType.fromWire(f.riskType(), "risk_rule.risk_type"),
                    f.locationGranularity() == null ? old.granularity() : granularity(f.locationGranularity()),
                    f.frequencyThreshold() == null ? old.frequencyThreshold() : f.frequencyThreshold(),
                    f.periodDays() == null ? old.periodDays() : f.periodDays(),
                    f.notifyEmail() == null ? old.notifyEmail() : f.notifyEmail(),
                    f.notifySms() == null ? old.notifySms() : f.notifySms(),
                    f.response() == null ? old.response() : RiskResponse.fromWire(f.response(), "risk_rule.response"),
                    f.enabled() == null ? old.enabled() : f.enabled(), old.createdAt(),
                    WireTime.truncate(clock.instant())));
            requireFreeName(caller.domainId(), rule.name(), id);
            store.update(rule);
            written(caller, "gatehouse:risk:updateRiskRule", id);
            return rule;
        }));
    }

    /** A concurrent write that took the same name first: the unique key refuses the second one. */
    private static RiskRule unique(String name, Supplier<RiskRule> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw IamError.CONFLICT.exception("risk_rule", "a rule named '" + name + "' already exists");
        }
    }

    void delete(Caller caller, String id) {
        tx.executeWithoutResult(status -> {
            if (!store.delete(caller.domainId(), id)) {
                throw notFound(id);
            }
            written(caller, "gatehouse:risk:deleteRiskRule", id);
        });
    }

    @Override
    public void onChange(ChangeKind kind, String subject) {
        if (kind == ChangeKind.RISK_RULES_CHANGED) {
            byAccount.invalidate(subject);
        }
    }

    private void written(Caller caller, String action, String id) {
        operations.success(caller, action, RESOURCE, id);
        changes.publish(ChangeKind.RISK_RULES_CHANGED, caller.domainId());
    }

    private void requireFreeName(String domainId, String name, String exceptId) {
        if (store.nameTaken(domainId, name, exceptId)) {
            throw IamError.CONFLICT.exception("risk_rule", "a rule named '" + name + "' already exists");
        }
    }

    private static RiskRule valid(RiskRule r) {
        if (r.name().isBlank() || r.name().length() > MAX_NAME || r.name().chars().anyMatch(Character::isISOControl)) {
            throw IamError.INVALID_FIELD.exception("risk_rule.name", r.name());
        }
        if (r.frequencyThreshold() < 1 || r.frequencyThreshold() > MAX_THRESHOLD) {
            throw IamError.INVALID_FIELD.exception("risk_rule.frequency_threshold", r.frequencyThreshold());
        }
        if (r.periodDays() < 1 || r.periodDays() > MAX_PERIOD_DAYS) {
            throw IamError.INVALID_FIELD.exception("risk_rule.period_days", r.periodDays());
        }
        if (!r.type().judgesSignIns() && r.response() != RiskResponse.ALLOW) {
            throw new ApiException(IamError.INVALID_FIELD, "Invalid input for field 'risk_rule.response'. The value "
                    + "is '" + r.response().wire() + "': a lockout already refuses sign-ins, so an account_locked "
                    + "rule only notifies (response allow).");
        }
        return r;
    }

    private static Location.Granularity granularity(String value) {
        if ("country".equals(value) || "city".equals(value)) {
            return Location.Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        }
        throw IamError.INVALID_FIELD.exception("risk_rule.location_granularity", value);
    }

    private static ApiException notFound(String id) {
        return IamError.NOT_FOUND.exception("risk rule", id);
    }
}
