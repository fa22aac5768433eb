package io.gatehouse.risk;

import io.gatehouse.common.web.Caller;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A user's sign-in statistics over a period (OneAccess's "Statistics" page), from the rollup: one statement
 * of indexed reads whatever the number of events, since each day (and each whole week, for the sums per
 * item) holds one row per thing. Attempts are counted by UTC day and hour; second-factor steps that only
 * sent a code, operation verifications and lock records are not attempts.
 */
@Service
class SignInStatistics {

    static final Set<String> PERIODS = Set.of("7d", "30d", "90d", "custom");
    static final int TOP = 10;

    private final SignInDaily daily;
    private final UserService users;
    private final Clock clock;
    private final ReadGate gate;

    SignInStatistics(SignInDaily daily, UserService users, Clock clock,
            @Value("${gatehouse.risk.statistics.concurrent-reads:0}") int concurrentReads,
            @Value("${gatehouse.risk.statistics.max-wait:10s}") Duration maxWait) {
        this.daily = daily;
        this.users = users;
        this.clock = clock;
        // 0: one read per core, so a node's statistics never take more of its database than it has cores.
        this.gate = new ReadGate(concurrentReads > 0 ? concurrentReads : Runtime.getRuntime().availableProcessors(),
                maxWait);
    }

    /** A thing and how many attempts used it. */
    record Item(String name, long successes, long failures) {
        long attempts() {
            return successes + failures;
        }
    }

    record Day(LocalDate date, long successes, long failures) {
    }

    record Statistics(String userId, Period period, long successes, long failures, List<Item> applications,
            List<Item> locations, long[] hours, List<Day> daily, List<Item> authenticationTypes,
            List<Item> failureCauses, List<Item> devices) {
    }

    Statistics of(Caller caller, String userId, String period, String from, String to) {
        Period range = Period.parse(period, from, to, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), PERIODS,
                "30d");
        return gate.read(() -> read(caller, userId, range));
    }

    private Statistics read(Caller caller, String userId, Period range) {
        // A user of another account is as missing as one that does not exist.
        users.get(caller, userId);
        Map<LocalDate, SignInDaily.Count> byDay = new HashMap<>();
        Map<String, List<Item>> items = new HashMap<>();
        long[] hours = new long[24];
        for (SignInDaily.Count c : daily.statistics(userId, range.from(), range.to())) {
            if (c.day() != null) {
                byDay.put(c.day(), c);
            } else if (c.dimension().equals(SignInDaily.HOUR)) {
                hours[Integer.parseInt(c.item())] += c.successes() + c.failures();
            } else {
                items.computeIfAbsent(c.dimension(), k -> new ArrayList<>())
                        .add(new Item(c.item(), c.successes(), c.failures()));
            }
        }
        List<Day> days = new ArrayList<>();
        long successes = 0;
        long failures = 0;
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            SignInDaily.Count c = byDay.get(d);
            days.add(new Day(d, c == null ? 0 : c.successes(), c == null ? 0 : c.failures()));
            successes += c == null ? 0 : c.successes();
            failures += c == null ? 0 : c.failures();
        }
        return new Statistics(userId, range, successes, failures, top(items, SignInDaily.APPLICATION),
                top(items, SignInDaily.LOCATION), hours, days, top(items, SignInDaily.METHOD),
                top(items, SignInDaily.CAUSE), top(items, SignInDaily.DEVICE));
    }

    /** The ten most used, most attempts first, then by name. */
    private static List<Item> top(Map<String, List<Item>> items, String dimension) {
        return items.getOrDefault(dimension, List.of()).stream()
                .sorted(Comparator.comparingLong(Item::attempts).reversed().thenComparing(Item::name)).limit(TOP)
                .toList();
    }
}
