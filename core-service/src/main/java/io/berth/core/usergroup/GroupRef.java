package io.berth.core.usergroup;

/**
 * A group as an identity source names it at login: by its DN for LDAP groups (the name then only labels it), by its
 * name for HTTP and OIDC groups.
 */
public record GroupRef(String name, String ldapGroupDn) {

    /** An HTTP or OIDC group. */
    public static GroupRef named(String name) {
        return new GroupRef(name, null);
    }

    /** An LDAP group, with the name to give it if Berth does not know it yet. */
    public static GroupRef ldap(String dn, String name) {
        return new GroupRef(name, dn);
    }
}
