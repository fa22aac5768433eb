package io.gatehouse.credential;

import java.time.Instant;

/** A permanent access key as stored; the secret stays sealed ({@code secretSealed}) and out of toString. */
record AccessKey(String accessKey, String userId, String domainId, String secretSealed, boolean active,
        String description, Instant createTime, Instant lastUseTime) {

    static final String ACTIVE = "active";
    static final String INACTIVE = "inactive";

    String status() {
        return active ? ACTIVE : INACTIVE;
    }

    /** The SecretBox purpose of the sealed secret: it opens only in this key's row. */
    static String sealPurpose(String accessKey) {
        return "access_key:" + accessKey;
    }

    @Override
    public String toString() {
        return "AccessKey[accessKey=" + accessKey + ", userId=" + userId + ", status=" + status() + "]";
    }
}
