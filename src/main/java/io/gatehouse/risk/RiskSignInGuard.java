package io.gatehouse.risk;

import io.gatehouse.audit.Locations;
import io.gatehouse.audit.UserAgents;
import io.gatehouse.auth.SignInAttempt;
import io.gatehouse.auth.SignInGuard;
import io.gatehouse.auth.SignInRefusal;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.mfa.SignInStepUp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The adaptive responses of risk rules in the sign-in flow, once the password (and any second factor the
 * request carries) is right. An account without an enabled rule whose response is {@code second_factor} or
 * {@code deny} costs nothing here: its rules come from {@link RiskRuleService}'s cache. Otherwise one
 * indexed read of the rollup tells whether this address, place and device are usual for the user; the
 * strictest response of the rules that find the sign-in unusual applies. The rollup is the detector's, so
 * a sign-in counts towards "usual" a few seconds after it happened.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RiskSignInGuard implements SignInGuard {

    static final String CAUSE_DENIED = DetectionBatch.CAUSE_RISK_DENIED;

    private final RiskRuleService rules;
    private final SignInDaily daily;
    private final Locations locations;
    private final UserAgents userAgents;
    private final SignInStepUp stepUp;
    private final Clock clock;

    RiskSignInGuard(RiskRuleService rules, SignInDaily daily, Locations locations, UserAgents userAgents,
            SignInStepUp stepUp, Clock clock) {
        this.rules = rules;
        this.daily = daily;
        this.locations = locations;
        this.userAgents = userAgents;
        this.stepUp = stepUp;
        this.clock = clock;
    }

    @Override
    public void afterPassword(SignInAttempt attempt) {
        List<RiskRule> adaptive = rules.rulesOf(attempt.user().domainId()).stream().filter(RiskRule::adaptive)
                .toList();
        if (adaptive.isEmpty()) {
            return;
        }
        ClientInfo client = attempt.client() == null ? ClientInfo.SYSTEM : attempt.client();
        Observation seen = new Observation(client.ip(), locations.of(client.ip()),
                userAgents.parse(client.userAgent()).device());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int longest = adaptive.stream().mapToInt(RiskRule::periodDays).max().orElse(1);
        Map<String, String> keys = new LinkedHashMap<>();
        adaptive.forEach(rule -> {
            String key = seen.key(rule);
            if (key != null) {
                keys.put(rule.dimension(), key);
            }
        });
        Familiarity known = daily.familiarity(attempt.user().id(), today.minusDays(longest - 1L), keys);
        adaptive.stream().filter(rule -> RiskJudge.unusual(rule, seen, known, today))
                .max(Comparator.comparing(RiskRule::response))
                .ifPresent(rule -> respond(attempt, rule, seen));
    }

    private void respond(SignInAttempt attempt, RiskRule rule, Observation seen) {
        String reason = RiskJudge.reason(rule, seen);
        if (rule.response() == RiskResponse.DENY) {
            throw new SignInRefusal(CAUSE_DENIED, IamError.SIGN_IN_RISK_DENIED.exception(rule.name(), reason));
        }
        stepUp.require(attempt, "the account's risk rule '" + rule.name() + "' finds this sign-in unusual (" + reason
                + ")");
    }
}
