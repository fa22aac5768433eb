package io.gatehouse.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatehouse.access.RoleRef;
import io.gatehouse.catalog.ServiceCatalog;
import io.gatehouse.common.time.WireTime;
import java.util.List;

/** The Keystone token request and response bodies, as Huawei IAM extends them. */
final class TokenRepresentation {

    private TokenRepresentation() {
    }

    // ---- request: lenient, as Keystone clients send extra members -------------------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthBody(Auth auth) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Auth(Identity identity, ScopeIn scope) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Identity(List<String> methods, PasswordIn password, TotpIn totp, VerificationCodeIn verificationCode) {
    }

    /** Huawei's {@code "totp":{"user":{"id","passcode"}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TotpIn(TotpUser user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TotpUser(String id, String passcode) {
        @Override
        public String toString() {
            return "TotpUser[id=" + id + "]";
        }
    }

    /** Gatehouse's {@code "verification_code":{"id","code"}} for an email or SMS code. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerificationCodeIn(String id, String code) {
        @Override
        public String toString() {
            return "VerificationCodeIn[id=" + id + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PasswordIn(UserIn user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserIn(String id, String name, String password, NameOrId domain) {
        @Override
        public String toString() {
            return "UserIn[id=" + id + ", name=" + name + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NameOrId(String id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScopeIn(NameOrId domain, ProjectIn project) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectIn(String id, String name, NameOrId domain) {
    }

    // ---- response ----------------------------------------------------------------------------

    record TokenBody(TokenView token) {
    }

    /** {@code login_info} is a Gatehouse extension, in a newly issued token only, when the login policy asks. */
    record TokenView(List<String> methods, String expiresAt, String issuedAt, UserView user, Ref domain,
            ProjectView project, List<RoleRef> roles, List<ServiceCatalog.Entry> catalog, LoginInfoView loginInfo) {
    }

    record LoginInfoView(String customInfo, RecentLoginView recentLogin) {
    }

    record RecentLoginView(String time, String ip, String result) {
    }

    record UserView(String id, String name, Ref domain, String passwordExpiresAt) {
    }

    record Ref(String id, String name) {
    }

    record ProjectView(String id, String name, Ref domain) {
    }

    /** {@code catalog} is null when the client asked for none ({@code ?nocatalog=true}). */
    static TokenBody of(TokenClaims c, List<ServiceCatalog.Entry> catalog) {
        return of(c, catalog, null);
    }

    static TokenBody of(TokenClaims c, List<ServiceCatalog.Entry> catalog, LoginInfoView loginInfo) {
        Ref domain = new Ref(c.domainId(), c.domainName());
        ProjectView project = c.projectId() == null ? null : new ProjectView(c.projectId(), c.projectName(), domain);
        return new TokenBody(new TokenView(c.methods(), WireTime.token(c.expiresAt()), WireTime.token(c.issuedAt()),
                new UserView(c.userId(), c.userName(), domain,
                        c.passwordExpiresAt() == null ? "" : WireTime.token(c.passwordExpiresAt())),
                project == null ? domain : null, project, c.roles(), catalog, loginInfo));
    }
}
