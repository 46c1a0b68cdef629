package io.berth.core.identity;

import io.berth.common.error.HarborException;

/**
 * Harbor's password rule, which also applies to the CLI secrets users choose: 8 to 128 characters with at least one
 * upper-case letter, one lower-case letter and one digit.
 */
public final class PasswordPolicy {
    private PasswordPolicy() {}

    public static String check(String password) {
        return check(password, "password");
    }

    /** The same rule, its error naming what was given (e.g. {@code "CLI secret"}). */
    public static String check(String value, String what) {
        if (value == null || value.length() < 8 || value.length() > 128
                || value.chars().noneMatch(Character::isUpperCase)
                || value.chars().noneMatch(Character::isLowerCase)
                || value.chars().noneMatch(Character::isDigit)) {
            throw HarborException.badRequest(
                    "the " + what + " must be 8 to 128 characters long with at least one upper-case letter, one lower-case letter and one digit");
        }
        return value;
    }
}
