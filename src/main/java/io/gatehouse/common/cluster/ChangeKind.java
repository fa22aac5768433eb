package io.gatehouse.common.cluster;

/** What a change event says changed; the subject is the id it concerns. */
public enum ChangeKind {
    /** A single token was revoked; subject = token id + ":" + expiry epoch millis. */
    TOKEN_REVOKED,
    /** All tokens of a user issued so far are revoked; subject = user id + ":" + epoch micros. */
    USER_TOKENS_REVOKED,
    /** A user's grants or group memberships changed; subject = user id, or "*" for a whole account. */
    ACCESS_CHANGED,
    /** Grants of a whole account changed (a group's grant, a group deleted); subject = account id. */
    ACCOUNT_ACCESS_CHANGED,
    /** A role's policy changed or the role was deleted; subject = role id. */
    ROLE_CHANGED,
    /** A signing key was added or retired; subject = key id. */
    SIGNING_KEY_CHANGED,
    /** An account's console or API access control list changed; subject = account id. */
    ACL_CHANGED,
    /** An account's login policy changed; subject = account (domain) id. */
    LOGIN_POLICY_CHANGED,
    /** An account's protect policy changed; subject = account (domain) id. */
    PROTECT_POLICY_CHANGED
}
