package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;

/**
 * The names an OIDC user may be onboarded with: Harbor's rule (1 to 255 characters, none of {@code , ~ # $ %}), and
 * neither {@code :} (it ends the user name of HTTP Basic, as {@code docker login} sends it), white space, control
 * characters nor the robot prefix.
 */
final class OnboardingNames {
    private OnboardingNames() {}

    static void check(String username) {
        if (username == null || username.isEmpty() || username.length() > 255) {
            throw HarborException.badRequest("the user name must be 1 to 255 characters long");
        }
        if (username.chars().anyMatch(c -> ",~#$%:\"".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw HarborException.badRequest("the user name must not contain white space or any of , ~ # $ % : \"");
        }
        if (username.startsWith(Caller.ROBOT_PREFIX)) {
            throw HarborException.badRequest("the user name must not start with " + Caller.ROBOT_PREFIX);
        }
    }

    /** The name suggested from a claim, as Harbor does: blanks become underscores; null when there is no claim. */
    static String suggested(String claim) {
        return claim == null ? null : claim.trim().replaceAll("\\s+", "_");
    }
}
