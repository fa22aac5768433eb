package io.gatehouse.project;

import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;

/** Query parameters as Huawei documents them: booleans are true or false, numbers plain integers in range. */
final class QueryParameters {

    private QueryParameters() {
    }

    static Boolean parseBoolean(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ApiException(IamError.INVALID_PARAMETER,
                "Request parameter " + name + " is invalid: it must be true or false.");
    }

    static int parseInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range number is
        }
        throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter " + name + " is invalid: it must be "
                + "an integer from " + min + (max == Integer.MAX_VALUE ? "" : " to " + max) + ".");
    }
}
