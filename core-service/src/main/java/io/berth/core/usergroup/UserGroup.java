package io.berth.core.usergroup;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Harbor's user group: users of an identity source who can be a project member together. */
@Entity
@Table(name = "user_group")
public class UserGroup extends TimestampedEntity {
    @Column(name = "group_name")
    public String groupName;

    @Column(name = "group_type")
    public int groupType;

    /** The group's DN, for LDAP groups only. */
    @Column(name = "ldap_group_dn")
    public String ldapGroupDn;

    /** The LDAP group of this DN, whatever its case; null if unknown. */
    public static UserGroup byDn(String dn) {
        return find("groupType = ?1 and lower(ldapGroupDn) = lower(?2)", GroupType.LDAP.code, dn).firstResult();
    }

    /** The HTTP or OIDC group of this name; null if unknown. */
    public static UserGroup byName(GroupType type, String name) {
        return find("groupType = ?1 and groupName = ?2", type.code, name).firstResult();
    }
}
