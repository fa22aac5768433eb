package io.gatehouse.risk;

import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Risk events: a user's own ({@code /gatehouse/v1/users/{user_id}/risk-events}, also for an administrator of
 * its account) and the account's ({@code /gatehouse/v1/risk-events}), newest first, filtered by period and
 * risk type; and the account's risk dashboard.
 */
@RestController
class RiskEventController {

    static final String RESOURCE = "risk_event";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> PERIODS = Set.of("today", "7d", "30d", "90d");
    private static final Set<String> DASHBOARD_PERIODS = Set.of("today", "7d", "30d", "custom");

    private final RiskEventStore events;
    private final UserService users;
    private final Clock clock;

    RiskEventController(RiskEventStore events, UserService users, Clock clock) {
        this.events = events;
        this.users = users;
        this.clock = clock;
    }

    record ListOut(List<View> riskEvents, PageInfo pageInfo) {
    }

    record PageInfo(int currentCount, String nextMarker) {
    }

    record View(long id, String userId, String userName, String riskType, String ruleId, String ruleName,
            long signinEventId, String occurredAt, String detectedAt, String sourceIp, String location, String device,
            String signinResult, String unusual, List<UsualView> usual, String description, String notification) {

        static View of(RiskEvent e) {
            return new View(e.id(), e.userId(), e.userName(), e.type().wire(), e.ruleId(), e.ruleName(),
                    e.signInEventId(), WireTime.token(e.occurredAt()), WireTime.token(e.detectedAt()), e.sourceIp(),
                    e.location(), e.device(), e.signInResult(), e.unusual(),
                    e.usual().stream().map(u -> new UsualView(u.value(), u.signIns())).toList(), e.description(),
                    e.notification());
        }
    }

    record UsualView(String value, long signIns) {
    }

    @GetMapping("/gatehouse/v1/risk-events")
    @RequiresAction(value = "gatehouse:risk:listRiskEvents", resource = RESOURCE)
    ListOut listAccount(Caller caller, @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "risk_type", required = false) String riskType,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "marker", required = false) String marker) {
        return page(caller.domainId(), userId, riskType, period, from, to, limit, marker);
    }

    @GetMapping("/gatehouse/v1/users/{user_id}/risk-events")
    @RequiresAction(value = "gatehouse:risk:listRiskEvents", resource = RESOURCE, allow = Allow.SELF_OR_GRANTED)
    ListOut listUser(Caller caller, @PathVariable("user_id") String userId,
            @RequestParam(name = "risk_type", required = false) String riskType,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "marker", required = false) String marker) {
        users.get(caller, userId);
        return page(caller.domainId(), userId, riskType, period, from, to, limit, marker);
    }

    record DashboardOut(Dashboard riskDashboard) {
    }

    record Dashboard(String period, String from, String to, String timeZone, long total, List<DayCount> daily,
            List<Top> topAbnormalDevices, List<Top> topAbnormalIps) {
    }

    record DayCount(String date, long count, long abnormalIp, long abnormalLocation, long abnormalDevice,
            long accountLocked) {
    }

    record Top(String name, long count) {
    }

    @GetMapping("/gatehouse/v1/risk-dashboard")
    @RequiresAction(value = "gatehouse:risk:getRiskDashboard", resource = RESOURCE)
    DashboardOut dashboard(Caller caller, @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        Period range = Period.parse(period, from, to, today(), DASHBOARD_PERIODS, "7d");
        Map<LocalDate, long[]> byDay = new HashMap<>();
        for (RiskEventStore.Tally t : events.perDay(caller.domainId(), range.from(), range.to())) {
            byDay.computeIfAbsent(t.day(), d -> new long[RiskType.values().length])[
                    RiskType.fromWire(t.key(), "risk_type").ordinal()] += t.count();
        }
        List<DayCount> days = new ArrayList<>();
        long total = 0;
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            long[] n = byDay.getOrDefault(d, new long[RiskType.values().length]);
            long sum = Arrays.stream(n).sum();
            total += sum;
            days.add(new DayCount(d.toString(), sum, n[RiskType.ABNORMAL_IP.ordinal()],
                    n[RiskType.ABNORMAL_LOCATION.ordinal()], n[RiskType.ABNORMAL_DEVICE.ordinal()],
                    n[RiskType.ACCOUNT_LOCKED.ordinal()]));
        }
        return new DashboardOut(new Dashboard(range.name(), range.from().toString(), range.to().toString(), "UTC",
                total, days, top(caller, RiskType.ABNORMAL_DEVICE, "device", range),
                top(caller, RiskType.ABNORMAL_IP, "source_ip", range)));
    }

    private List<Top> top(Caller caller, RiskType type, String column, Period range) {
        return events.top(caller.domainId(), type, column, range.from(), range.to()).stream()
                .map(t -> new Top(t.key(), t.count())).toList();
    }

    private ListOut page(String domainId, String userId, String riskType, String period, String from, String to,
            String limit, String marker) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (period != null) {
            if (!PERIODS.contains(period)) {
                throw IamError.INVALID_PARAMETER.exception("period");
            }
            if (start != null) {
                throw IamError.INVALID_PARAMETER.exception("from");
            }
            int days = period.equals("today") ? 1 : Integer.parseInt(period.substring(0, period.length() - 1));
            start = today().minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (start != null && end != null && !start.isBefore(end)) {
            throw IamError.INVALID_PARAMETER.exception("to");
        }
        int size = limit == null ? DEFAULT_LIMIT : number("limit", limit, 1, MAX_LIMIT);
        Long before = marker == null ? null : (long) number("marker", marker, 1, Integer.MAX_VALUE);
        if (userId != null && (userId.isEmpty() || userId.length() > 64)) {
            throw IamError.INVALID_PARAMETER.exception("user_id");
        }
        RiskType type = riskType == null ? null : RiskType.fromParameter(riskType);
        List<RiskEvent> rows = events.page(new RiskEventStore.Query(domainId, userId, type, start, end, before, size));
        boolean more = rows.size() > size;
        List<View> views = rows.stream().limit(size).map(View::of).toList();
        return new ListOut(views, new PageInfo(views.size(),
                more ? String.valueOf(views.get(views.size() - 1).id()) : null));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static int number(String name, String value, int min, int max) {
        if (!value.matches("\\d{1,10}")) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
        return (int) n;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw IamError.INVALID_PARAMETER.exception(name);
        }
    }
}
