package io.gatehouse.access;

/**
 * One grant: a role given to a subject ({@code user} or {@code group}) on a scope ({@code domain} = the
 * account, {@code project}, or {@code inherited} = every project of the account, whose scope id is the
 * account's).
 */
record Grant(String subjectType, String subjectId, String roleId, String scopeType, String scopeId) {

    /** How the operation log names it: subject, scope and role, each as type/id. */
    String resourceId() {
        return subjectType + "/" + subjectId + "/" + scopeType + "/" + scopeId + "/" + roleId;
    }
}
