package io.gatehouse.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One example request for every endpoint that needs a credential, keyed {@code "METHOD /path/{var}"} as the
 * application maps it. The authorization matrix ({@code AuthorizationMatrixIT}) sends each example as five
 * callers and fails when an endpoint has no row here, so a new endpoint needs one line in {@link #ALL}.
 *
 * <p>Path variables are filled from the fixture by name ({@link Context#var}): {@code user_id} another user
 * of the caller's account, {@code domain_id} the account, {@code role_id} one of its custom policies,
 * {@code group_id} one of its groups (with {@code user_id} as member), {@code project_id} one of its projects,
 * and {@code region_id}, {@code service_id}, {@code endpoint_id} from the configured catalog. A row
 * can fill one differently ({@link Example#with}); {@link Example#self()} makes {@code user_id} the caller.
 * Bodies, query strings and headers are functions of the context, so they can name the caller or fresh
 * resources. What each caller must get is derived from the endpoint's declaration, not written here.
 */
public final class EndpointExamples {

    /** What an example may ask of the scenario it runs in. */
    public interface Context {
        /** The fixture's id for a path variable of this name. */
        String var(String name);

        String accountId();

        /** The calling user, and its token. */
        String selfId();

        String selfToken();

        /** A new user of the account, for an example that consumes its target (a delete). */
        String freshUser();

        /** A new custom policy of the account, for an example that consumes it. */
        String freshRole();

        /** A new group of the account, for an example that consumes it. */
        String freshGroup();

        /** A new risk rule of the account, for an example that consumes it. */
        String freshRiskRule();

        /** A new user of the account that is a member of {@code {group_id}}, for an example that removes it. */
        String freshMember();

        /** A new permanent access key of the caller. */
        String freshKeyOfSelf();

        /** A new virtual MFA device of the caller: its serial number and base32 seed. */
        String[] freshDeviceOfSelf();
    }

    public record Example(String key, Map<String, Function<Context, String>> vars, Function<Context, Object> body,
            Function<Context, String> query, Map<String, Function<Context, String>> headers, Integer adminStatus,
            String why) {

        public String method() {
            return key.substring(0, key.indexOf(' '));
        }

        public String pattern() {
            return key.substring(key.indexOf(' ') + 1);
        }

        public Example with(String var, Function<Context, String> value) {
            Map<String, Function<Context, String>> more = new LinkedHashMap<>(vars);
            more.put(var, value);
            return new Example(key, more, body, query, headers, adminStatus, why);
        }

        /** {@code {user_id}} is the caller itself (endpoints a user calls on itself). */
        public Example self() {
            return with("user_id", Context::selfId);
        }

        public Example body(Function<Context, Object> newBody) {
            return new Example(key, vars, newBody, query, headers, adminStatus, why);
        }

        public Example body(Object fixedBody) {
            return body(ctx -> fixedBody);
        }

        public Example query(Function<Context, String> newQuery) {
            return new Example(key, vars, body, newQuery, headers, adminStatus, why);
        }

        public Example header(String name, Function<Context, String> value) {
            Map<String, Function<Context, String>> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Example(key, vars, body, query, more, adminStatus, why);
        }

        /** The account's own admin gets this status rather than a 2xx, for the reason given. */
        public Example adminGets(int status, String reason) {
            return new Example(key, vars, body, query, headers, status, reason);
        }

        /** The path with its variables filled. */
        public String path(Context ctx) {
            String path = pattern();
            int open;
            while ((open = path.indexOf('{')) >= 0) {
                int close = path.indexOf('}', open);
                String name = path.substring(open + 1, close);
                String value = vars.containsKey(name) ? vars.get(name).apply(ctx) : ctx.var(name);
                path = path.substring(0, open) + value + path.substring(close + 1);
            }
            return query == null ? path : path + query.apply(ctx);
        }
    }

    public static Example row(String key) {
        return new Example(key, Map.of(), null, null, Map.of(), null, null);
    }

    private static final String POLICIES = "/v3.0/OS-SECURITYPOLICY/domains/{domain_id}";
    private static final String GROUP_ON_DOMAIN = "/v3/domains/{domain_id}/groups/{group_id}/roles";
    private static final String GROUP_ON_PROJECT = "/v3/projects/{project_id}/groups/{group_id}/roles";
    private static final String GROUP_INHERITED = "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles";
    private static final String USER_ON_DOMAIN = "/v3/domains/{domain_id}/users/{user_id}/roles";
    private static final String USER_ON_PROJECT = "/v3/projects/{project_id}/users/{user_id}/roles";
    private static final String USER_INHERITED = "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles";
    private static final String CREDENTIALS = "/v3.0/OS-CREDENTIAL/credentials";
    private static final Map<String, Object> CUSTOM_POLICY = Map.of("role", Map.of("display_name", "Example",
            "type", "AX", "description", "reads users", "policy", Map.of("Version", "1.1",
                    "Statement", List.of(Map.of("Effect", "Allow", "Action", List.of("iam:users:getUser"))))));

    /** The table: one row per endpoint. Keep the rows in the order of the features. */
    public static final List<Example> ALL = List.of(
            // users
            row("POST /v3.0/OS-USER/users").body(ctx -> Map.of("user", Map.of("name", "u" + Fixtures.unique(),
                    "domain_id", ctx.accountId()))),
            row("GET /v3.0/OS-USER/users/{user_id}"),
            row("PUT /v3.0/OS-USER/users/{user_id}").body(Map.of("user", Map.of("description", "example"))),
            row("PUT /v3.0/OS-USER/users/{user_id}/info").self()
                    .body(ctx -> Map.of("user", Map.of("email", "e" + Fixtures.unique() + "@example.com"))),
            row("GET /v3/users"),
            row("POST /v3/users").body(ctx -> Map.of("user", Map.of("name", "k" + Fixtures.unique()))),
            row("GET /v3/users/{user_id}"),
            row("PATCH /v3/users/{user_id}").body(Map.of("user", Map.of("description", "example"))),
            row("DELETE /v3/users/{user_id}").with("user_id", Context::freshUser),
            row("POST /v3/users/{user_id}/password").self().body(Map.of("user", Map.of(
                    "original_password", Fixtures.USER_PASSWORD, "password", "Changed-Pass-5678"))),
            // tokens
            row("GET /v3/auth/tokens").header("X-Subject-Token", Context::selfToken),
            row("HEAD /v3/auth/tokens").header("X-Subject-Token", Context::selfToken),
            row("DELETE /v3/auth/tokens").header("X-Subject-Token", Context::selfToken),
            // audit: operation logs and sign-in events (reads and streaming exports)
            row("GET /gatehouse/v1/operation-logs"),
            row("GET /gatehouse/v1/operation-logs/export"),
            row("GET /gatehouse/v1/operation-logs/types"),
            row("GET /gatehouse/v1/operation-logs/verify"),
            row("GET /gatehouse/v1/users/{user_id}/operation-logs"),
            row("GET /gatehouse/v1/users/{user_id}/operation-logs/export"),
            row("GET /gatehouse/v1/signin-events"),
            row("GET /gatehouse/v1/signin-events/export"),
            row("GET /gatehouse/v1/users/{user_id}/signin-events"),
            row("GET /gatehouse/v1/users/{user_id}/signin-events/export"),
            // risk rules, events, dashboard and statistics
            row("GET /gatehouse/v1/risk-rules"),
            row("POST /gatehouse/v1/risk-rules").body(ctx -> Map.of("risk_rule",
                    Map.of("name", "r" + Fixtures.unique(), "risk_type", "abnormal_device"))),
            row("GET /gatehouse/v1/risk-rules/{rule_id}"),
            row("PUT /gatehouse/v1/risk-rules/{rule_id}").body(Map.of("risk_rule", Map.of("frequency_threshold", 4))),
            row("DELETE /gatehouse/v1/risk-rules/{rule_id}").with("rule_id", Context::freshRiskRule),
            row("GET /gatehouse/v1/risk-events"),
            row("GET /gatehouse/v1/users/{user_id}/risk-events"),
            row("GET /gatehouse/v1/risk-dashboard"),
            row("GET /gatehouse/v1/users/{user_id}/statistics"),
            // lockout
            row("GET /gatehouse/v1/users/{user_id}/lockout"),
            row("DELETE /gatehouse/v1/users/{user_id}/lockout"),
            // login protection
            row("GET /v3.0/OS-USER/users/{user_id}/login-protect").adminGets(404, "the target never had any"),
            row("PUT /v3.0/OS-USER/users/{user_id}/login-protect").body(Map.of("login_protect",
                    Map.of("enabled", true, "verification_method", "email"))),
            row("GET /v3.0/OS-USER/login-protects"),
            // virtual MFA
            row("POST /v3.0/OS-MFA/virtual-mfa-devices").body(ctx -> Map.of("virtual_mfa_device",
                    Map.of("name", "phone-" + Fixtures.unique(), "user_id", ctx.selfId()))),
            row("PUT /v3.0/OS-MFA/mfa-devices/bind").body(ctx -> {
                String[] device = ctx.freshDeviceOfSelf();
                long step = TotpCodes.currentStep();
                return Map.of("user_id", ctx.selfId(), "serial_number", device[0],
                        "authentication_code_first", TotpCodes.code(device[1], step - 1),
                        "authentication_code_second", TotpCodes.code(device[1], step));
            }),
            row("PUT /v3.0/OS-MFA/mfa-devices/unbind").body(ctx -> Map.of("user_id", ctx.selfId(),
                    "serial_number", ctx.freshDeviceOfSelf()[0], "authentication_code", "123456"))
                    .adminGets(409, "a device that was never bound cannot be unbound (IAM.0005)"),
            row("DELETE /v3.0/OS-MFA/virtual-mfa-devices").query(ctx -> "?user_id=" + ctx.selfId()
                    + "&serial_number=" + java.net.URLEncoder.encode(ctx.freshDeviceOfSelf()[0],
                            java.nio.charset.StandardCharsets.UTF_8)),
            row("GET /v3.0/OS-MFA/virtual-mfa-devices"),
            row("GET /v3.0/OS-MFA/users/{user_id}/virtual-mfa-device").adminGets(404, "the target has no device"),
            // operation protection
            row("POST /gatehouse/v1/operation-verifications").body(Map.of("operation_verification",
                    Map.of("passcode", "123456"))).adminGets(403, "the caller has no second factor (IAM.0002)"),
            // security policies
            row("GET " + POLICIES + "/password-policy"),
            row("PUT " + POLICIES + "/password-policy").body(Map.of("password_policy",
                    Map.of("minimum_password_length", 8))),
            row("GET " + POLICIES + "/login-policy"),
            row("PUT " + POLICIES + "/login-policy").body(Map.of("login_policy", Map.of("login_failed_times", 5))),
            row("GET " + POLICIES + "/protect-policy"),
            row("PUT " + POLICIES + "/protect-policy").body(Map.of("protect_policy",
                    Map.of("operation_protection", false))),
            row("GET " + POLICIES + "/console-acl-policy"),
            row("PUT " + POLICIES + "/console-acl-policy").body(Map.of("console_acl_policy",
                    Map.of("allow_address_netmasks", List.of()))),
            row("GET " + POLICIES + "/api-acl-policy"),
            row("PUT " + POLICIES + "/api-acl-policy").body(Map.of("api_acl_policy",
                    Map.of("allow_address_netmasks", List.of()))),
            row("GET /v3/domains/{domain_id}/config/security_compliance"),
            row("GET /v3/domains/{domain_id}/config/security_compliance/{option}")
                    .with("option", ctx -> "password_regex"),
            // roles and custom policies
            row("GET /v3/roles"),
            row("GET /v3/roles/{role_id}"),
            row("POST /v3.0/OS-ROLE/roles").body(CUSTOM_POLICY),
            row("GET /v3.0/OS-ROLE/roles"),
            row("GET /v3.0/OS-ROLE/roles/{role_id}"),
            row("PATCH /v3.0/OS-ROLE/roles/{role_id}").body(CUSTOM_POLICY),
            row("DELETE /v3.0/OS-ROLE/roles/{role_id}").with("role_id", Context::freshRole),
            // groups and membership ({user_id} is a member of {group_id} from the start)
            row("GET /v3/groups"),
            row("POST /v3/groups").body(ctx -> Map.of("group", Map.of("name", "g" + Fixtures.unique()))),
            row("GET /v3/groups/{group_id}"),
            row("PATCH /v3/groups/{group_id}").body(Map.of("group", Map.of("description", "example"))),
            row("DELETE /v3/groups/{group_id}").with("group_id", Context::freshGroup),
            row("PUT /v3/groups/{group_id}/users/{user_id}"),
            row("HEAD /v3/groups/{group_id}/users/{user_id}"),
            row("GET /v3/groups/{group_id}/users"),
            row("DELETE /v3/groups/{group_id}/users/{user_id}").with("user_id", Context::freshMember),
            row("GET /v3/users/{user_id}/groups"),
            // grants: each row grants {role_id} (a custom policy) before its check finds it and its revoke drops it
            row("PUT " + GROUP_ON_DOMAIN + "/{role_id}"),
            row("HEAD " + GROUP_ON_DOMAIN + "/{role_id}"),
            row("GET " + GROUP_ON_DOMAIN),
            row("DELETE " + GROUP_ON_DOMAIN + "/{role_id}"),
            row("PUT " + GROUP_ON_PROJECT + "/{role_id}"),
            row("HEAD " + GROUP_ON_PROJECT + "/{role_id}"),
            row("GET " + GROUP_ON_PROJECT),
            row("DELETE " + GROUP_ON_PROJECT + "/{role_id}"),
            row("PUT " + GROUP_INHERITED + "/{role_id}/inherited_to_projects"),
            row("HEAD " + GROUP_INHERITED + "/{role_id}/inherited_to_projects"),
            row("GET " + GROUP_INHERITED + "/inherited_to_projects"),
            row("DELETE " + GROUP_INHERITED + "/{role_id}/inherited_to_projects"),
            row("PUT " + USER_ON_DOMAIN + "/{role_id}"),
            row("HEAD " + USER_ON_DOMAIN + "/{role_id}"),
            row("GET " + USER_ON_DOMAIN),
            row("DELETE " + USER_ON_DOMAIN + "/{role_id}"),
            row("PUT " + USER_ON_PROJECT + "/{role_id}"),
            row("HEAD " + USER_ON_PROJECT + "/{role_id}"),
            row("GET " + USER_ON_PROJECT),
            row("DELETE " + USER_ON_PROJECT + "/{role_id}"),
            row("PUT " + USER_INHERITED + "/{role_id}/inherited_to_projects"),
            row("HEAD " + USER_INHERITED + "/{role_id}/inherited_to_projects"),
            row("GET " + USER_INHERITED + "/inherited_to_projects"),
            row("DELETE " + USER_INHERITED + "/{role_id}/inherited_to_projects"),
            row("GET /v3.0/OS-PERMISSION/role-assignments").query(ctx -> "?domain_id=" + ctx.var("domain_id")),
            // projects and the scopes a user may work in
            row("GET /v3/projects"),
            row("POST /v3/projects").body(ctx -> Map.of("project", Map.of("name", "gh-region-1_m" + Fixtures.unique()))),
            row("GET /v3/projects/{project_id}"),
            row("PATCH /v3/projects/{project_id}").body(Map.of("project", Map.of("description", "example"))),
            row("GET /v3-ext/projects/{project_id}"),
            row("PUT /v3-ext/projects/{project_id}").body(Map.of("project", Map.of("status", "normal"))),
            row("GET /v3/users/{user_id}/projects"),
            row("GET /v3/auth/projects"),
            row("GET /v3/auth/domains"),
            // discovery (configured, the same for every account)
            row("GET /v3/auth/catalog"),
            row("GET /v3/regions"),
            row("GET /v3/regions/{region_id}"),
            row("GET /v3/services"),
            row("GET /v3/services/{service_id}"),
            row("GET /v3/endpoints"),
            row("GET /v3/endpoints/{endpoint_id}"),
            // access keys: each caller on its own keys; temporary keys
            row("POST " + CREDENTIALS).body(ctx -> Map.of("credential", Map.of("user_id", ctx.selfId(),
                    "description", "example"))),
            row("GET " + CREDENTIALS),
            row("GET " + CREDENTIALS + "/{access_key}").with("access_key", Context::freshKeyOfSelf),
            row("PUT " + CREDENTIALS + "/{access_key}").with("access_key", Context::freshKeyOfSelf)
                    .body(Map.of("credential", Map.of("status", "inactive"))),
            row("DELETE " + CREDENTIALS + "/{access_key}").with("access_key", Context::freshKeyOfSelf),
            row("POST /v3.0/OS-CREDENTIAL/securitytokens").body(Map.of("auth", Map.of("identity",
                    Map.of("methods", List.of("token"), "token", Map.of("duration_seconds", 900))))));

    private EndpointExamples() {
    }
}
