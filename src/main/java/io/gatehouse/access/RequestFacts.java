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
record RequestFacts(Map<String, String> values) {

    static final String SOURCE_IP = "g:sourceip";
    static final String MFA_PRESENT = "g:mfapresent";
    static final String CURRENT_TIME = "g:currenttime";
    static final String USER_ID = "g:userid";
    static final String USER_NAME = "g:username";
    static final String DOMAIN_ID = "g:domainid";
    static final String DOMAIN_NAME = "g:domainname";
    static final String PROJECT_ID = "g:projectid";
    static final String PROJECT_NAME = "g:projectname";
    static final String SERVICE_NAME = "g:servicename";

    static RequestFacts of(Caller caller, String action, Instant now) {
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

    String get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(key, value);
        }
    }
}
