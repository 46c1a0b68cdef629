package io.berth.core.ldap;

/** RFC 4515 escaping of values put into LDAP search filters, so that a name like {@code *)(uid=*} matches only itself. */
public final class LdapFilters {
    private LdapFilters() {}

    public static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\5c");
                case '*' -> escaped.append("\\2a");
                case '(' -> escaped.append("\\28");
                case ')' -> escaped.append("\\29");
                case '\0' -> escaped.append("\\00");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
