package io.gatehouse.risk;

import java.time.Instant;
import java.util.List;

/**
 * A risk the detector found: who, which rule (none for a lockout without an account_locked rule), the
 * sign-in event behind it, what was unusual and what is usual for the user, and the whole in one sentence.
 * {@code notification}: none, pending, sent, partial, failed or no_destination.
 */
record RiskEvent(long id, String domainId, String userId, String userName, RiskType type, String ruleId,
        String ruleName, long signInEventId, Instant occurredAt, Instant detectedAt, String sourceIp,
        String location, String device, String signInResult, String unusual, List<Familiarity.Usual> usual,
        String description, String notification) {
}
