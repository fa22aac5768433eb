package io.gatehouse.access;

/**
 * What access needs to know of users, which the user feature owns: whether a user exists in an account.
 * The user feature implements it, so that access does not depend on it.
 */
public interface UserDirectory {

    /**
     * True when the user exists in the account. Inside a transaction, the user's row stays locked until
     * it ends, so a concurrent delete of the user waits and then removes what this transaction added.
     */
    boolean lockInAccount(String domainId, String userId);

    /** True when the user exists in the account; reads only. */
    boolean existsInAccount(String domainId, String userId);

    /** True when the user is the account's owner (its root user). */
    boolean isAccountOwner(String domainId, String userId);
}
