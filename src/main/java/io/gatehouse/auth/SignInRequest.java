package io.gatehouse.auth;

import java.util.List;

/**
 * A password sign-in as the token request states it. The user is named by id, or by name within a
 * domain named by id or name; the scope is a domain, a project, or (when null) the user's own domain.
 */
public record SignInRequest(List<String> methods, String userId, String userName, String domainId,
        String domainName, String password, Scope scope) {

    public record Scope(String domainId, String domainName, String projectId, String projectName,
            String projectDomainId, String projectDomainName) {

        boolean isProject() {
            return projectId != null || projectName != null;
        }
    }

    @Override
    public String toString() {
        return "SignInRequest[userId=" + userId + ", userName=" + userName + ", domain=" + domainId + "/" + domainName + "]";
    }
}
