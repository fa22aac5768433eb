package io.gatehouse.security;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operation protection (the protect policy's {@code operation_protection}): while it is on, the
 * sensitive actions of {@link #PROTECTED_ACTIONS} need a second-factor verification that the caller made
 * with the same token within the last {@link #VALIDITY}. The verification itself (a TOTP code, or a code
 * sent by email or SMS) is the {@code mfa} feature's; this service keeps its record and checks it.
 * <p>
 * The check costs nothing for other actions (a set lookup) and, for a protected action, reads the
 * account's policy from {@link ProtectPolicyService}'s cache and then, only when protection is on, one
 * indexed row of {@code operation_verification}. The record is in the database, so a verification made
 * on one node counts on every node.
 */
@Service
public class OperationProtectionService {

    public static final String RESOURCE = "operation_verification";
    public static final String VERIFY_ACTION = "gatehouse:security:verifyOperation";
    public static final Duration VALIDITY = Duration.ofMinutes(15);

    /**
     * The actions that need a fresh verification while operation protection is on: what Huawei counts as
     * critical operations and Gatehouse has. {@code iam:credentials:createCredential} belongs to the
     * access keys of a later issue; it is listed now so that their creation is protected from the start.
     */
    public static final Set<String> PROTECTED_ACTIONS = Set.of(
            "iam:users:deleteUser",
            "iam:users:setUserLoginProtect",
            "iam:credentials:createCredential",
            "iam:mfa:unbindMFADevice",
            "iam:mfa:deleteVirtualMFADevice",
            "iam:securitypolicies:updatePasswordPolicy",
            "iam:securitypolicies:updateLoginPolicy",
            "iam:securitypolicies:updateConsoleAclPolicy",
            "iam:securitypolicies:updateApiAclPolicy",
            "iam:securitypolicies:updateProtectPolicy");

    private static final Logger log = LoggerFactory.getLogger(OperationProtectionService.class);

    private final OperationVerificationStore store;
    private final ProtectPolicyService policies;
    private final OperationLog operations;
    private final Clock clock;

    OperationProtectionService(OperationVerificationStore store, ProtectPolicyService policies,
            OperationLog operations, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.operations = operations;
        this.clock = clock;
    }

    /** A recorded verification: whose, by which method, and until when it counts. */
    public record Verification(String userId, String method, Instant verifiedAt, Instant expiresAt) {
    }

    /**
     * Refuses {@code action} with 403 when it is protected, the caller's account has operation protection
     * on, and the caller's token has no verification from the last {@link #VALIDITY}.
     */
    public void requireVerified(Caller caller, String action) {
        if (!PROTECTED_ACTIONS.contains(action) || !policies.operationProtectionOn(caller.domainId())) {
            return;
        }
        Instant since = WireTime.truncate(clock.instant()).minus(VALIDITY);
        if (caller.tokenId() == null || !store.verifiedSince(caller.tokenId(), caller.userId(), since)) {
            throw IamError.OPERATION_VERIFICATION_REQUIRED.exception(action);
        }
    }

    /**
     * Records that the caller has just proven a second factor by {@code method} ({@code totp},
     * {@code email} or {@code sms}), with its operation-log entry, in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Verification record(Caller caller, String method) {
        Instant now = WireTime.truncate(clock.instant());
        store.insert(caller.tokenId(), caller.userId(), caller.domainId(), method, now);
        operations.success(caller, VERIFY_ACTION, RESOURCE, caller.userId());
        return new Verification(caller.userId(), method, now, now.plus(VALIDITY));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void purge() {
        int deleted = store.purge(clock.instant().minus(VALIDITY));
        if (deleted > 0) {
            log.debug("Deleted {} expired operation verifications", deleted);
        }
    }
}
