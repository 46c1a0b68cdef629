package io.berth.common.scan;

import java.util.Arrays;
import java.util.List;

/**
 * How Berth authenticates to a scanner adapter, Harbor's registration {@code auth} values: none ({@code ""}),
 * {@code Basic} (the access credential is {@code user:password}, sent base64-encoded), {@code Bearer} (the credential is
 * the token) and {@code X-ScannerAdapter-API-Key} (the credential is sent in that header).
 */
public enum ScannerAuth {
    NONE(""), BASIC("Basic"), BEARER("Bearer"), API_KEY("X-ScannerAdapter-API-Key");

    private final String harborName;

    ScannerAuth(String harborName) {
        this.harborName = harborName;
    }

    public String harborName() {
        return harborName;
    }

    /** The value Harbor's API names ({@code null} is none); an IllegalArgumentException lists the accepted ones. */
    public static ScannerAuth of(String name) {
        if (name == null) {
            return NONE;
        }
        return Arrays.stream(values()).filter(a -> a.harborName.equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown auth '" + name + "'; supported: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(a -> "'" + a.harborName + "'").toList();
    }
}
