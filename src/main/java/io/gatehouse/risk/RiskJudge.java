package io.gatehouse.risk;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a sign-in is unusual under a rule, and says why in words. Something is usual after at
 * least K successful sign-ins from it within the last D days (the rule's threshold and period, in UTC
 * days, today included). A user with fewer than K successful sign-ins in all has no "usual" yet: nothing
 * of it is judged, or every new user's first sign-ins would be risks.
 */
final class RiskJudge {

    static final int USUAL_SHOWN = 5;

    private RiskJudge() {
    }

    /** What made a sign-in unusual under one rule. */
    record Finding(RiskRule rule, String unusual, List<Familiarity.Usual> usual, String reason) {
    }

    static boolean unusual(RiskRule rule, Observation seen, Familiarity known, LocalDate day) {
        String key = seen.key(rule);
        if (key == null) {
            return false;
        }
        LocalDate since = since(rule, day);
        int k = rule.frequencyThreshold();
        return known.total(since) >= k && known.successes(rule.dimension(), SignInDaily.truncate(key), since) < k;
    }

    /** The finding of an unusual sign-in, with the usual things listed; empty when it is usual. */
    static Optional<Finding> judge(RiskRule rule, Observation seen, Familiarity known, LocalDate day) {
        if (!unusual(rule, seen, known, day)) {
            return Optional.empty();
        }
        List<Familiarity.Usual> usual = known.usual(rule.dimension(), since(rule, day), rule.frequencyThreshold(),
                USUAL_SHOWN);
        return Optional.of(new Finding(rule, seen.describe(rule), usual, reason(rule, seen)));
    }

    /** "the IP address 203.0.113.7 was not used for 3 successful sign-ins in the last 30 days". */
    static String reason(RiskRule rule, Observation seen) {
        return seen.describe(rule) + " has not been used for " + rule.frequencyThreshold() + " successful sign-in"
                + (rule.frequencyThreshold() == 1 ? "" : "s") + " in the last " + rule.periodDays() + " day"
                + (rule.periodDays() == 1 ? "" : "s");
    }

    static String usualText(List<Familiarity.Usual> usual) {
        if (usual.isEmpty()) {
            return "nothing yet";
        }
        return usual.stream().map(u -> u.value() + " (" + u.signIns() + " sign-in" + (u.signIns() == 1 ? "" : "s")
                + ")").collect(Collectors.joining(", "));
    }

    private static LocalDate since(RiskRule rule, LocalDate day) {
        return day.minusDays(rule.periodDays() - 1L);
    }
}
