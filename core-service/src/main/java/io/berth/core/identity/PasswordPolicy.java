package io.berth.core.identity;

import io.berth.common.error.HarborException;

/** Harbor's password rule: 8 to 128 characters with at least one upper-case letter, one lower-case letter and one digit. */
public final class PasswordPolicy {
    private PasswordPolicy() {}

    public static String check(String password) {
        if (password == null || password.length() < 8 || password.length() > 128
                || password.chars().noneMatch(Character::isUpperCase)
                || password.chars().noneMatch(Character::isLowerCase)
                || password.chars().noneMatch(Character::isDigit)) {
            throw HarborException.badRequest(
                    "the password must be 8 to 128 characters long with at least one upper-case letter, one lower-case letter and one digit");
        }
        return password;
    }
}
