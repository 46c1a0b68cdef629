package io.berth.core.api;

import io.berth.common.error.HarborException;

/** Query parameters Quarkus would read too leniently: a boolean is {@code true} or {@code false}, anything else a 400 naming it. */
public final class Params {
    private Params() {}

    /** {@code value} as a boolean, {@code absent} when not given. */
    public static boolean bool(String name, String value, boolean absent) {
        Boolean parsed = optionalBool(name, value);
        return parsed == null ? absent : parsed;
    }

    /** {@code value} as a boolean, null when not given. */
    public static Boolean optionalBool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw HarborException.badRequest("invalid parameter value: " + name + " is true or false, not '" + value + "'");
    }
}
