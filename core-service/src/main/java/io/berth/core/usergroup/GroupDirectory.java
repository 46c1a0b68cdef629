package io.berth.core.usergroup;

import java.util.Optional;

/**
 * The LDAP directory as user groups need it: whether a group DN exists there. Implemented by the {@code ldap} package
 * (which records LDAP logins here), so that the two packages do not depend on each other both ways.
 */
public interface GroupDirectory {
    /** The name of the group at this DN (its {@code ldap_group_attribute_name}); empty if the directory has none there. */
    Optional<String> groupName(String dn);
}
