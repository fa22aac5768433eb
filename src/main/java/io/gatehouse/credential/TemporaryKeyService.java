package io.gatehouse.credential;

import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues temporary access keys to the caller, from its token or its permanent access key, for 15 minutes
 * to 24 hours (15 minutes by default). A key never outlives the token it came from. Nothing is stored
 * but the operation-log record: the security token carries the key ({@link SecurityTokens}).
 */
@Service
class TemporaryKeyService {

    static final String RESOURCE = "temporary_credential";
    static final String ACTION = "iam:credentials:createTemporaryCredential";
    static final Duration MIN = Duration.ofMinutes(15);
    static final Duration MAX = Duration.ofHours(24);

    private final SecurityTokens securityTokens;
    private final OperationLog operations;
    private final TransactionTemplate tx;
    private final Clock clock;

    TemporaryKeyService(SecurityTokens securityTokens, OperationLog operations,
            PlatformTransactionManager transactions, Clock clock) {
        this.securityTokens = securityTokens;
        this.operations = operations;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    record Issued(TemporaryKey key, String securityToken) {
        @Override
        public String toString() {
            return "Issued[" + key + "]";
        }
    }

    /**
     * @param durationSeconds null for the default
     * @param signedWith the access key the request was signed with, or null for a request with a token
     */
    Issued issue(Caller caller, Integer durationSeconds, SignatureAuthenticator.UsedKey signedWith) {
        Duration duration = durationSeconds == null ? MIN : Duration.ofSeconds(durationSeconds);
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new ApiException(IamError.INVALID_FIELD, "Invalid input for field "
                    + "'auth.identity.token.duration_seconds': it must be from 900 to 86400 seconds.");
        }
        if (signedWith != null && signedWith.temporary() != null) {
            throw new ApiException(IamError.NOT_AUTHORIZED,
                    "A temporary access key cannot obtain another temporary access key; use a token or a permanent "
                            + "access key.");
        }
        Instant now = WireTime.truncate(clock.instant());
        Instant expiresAt = now.plus(duration);
        String tokenId = null;
        String parentAccessKey = null;
        if (signedWith == null) {
            tokenId = caller.tokenId();
            if (caller.tokenExpiresAt() != null && caller.tokenExpiresAt().isBefore(expiresAt)) {
                expiresAt = caller.tokenExpiresAt();
            }
        } else {
            parentAccessKey = signedWith.accessKey();
        }
        TemporaryKey key = new TemporaryKey(RandomKeys.accessKey(), RandomKeys.secretKey(), caller.userId(),
                caller.domainId(), now, expiresAt, tokenId, parentAccessKey);
        String securityToken = securityTokens.seal(key);
        tx.executeWithoutResult(s -> operations.success(caller, ACTION, RESOURCE, key.accessKey()));
        return new Issued(key, securityToken);
    }
}
