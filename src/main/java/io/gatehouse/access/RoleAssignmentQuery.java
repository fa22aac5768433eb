package io.gatehouse.access;

/**
 * The filters of {@code GET /v3.0/OS-PERMISSION/role-assignments}, resolved: null means "any". With a
 * {@code subjectId} of type {@code user}, {@code includeGroupsOfUser} adds the grants of the user's groups.
 */
record RoleAssignmentQuery(String domainId, String roleId, String subjectType, String subjectId,
        boolean includeGroupsOfUser, String scopeType, String scopeId) {
}
