package io.gatehouse.access;

import com.google.re2j.Pattern;
import io.gatehouse.access.ConditionKeys.Type;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * The condition operators of Huawei's policy grammar that Gatehouse evaluates. A positive operator holds
 * when the request's value matches any of the policy's values; its {@code Not} form holds when it matches
 * none. Any operator may take the suffix {@code IfExists}, which makes it hold when the request lacks the key.
 * Each policy value is compiled once, when the policy is read, into a test of the request's value.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Type.STRING, false, p -> v -> v.equals(p)),
    STRING_NOT_EQUALS("StringNotEquals", Type.STRING, true, p -> v -> v.equals(p)),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Type.STRING, false, p -> v -> v.equalsIgnoreCase(p)),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Type.STRING, true, p -> v -> v.equalsIgnoreCase(p)),
    STRING_LIKE("StringLike", Type.STRING, false, p -> v -> Wildcard.matches(p, v)),
    STRING_NOT_LIKE("StringNotLike", Type.STRING, true, p -> v -> Wildcard.matches(p, v)),
    STRING_START_WITH("StringStartWith", Type.STRING, false, p -> v -> v.startsWith(p)),
    STRING_NOT_START_WITH("StringNotStartWith", Type.STRING, true, p -> v -> v.startsWith(p)),
    STRING_END_WITH("StringEndWith", Type.STRING, false, p -> v -> v.endsWith(p)),
    STRING_NOT_END_WITH("StringNotEndWith", Type.STRING, true, p -> v -> v.endsWith(p)),
    STRING_START_WITH_IGNORE_CASE("StringStartWithIgnoreCase", Type.STRING, false,
            p -> v -> v.regionMatches(true, 0, p, 0, p.length())),
    STRING_NOT_START_WITH_IGNORE_CASE("StringNotStartWithIgnoreCase", Type.STRING, true,
            p -> v -> v.regionMatches(true, 0, p, 0, p.length())),
    STRING_END_WITH_IGNORE_CASE("StringEndWithIgnoreCase", Type.STRING, false, ConditionOperator::endsIgnoreCase),
    STRING_NOT_END_WITH_IGNORE_CASE("StringNotEndWithIgnoreCase", Type.STRING, true, ConditionOperator::endsIgnoreCase),
    /** A regular expression that must match the whole value; RE2 syntax, matched in linear time. */
    STRING_MATCH("StringMatch", Type.STRING, false, ConditionOperator::regex),
    STRING_NOT_MATCH("StringNotMatch", Type.STRING, true, ConditionOperator::regex),
    IP_ADDRESS("IpAddress", Type.IP, false, ConditionOperator::addressRange),
    NOT_IP_ADDRESS("NotIpAddress", Type.IP, true, ConditionOperator::addressRange),
    BOOL("Bool", Type.BOOL, false, ConditionOperator::bool),
    DATE_LESS_THAN("DateLessThan", Type.DATE, false, p -> date(p, t -> t < 0)),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Type.DATE, false, p -> date(p, t -> t <= 0)),
    DATE_GREATER_THAN("DateGreaterThan", Type.DATE, false, p -> date(p, t -> t > 0)),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Type.DATE, false, p -> date(p, t -> t >= 0));

    static final String IF_EXISTS = "IfExists";

    /** Address literals only, so that no host name is ever looked up. */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");

    private final String wireName;
    private final Type keyType;
    private final boolean negated;
    private final Function<String, Predicate<String>> compiler;

    ConditionOperator(String wireName, Type keyType, boolean negated, Function<String, Predicate<String>> compiler) {
        this.wireName = wireName;
        this.keyType = keyType;
        this.negated = negated;
        this.compiler = compiler;
    }

    String wireName() {
        return wireName;
    }

    boolean negated() {
        return negated;
    }

    boolean fits(Type type) {
        return type == keyType;
    }

    /** The operator named {@code name} (without {@code IfExists}), or null. */
    static ConditionOperator byWireName(String name) {
        for (ConditionOperator op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /**
     * The test of a request's value against one policy value.
     *
     * @throws IllegalArgumentException when the value is not well formed for the operator
     */
    Predicate<String> compile(String policyValue) {
        if (policyValue.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control character");
        }
        try {
            return compiler.apply(policyValue);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    boolean holds(String requestValue, List<Predicate<String>> policyValues) {
        boolean any = false;
        for (Predicate<String> policyValue : policyValues) {
            if (policyValue.test(requestValue)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private static Predicate<String> endsIgnoreCase(String suffix) {
        return value -> value.length() >= suffix.length()
                && value.regionMatches(true, value.length() - suffix.length(), suffix, 0, suffix.length());
    }

    private static Predicate<String> regex(String expression) {
        Pattern pattern = Pattern.compile(expression);
        return value -> pattern.matches(value);
    }

    private static Predicate<String> addressRange(String range) {
        if (!ADDRESS.matcher(range).matches()) {
            throw new IllegalArgumentException("not an address or CIDR block");
        }
        InetAddressMatcher matcher = InetAddressMatchers.fromIpAddress(range);
        return address -> ADDRESS.matcher(address).matches() && matches(matcher, address);
    }

    private static boolean matches(InetAddressMatcher matcher, String address) {
        try {
            return matcher.matches(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Predicate<String> bool(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("not a boolean");
        }
        return requestValue -> requestValue.equalsIgnoreCase(value);
    }

    private static Predicate<String> date(String limit, java.util.function.IntPredicate comparison) {
        Instant bound = Instant.parse(limit.toUpperCase(Locale.ROOT));
        return value -> comparison.test(Instant.parse(value).compareTo(bound));
    }
}
