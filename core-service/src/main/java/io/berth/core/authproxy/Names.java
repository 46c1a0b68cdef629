package io.berth.core.authproxy;

/** The user and group names of {@code http_auth} that Berth keeps: 1 to 255 characters, none a control character or {@code $}. */
final class Names {
    static final int LENGTH = 255;

    private Names() {}

    /**
     * Whether Berth keeps this name. {@code $} is refused because it marks the names that are not users': {@code robot$…}
     * and {@code tokenreview$…}.
     */
    static boolean valid(String name) {
        return !name.isEmpty() && name.length() <= LENGTH && name.chars().noneMatch(c -> Character.isISOControl(c) || c == '$')
                && name.equals(name.strip());
    }
}
