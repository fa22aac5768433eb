package io.gatehouse.access;

/** What the statements say of one action: an explicit Deny, an Allow, or nothing (which refuses too). */
enum Decision {
    ALLOW, DENY, NOT_ALLOWED
}
