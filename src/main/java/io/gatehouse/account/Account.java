package io.gatehouse.account;

import java.time.Instant;

/** An account, which Huawei IAM and Keystone call a domain: the boundary nothing crosses. */
public record Account(String id, String name, boolean enabled, Instant createTime) {
}
