package io.berth.common.oci;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import java.util.regex.Pattern;

/**
 * A repository name as the OCI Distribution Spec defines it: path components of lower-case
 * alphanumerics separated by {@code .}, {@code _}, {@code __} or dashes, joined by {@code /}, at most
 * 255 characters. The first component is Berth's project.
 */
public record RepositoryName(String value) {
    public static final int MAX_LENGTH = 255;
    private static final Pattern GRAMMAR = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public static RepositoryName parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !GRAMMAR.matcher(value).matches()) {
            throw new OciException(OciErrorCode.NAME_INVALID, "invalid repository name: " + abbreviate(value),
                    java.util.Map.of("name", abbreviate(value), "rule",
                            "lower-case path components [a-z0-9] separated by '.', '_', '__' or '-', joined by '/', at most 255 characters"));
        }
        return new RepositoryName(value);
    }

    public String project() {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
