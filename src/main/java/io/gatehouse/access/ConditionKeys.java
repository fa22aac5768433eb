package io.gatehouse.access;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The condition keys a policy may name. The global keys ({@code g:...}) that Gatehouse fills in for every
 * request have a type that decides which operators fit them; a service's own key ({@code obs:prefix}) is
 * accepted as a string key that Gatehouse's requests never carry.
 */
final class ConditionKeys {

    enum Type { STRING, IP, BOOL, DATE }

    private static final Map<String, Type> GLOBAL = Map.of(
            RequestFacts.SOURCE_IP, Type.IP,
            RequestFacts.MFA_PRESENT, Type.BOOL,
            RequestFacts.CURRENT_TIME, Type.DATE,
            RequestFacts.USER_ID, Type.STRING,
            RequestFacts.USER_NAME, Type.STRING,
            RequestFacts.DOMAIN_ID, Type.STRING,
            RequestFacts.DOMAIN_NAME, Type.STRING,
            RequestFacts.PROJECT_ID, Type.STRING,
            RequestFacts.PROJECT_NAME, Type.STRING,
            RequestFacts.SERVICE_NAME, Type.STRING);
    private static final Pattern SERVICE_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}:[A-Za-z0-9_./-]{1,128}");

    private ConditionKeys() {
    }

    /** The type of a key, or null when the key is not one a policy may name. */
    static Type typeOf(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("g:")) {
            return GLOBAL.get(lower);
        }
        return SERVICE_KEY.matcher(key).matches() ? Type.STRING : null;
    }
}
