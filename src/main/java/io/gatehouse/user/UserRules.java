package io.gatehouse.user;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import java.util.regex.Pattern;

/** The field rules of an IAM user, as the Huawei API documents them, each with its error code. */
final class UserRules {

    /** The OS-USER API allows 32 characters; the Keystone API 64. */
    static final int OS_USER_NAME_MAX = 32;
    static final int KEYSTONE_NAME_MAX = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_.\\-][A-Za-z0-9 _.\\-]*");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern AREACODE = Pattern.compile("\\+?[0-9]{1,6}");
    private static final Pattern PHONE = Pattern.compile("[0-9]{1,32}");
    private static final Pattern MOBILE = Pattern.compile("(\\+?[0-9]{1,6})-([0-9]{1,32})");

    private UserRules() {
    }

    static String name(String name, int max) {
        if (name == null || name.isEmpty() || name.length() > max || !NAME.matcher(name).matches()) {
            throw IamError.INVALID_USERNAME.exception();
        }
        return name;
    }

    /** An empty string clears the email. */
    static String email(String email) {
        if (email == null || email.isEmpty()) {
            return null;
        }
        if (email.length() > 255 || !EMAIL.matcher(email).matches()) {
            throw IamError.INVALID_EMAIL.exception();
        }
        return email;
    }

    /**
     * Area code and phone are one value sent as two fields: a request sends both or neither. An empty
     * phone clears both; an area code may be empty for a number without one, but not without a phone.
     */
    static Mobile mobile(String areacode, String phone) {
        if ((areacode == null) != (phone == null)) {
            throw IamError.AREACODE_AND_PHONE_TOGETHER.exception();
        }
        if (phone.isEmpty()) {
            if (!areacode.isEmpty()) {
                throw IamError.AREACODE_AND_PHONE_TOGETHER.exception();
            }
            return Mobile.NONE;
        }
        if (!PHONE.matcher(phone).matches() || !areacode.isEmpty() && !AREACODE.matcher(areacode).matches()) {
            throw IamError.INVALID_MOBILE.exception();
        }
        return new Mobile(areacode, phone);
    }

    /** The self-service form: {@code "0086-12345678901"}; empty clears it. */
    static Mobile mobile(String mobile) {
        if (mobile.isEmpty()) {
            return Mobile.NONE;
        }
        var m = MOBILE.matcher(mobile);
        if (!m.matches()) {
            throw IamError.INVALID_MOBILE.exception();
        }
        return new Mobile(m.group(1), m.group(2));
    }

    static String description(String description) {
        if (description == null || description.isEmpty()) {
            return null;
        }
        if (description.length() > 255 || description.chars().anyMatch(c -> c == '<' || c == '>' || Character.isISOControl(c))) {
            throw IamError.INVALID_DESCRIPTION.exception();
        }
        return description;
    }

    static AccessMode accessMode(String accessMode) {
        return AccessMode.fromWire(accessMode);
    }

    /** xuser_type and xuser_id travel together; both empty clears them. */
    static ExternalId externalId(String type, String id) {
        if ((type == null) != (id == null)) {
            throw new ApiException(IamError.MANDATORY_PARAMETER_MISSING,
                    "xuser_type and xuser_id must be set at the same time.");
        }
        if (type.isEmpty() && id.isEmpty()) {
            return ExternalId.NONE;
        }
        if (type.isEmpty() || type.length() > 64) {
            throw IamError.INVALID_PARAMETER.exception("xuser_type");
        }
        if (id.isEmpty() || id.length() > 128) {
            throw IamError.INVALID_PARAMETER.exception("xuser_id");
        }
        return new ExternalId(type, id);
    }

    record Mobile(String areacode, String phone) {
        static final Mobile NONE = new Mobile(null, null);
    }

    record ExternalId(String type, String id) {
        static final ExternalId NONE = new ExternalId(null, null);
    }
}
