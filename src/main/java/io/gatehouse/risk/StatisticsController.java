package io.gatehouse.risk;

import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /gatehouse/v1/users/{user_id}/statistics}: the user's own, or any user's of the account for an administrator. */
@RestController
class StatisticsController {

    private final SignInStatistics statistics;

    StatisticsController(SignInStatistics statistics) {
        this.statistics = statistics;
    }

    record Out(View statistics) {
    }

    record View(String userId, String period, String from, String to, String timeZone, Totals totals,
            List<Named> applications, List<Named> locations, List<Hour> timeOfDay, List<DayView> daily,
            List<Named> authenticationTypes, List<Named> failureCauses, List<Named> devices) {
    }

    record Totals(long successes, long failures) {
    }

    record Named(String name, long count, long successes, long failures) {
        static List<Named> of(List<SignInStatistics.Item> items) {
            return items.stream().map(i -> new Named(i.name(), i.attempts(), i.successes(), i.failures())).toList();
        }
    }

    record Hour(int hour, long count) {
    }

    record DayView(String date, long successes, long failures) {
    }

    @GetMapping("/gatehouse/v1/users/{user_id}/statistics")
    @RequiresAction(value = "gatehouse:audit:getSignInStatistics", resource = "signin_statistics",
            allow = Allow.SELF_OR_GRANTED)
    Out show(Caller caller, @PathVariable("user_id") String userId,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        SignInStatistics.Statistics s = statistics.of(caller, userId, period, from, to);
        List<Hour> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            hours.add(new Hour(h, s.hours()[h]));
        }
        return new Out(new View(s.userId(), s.period().name(), s.period().from().toString(),
                s.period().to().toString(), "UTC", new Totals(s.successes(), s.failures()), Named.of(s.applications()),
                Named.of(s.locations()), hours,
                s.daily().stream().map(d -> new DayView(d.date().toString(), d.successes(), d.failures())).toList(),
                Named.of(s.authenticationTypes()), Named.of(s.failureCauses()), Named.of(s.devices())));
    }
}
