package io.gatehouse.risk;

import io.gatehouse.audit.Location;
import io.gatehouse.audit.SignInEvents;
import io.gatehouse.audit.SignInEvents.Recorded;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One batch of sign-in events on their way through the detector, in id order: each is judged against what
 * the user's earlier sign-ins (in the rollup and earlier in the batch) made usual, then counted. The
 * counts are summed per rollup cell, so a batch writes each cell once.
 */
final class DetectionBatch {

    static final String CAUSE_LOCKED = "locked";
    static final String CAUSE_UNLOCKED = "unlocked";
    static final String CAUSE_CODE_SENT = "code_sent";
    static final String CAUSE_RISK_DENIED = "risk_denied";
    /** How far back a lock's risk event looks for the user's usual addresses. */
    static final int LOCK_USUAL_DAYS = 30;

    /** A risk event to insert, with the channels its rule notifies by. */
    record Raised(RiskEvent event, boolean notifyEmail, boolean notifySms) {
    }

    private record Cell(String userId, String dimension, String item, LocalDate day) {
    }

    private final Function<String, List<RiskRule>> rulesOf;
    private final SignInDaily daily;
    private final Instant now;
    private final Map<Cell, long[]> counts = new LinkedHashMap<>();
    private final Map<Cell, String> domains = new HashMap<>();
    private final Map<String, Familiarity> familiar = new HashMap<>();
    private final List<Raised> raised = new ArrayList<>();

    DetectionBatch(Function<String, List<RiskRule>> rulesOf, SignInDaily daily, Instant now) {
        this.rulesOf = rulesOf;
        this.daily = daily;
        this.now = now;
    }

    void process(Recorded e) {
        if (e.userId() == null || e.domainId() == null || SignInEvents.CHANNEL_OPERATION.equals(e.channel())) {
            return;
        }
        if (CAUSE_LOCKED.equals(e.cause())) {
            locked(e);
            return;
        }
        if (CAUSE_UNLOCKED.equals(e.cause()) || CAUSE_CODE_SENT.equals(e.cause())) {
            return;
        }
        if (e.success() || CAUSE_RISK_DENIED.equals(e.cause())) {
            judge(e);
        }
        count(e);
    }

    Collection<SignInDaily.Increment> increments() {
        List<SignInDaily.Increment> all = new ArrayList<>(counts.size());
        counts.forEach((cell, n) -> all.add(new SignInDaily.Increment(cell.userId(), domains.get(cell),
                cell.dimension(), cell.item(), cell.day(), n[0], n[1])));
        return all;
    }

    List<Raised> raised() {
        return raised;
    }

    private void judge(Recorded e) {
        List<RiskRule> rules = rulesOf.apply(e.domainId()).stream()
                .filter(r -> r.enabled() && r.type().judgesSignIns()).toList();
        if (rules.isEmpty()) {
            return;
        }
        LocalDate day = day(e);
        Familiarity known = familiarity(e.userId());
        Observation seen = new Observation(e.sourceIp(), e.location(), e.device());
        for (RiskRule rule : rules) {
            RiskJudge.judge(rule, seen, known, day).ifPresent(f -> raise(e, rule, f.unusual(), f.usual(),
                    describe(e, f)));
        }
    }

    private void locked(Recorded e) {
        LocalDate day = day(e);
        LocalDate since = day.minusDays(LOCK_USUAL_DAYS - 1L);
        List<Familiarity.Usual> usual = familiarity(e.userId()).usual(SignInDaily.IP, since, 1,
                RiskJudge.USUAL_SHOWN);
        String description = e.userName() + " was locked out after too many failed sign-ins; the one that locked it "
                + "came from " + where(e) + " at " + e.at() + ". Addresses of its successful sign-ins in the last "
                + LOCK_USUAL_DAYS + " days: " + RiskJudge.usualText(usual) + ".";
        String unusual = "lockout after repeated failed sign-ins from IP address " + e.sourceIp();
        List<RiskRule> rules = rulesOf.apply(e.domainId()).stream()
                .filter(r -> r.enabled() && r.type() == RiskType.ACCOUNT_LOCKED).toList();
        if (rules.isEmpty()) {
            // A lockout is a risk whether or not a rule asks to be told of it.
            raise(e, null, unusual, usual, description);
        }
        rules.forEach(rule -> raise(e, rule, unusual, usual, description));
    }

    private void raise(Recorded e, RiskRule rule, String unusual, List<Familiarity.Usual> usual,
            String description) {
        boolean notifies = rule != null && rule.notifies();
        RiskType type = rule == null ? RiskType.ACCOUNT_LOCKED : rule.type();
        raised.add(new Raised(new RiskEvent(0, e.domainId(), e.userId(), e.userName(), type,
                rule == null ? null : rule.id(), rule == null ? null : rule.name(), e.id(), e.at(), now,
                e.sourceIp(), e.location().label(), e.device().label(), e.success() ? "success" : "failure", unusual,
                usual, description, notifies ? "pending" : "none"),
                notifies && rule.notifyEmail(), notifies && rule.notifySms()));
    }

    private static String describe(Recorded e, RiskJudge.Finding f) {
        String what = e.success() ? " signed in from " + where(e) + " at " + e.at()
                : " tried to sign in from " + where(e) + " at " + e.at() + ", and the rule refused it";
        return e.userName() + what + ". Rule '" + f.rule().name() + "': " + f.reason() + ". Usual: "
                + RiskJudge.usualText(f.usual()) + ".";
    }

    private static String where(Recorded e) {
        return "IP address " + e.sourceIp() + " (" + e.location().label() + ", device " + e.device().label() + ")";
    }

    /**
     * The user's familiarity over the longest period a rule may have, from the rollup plus what this batch
     * counted so far: read once per user and batch, then kept up to date as the batch goes on.
     */
    private Familiarity familiarity(String userId) {
        return familiar.computeIfAbsent(userId, id -> {
            LocalDate floor = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(RiskRuleService.MAX_PERIOD_DAYS);
            Familiarity f = daily.familiarity(id, floor, SignInDaily.FAMILIARITY);
            counts.forEach((cell, n) -> {
                if (cell.userId().equals(id) && SignInDaily.FAMILIARITY.contains(cell.dimension()) && n[0] > 0) {
                    f.add(cell.dimension(), cell.item(), cell.day(), n[0]);
                }
            });
            return f;
        });
    }

    private void count(Recorded e) {
        LocalDate day = day(e);
        add(e, day, SignInDaily.TOTAL, SignInDaily.ALL);
        add(e, day, SignInDaily.HOUR, String.format("%02d", e.at().atZone(ZoneOffset.UTC).getHour()));
        add(e, day, SignInDaily.APPLICATION, e.application());
        add(e, day, SignInDaily.LOCATION, e.location().label());
        add(e, day, SignInDaily.METHOD, e.method());
        if (!e.success()) {
            add(e, day, SignInDaily.CAUSE, e.cause() == null ? "unknown" : e.cause());
        }
        add(e, day, SignInDaily.DEVICE, e.device().label());
        add(e, day, SignInDaily.IP, e.sourceIp());
        add(e, day, SignInDaily.COUNTRY, e.location().key(Location.Granularity.COUNTRY));
        add(e, day, SignInDaily.CITY, e.location().key(Location.Granularity.CITY));
    }

    private void add(Recorded e, LocalDate day, String dimension, String item) {
        if (item == null) {
            return;
        }
        Cell cell = new Cell(e.userId(), dimension, SignInDaily.truncate(item), day);
        long[] n = counts.computeIfAbsent(cell, c -> new long[2]);
        n[e.success() ? 0 : 1]++;
        domains.putIfAbsent(cell, e.domainId());
        Familiarity f = familiar.get(e.userId());
        if (f != null && e.success() && SignInDaily.FAMILIARITY.contains(dimension)) {
            f.add(dimension, cell.item(), day, 1);
        }
    }

    private static LocalDate day(Recorded e) {
        return LocalDate.ofInstant(e.at(), ZoneOffset.UTC);
    }
}
