package io.berth.core.usergroup;

/** Harbor's UserGroup: request and answer of {@code /usergroups}. */
public record UserGroupView(Long id, String groupName, Integer groupType, String ldapGroupDn) {

    static UserGroupView of(UserGroup group) {
        return new UserGroupView(group.id, group.groupName, group.groupType, group.ldapGroupDn);
    }

    /** Harbor's UserGroupSearchItem: what any user may see of a group. */
    public record SearchItem(long id, String groupName, int groupType) {}
}
