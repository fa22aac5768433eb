package io.gatehouse.access;

import java.time.Instant;

/**
 * A system role (no domain) or an account's custom policy, with its policy document as stored JSON.
 * {@code type} is Huawei's display mode: AX account level, XA project level, AA both.
 */
record Role(String id, String domainId, String name, String displayName, String type, String catalog,
        String description, String descriptionCn, String policy, Instant createTime, Instant updateTime) {

    boolean isCustom() {
        return domainId != null;
    }
}
