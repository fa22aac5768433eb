package io.gatehouse.auth;

import java.util.List;

/**
 * A password sign-in as the token request states it. The user is named by id, or by name within a
 * domain named by id or name; the scope is a domain, a project, or (when null) the user's own domain.
 */
public record SignInRequest(List<String> methods, String userId, String userName, String domainId,
        String domainName, String password, Scope scope, SecondFactor secondFactor) {

    /**
     * A second factor sent with the password: {@code totp} (a virtual MFA passcode) or
     * {@code verification_code} (a code sent by email or SMS, named by the verification id that the
     * first sign-in answer returned). Null when the request carries only the password.
     */
    public record SecondFactor(String method, String passcode, String verificationId) {

        public static final String TOTP = "totp";
        public static final String VERIFICATION_CODE = "verification_code";

        @Override
        public String toString() {
            return "SecondFactor[" + method + "]";
        }
    }

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
