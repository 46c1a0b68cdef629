package io.berth.core.ldap;

import io.berth.core.configuration.ConfigKey;
import io.berth.core.configuration.Configurations;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/** The {@code ldap_group_*} configuration in effect: where groups are, how they are named, who is a system administrator. */
record LdapGroupSettings(String baseDn, String filter, String nameAttribute, int scope, String membershipAttribute, String adminDn) {

    static LdapGroupSettings of(Configurations c) {
        return new LdapGroupSettings((String) c.value(ConfigKey.LDAP_GROUP_BASE_DN), (String) c.value(ConfigKey.LDAP_GROUP_SEARCH_FILTER),
                (String) c.value(ConfigKey.LDAP_GROUP_ATTRIBUTE_NAME), (Integer) c.value(ConfigKey.LDAP_GROUP_SEARCH_SCOPE),
                (String) c.value(ConfigKey.LDAP_GROUP_MEMBERSHIP_ATTRIBUTE), (String) c.value(ConfigKey.LDAP_GROUP_ADMIN_DN));
    }

    /** Whether groups are configured at all (a group base DN). */
    boolean enabled() {
        return !baseDn.isEmpty();
    }

    /** The configured filter (or any entry) and one more condition. */
    String filterWith(String condition) {
        return "(&" + (filter.isEmpty() ? "(objectClass=*)" : filter) + condition + ")";
    }

    /** Whether this DN lies where ldap_group_base_dn and ldap_group_search_scope look for groups. */
    boolean inScope(String dn) {
        LdapName name = parse(dn);
        LdapName base = parse(baseDn);
        if (name == null || base == null || !name.startsWith(base)) {
            return false;
        }
        int depth = name.size() - base.size();
        return scope == 0 ? depth == 0 : scope == 1 ? depth == 1 : true;
    }

    /** Whether the DN is ldap_group_admin_dn (compared as DNs, whatever their case and spacing). */
    boolean isAdminGroup(String dn) {
        return !adminDn.isEmpty() && parse(dn) != null && parse(dn).equals(parse(adminDn));
    }

    /** The DN parsed for comparison (lower case: DNs of groups compare case-insensitively); null if it is not a DN. */
    static LdapName parse(String dn) {
        try {
            return new LdapName(dn.toLowerCase(Locale.ROOT));
        } catch (InvalidNameException | IllegalArgumentException e) {
            return null;
        }
    }
}
