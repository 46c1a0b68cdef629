package io.berth.core.usergroup;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User groups as Harbor's {@code /usergroups} manages them: an LDAP group is known by its DN, which must exist in the
 * directory when it is added; an HTTP or OIDC group by its name. Names and DNs are unique per type; each change is
 * audited; deleting a group ends its project memberships and its users' memberships.
 */
@ApplicationScoped
public class UserGroupService {
    private static final int MAX_NAME = 255;
    private static final int MAX_DN = 512;

    private final GroupDirectory directory;
    private final AuditLog audit;

    UserGroupService(GroupDirectory directory, AuditLog audit) {
        this.directory = directory;
        this.audit = audit;
    }

    /** Groups by id, those whose name contains {@code groupName} and whose DN is {@code ldapGroupDn} if given. */
    public Page<UserGroupView> list(String groupName, String ldapGroupDn, Paging paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (groupName != null && !groupName.isEmpty()) {
            where.append(" and lower(groupName) like :name");
            params.put("name", "%" + groupName.toLowerCase() + "%");
        }
        if (ldapGroupDn != null && !ldapGroupDn.isEmpty()) {
            where.append(" and lower(ldapGroupDn) = :dn");
            params.put("dn", ldapGroupDn.toLowerCase());
        }
        return Page.of(UserGroup.<UserGroup>find(where + " order by id", params), paging, UserGroupView::of);
    }

    /** Groups whose name contains {@code groupName}: what a project administrator picks a group member from. */
    public Page<UserGroupView.SearchItem> search(String groupName, Paging paging) {
        if (groupName == null || groupName.isBlank()) {
            throw HarborException.badRequest("groupname is required");
        }
        return Page.of(UserGroup.<UserGroup>find("lower(groupName) like ?1 order by id", "%" + groupName.toLowerCase() + "%"),
                paging, g -> new UserGroupView.SearchItem(g.id, g.groupName, g.groupType));
    }

    public UserGroupView get(long id) {
        return UserGroupView.of(group(id));
    }

    /** Adds a group: 400 for a bad type, name or DN (or a DN the directory does not have), 409 if it exists. */
    @Transactional
    public UserGroup create(UserGroupView request) {
        if (request == null) {
            throw HarborException.badRequest("a user group is required");
        }
        if (request.id() != null) {
            throw HarborException.badRequest("id is given by Berth, not the request");
        }
        GroupType type = GroupType.of(request.groupType());
        UserGroup group = new UserGroup();
        group.groupType = type.code;
        if (type == GroupType.LDAP) {
            String dn = required(request.ldapGroupDn(), "ldap_group_dn", MAX_DN);
            if (UserGroup.byDn(dn) != null) {
                throw HarborException.conflict("the LDAP group " + dn + " exists already");
            }
            Optional<String> found = directory.groupName(dn);
            if (found.isEmpty()) {
                throw HarborException.badRequest("LDAP Group DN is not found: DN:" + dn);
            }
            group.ldapGroupDn = dn;
            group.groupName = request.groupName() == null || request.groupName().isBlank() ? found.get()
                    : required(request.groupName(), "group_name", MAX_NAME);
        } else {
            if (request.ldapGroupDn() != null && !request.ldapGroupDn().isEmpty()) {
                throw HarborException.badRequest("ldap_group_dn is for LDAP groups (group_type 1) only");
            }
            group.groupName = required(request.groupName(), "group_name", MAX_NAME);
            if (UserGroup.byName(type, group.groupName) != null) {
                throw HarborException.conflict("the group " + group.groupName + " of type " + type.code + " exists already");
            }
        }
        group.persist();
        audit.success(null, group.groupName, "user_group", "create");
        return group;
    }

    /** Renames a group: its name is all that changes (Harbor's update). */
    @Transactional
    public void rename(long id, UserGroupView request) {
        UserGroup group = group(id);
        if (request == null) {
            throw HarborException.badRequest("a user group is required");
        }
        if (request.groupType() != null && request.groupType() != group.groupType
                || request.ldapGroupDn() != null && !request.ldapGroupDn().equalsIgnoreCase(String.valueOf(group.ldapGroupDn))) {
            throw HarborException.badRequest("only group_name can change; group_type and ldap_group_dn cannot");
        }
        String name = required(request.groupName(), "group_name", MAX_NAME);
        if (group.groupType != GroupType.LDAP.code) {
            UserGroup same = UserGroup.byName(GroupType.of(group.groupType), name);
            if (same != null && !same.id.equals(group.id)) {
                throw HarborException.conflict("the group " + name + " of type " + group.groupType + " exists already");
            }
        }
        group.groupName = name;
        audit.success(null, name, "user_group", "update");
    }

    @Transactional
    public void delete(long id) {
        UserGroup group = group(id);
        group.delete();
        audit.success(null, group.groupName, "user_group", "delete");
    }

    /**
     * The group a project member request names ({@code member_group}): by id, else by DN (an LDAP group the directory
     * has, added if Berth does not know it yet) or by type and name (added if unknown, as Harbor does).
     */
    @Transactional
    public UserGroup resolve(UserGroupView ref) {
        if (ref == null) {
            throw HarborException.badRequest("member_group is required");
        }
        if (ref.id() != null && ref.id() > 0) {
            return group(ref.id());
        }
        GroupType type = GroupType.of(ref.groupType());
        UserGroup known = type == GroupType.LDAP ? UserGroup.byDn(required(ref.ldapGroupDn(), "ldap_group_dn", MAX_DN))
                : UserGroup.byName(type, required(ref.groupName(), "group_name", MAX_NAME));
        return known != null ? known : create(ref);
    }

    private static UserGroup group(long id) {
        UserGroup group = UserGroup.findById(id);
        if (group == null) {
            throw HarborException.notFound("user group " + id + " not found");
        }
        return group;
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw HarborException.badRequest(field + " is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw HarborException.badRequest(field + " is longer than " + max + " characters");
        }
        return trimmed;
    }
}
