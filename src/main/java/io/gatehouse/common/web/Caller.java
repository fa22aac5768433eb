package io.gatehouse.common.web;

import io.gatehouse.common.error.IamError;
import java.time.Instant;

/**
 * The authenticated principal of a request, taken from its token. {@code projectId} and {@code projectName}
 * are set for a project-scoped token and null for a domain-scoped one. {@code mfaPresent} says whether the
 * sign-in used a second factor (the policy condition key {@code g:MFAPresent}).
 * <p>
 * For a request signed with an access key (AK/SK), {@code tokenId} is the access key, the credential
 * the request carried (operation protection counts verifications per credential), and
 * {@code tokenExpiresAt} is a temporary key's expiry, null for a permanent key; the scope comes from
 * {@code X-Domain-Id} and {@code X-Project-Id}.
 */
public record Caller(String userId, String userName, String domainId, String domainName, String projectId,
        String tokenId, Instant tokenExpiresAt, ClientInfo client, String projectName, boolean mfaPresent) {

    /** A caller without a project name and without a second factor. */
    public Caller(String userId, String userName, String domainId, String domainName, String projectId,
            String tokenId, Instant tokenExpiresAt, ClientInfo client) {
        this(userId, userName, domainId, domainName, projectId, tokenId, tokenExpiresAt, client, null, false);
    }

    public boolean isSelf(String targetUserId) {
        return userId.equals(targetUserId);
    }

    /**
     * A path's {@code {domain_id}} must be the caller's own account. Another account and no account look
     * alike: both are 404.
     */
    public void requireOwnAccount(String domainId) {
        if (!this.domainId.equals(domainId)) {
            throw IamError.NOT_FOUND.exception("domain", domainId);
        }
    }

    /** The operator's command line and bootstrap act as this caller. */
    public static Caller system(String domainId) {
        return new Caller(null, "gatehouse", domainId, null, null, null, null, ClientInfo.SYSTEM);
    }
}
