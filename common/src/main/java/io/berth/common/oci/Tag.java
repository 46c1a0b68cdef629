package io.berth.common.oci;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.util.regex.Pattern;

/** Tag grammar of the OCI Distribution Spec: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
public final class Tag {
    private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private Tag() {}

    public static String validate(String tag) {
        if (tag == null || !GRAMMAR.matcher(tag).matches()) {
            throw new OciException(OciErrorCode.TAG_INVALID, "invalid tag: " + tag);
        }
        return tag;
    }

    public static boolean isValid(String tag) {
        return tag != null && GRAMMAR.matcher(tag).matches();
    }
}
