package io.gatehouse.credential;

import java.time.Instant;

/**
 * A temporary access key, as its security token carries it. It was derived either from a token
 * ({@code tokenId}) or from a permanent access key ({@code parentAccessKey}), and dies with it.
 */
record TemporaryKey(String accessKey, String secretKey, String userId, String domainId, Instant issuedAt,
        Instant expiresAt, String tokenId, String parentAccessKey) {

    @Override
    public String toString() {
        return "TemporaryKey[accessKey=" + accessKey + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
