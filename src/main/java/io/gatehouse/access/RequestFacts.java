package io.gatehouse.access;

import io.gatehouse.common.web.Caller;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values of the global condition keys for one request ({@code g:SourceIp}, {@code g:UserName}, ...),
 * under lower-cased key names since condition keys are case-insensitive. A key the request lacks (such as
 * {@code g:ProjectName} for a domain-scoped token) is absent.
 */
public record RequestFacts(Map<String, String> values) {

    public static final String SOURCE_IP = "g:sourceip";
    public static final String MFA_PRESENT = "g:mfapresent";
    public static final String CURRENT_TIME = "g:currenttime";
    public static final String USER_ID = "g:userid";
    public static final String USER_NAME = "g:username";
    public static final String DOMAIN_ID = "g:domainid";
    public static final String DOMAIN_NAME = "g:domainname";
    public static final String PROJECT_ID = "g:projectid";
    public static final String PROJECT_NAME = "g:projectname";
    public static final String SERVICE_NAME = "g:servicename";

    public static RequestFacts of(Caller caller, String action, Instant now) {
        Map<String, String> values = new HashMap<>();
        put(values, SOURCE_IP, caller.client() == null ? null : caller.client().ip());
        values.put(MFA_PRESENT, Boolean.toString(caller.mfaPresent()));
        values.put(CURRENT_TIME, now.toString());
        put(values, USER_ID, caller.userId());
        put(values, USER_NAME, caller.userName());
        put(values, DOMAIN_ID, caller.domainId());
        put(values, DOMAIN_NAME, caller.domainName());
        put(values, PROJECT_ID, caller.projectId());
        put(values, PROJECT_NAME, caller.projectName());
        put(values, SERVICE_NAME, action.substring(0, Math.max(0, action.indexOf(':'))));
        return new RequestFacts(Map.copyOf(values));
    }

    public String get(String lowerCaseKey) {
        return values.get(lowerCaseKey.toLowerCase(Locale.ROOT));
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(key, value);
        }
    }
}
