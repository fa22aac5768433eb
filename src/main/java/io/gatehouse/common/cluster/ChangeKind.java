package io.gatehouse.common.cluster;

/** What a change event says changed; the subject is the id it concerns. */
public enum ChangeKind {
    /** A single token was revoked; subject = token id + ":" + expiry epoch millis. */
    TOKEN_REVOKED,
    /** All tokens of a user issued so far are revoked; subject = user id + ":" + epoch micros. */
    USER_TOKENS_REVOKED,
    /**
     * Grants or group memberships changed; subject = the user id, or "domain:" + account id when the
     * change reaches many users of one account (see access.AccessChanges), or "*" for every account.
     */
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
    PROTECT_POLICY_CHANGED,
    /** A permanent access key was created, changed or deleted; subject = the access key. */
    CREDENTIAL_CHANGED,
    /** A user was enabled or disabled, or its access_mode or name changed; subject = user id. */
    USER_CHANGED,
    /** An account's risk rules changed; subject = account (domain) id. */
    RISK_RULES_CHANGED
}
