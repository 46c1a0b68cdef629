package io.berth.core.member;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.project.Project;
import io.berth.core.rbac.Member;
import io.berth.core.rbac.Role;
import io.berth.core.user.User;
import io.berth.core.usergroup.UserGroup;
import io.berth.core.usergroup.UserGroupService;
import io.berth.core.usergroup.UserGroupView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Who has which role in a project: a user is a member once, with one role; each change is audited. */
@ApplicationScoped
public class MemberService {
    /** Harbor's ProjectMemberEntity. */
    public record MemberView(long id, long projectId, String entityName, String roleName, int roleId, long entityId,
            String entityType) {}

    /** Harbor's ProjectMember request: a role and a user (by name or id) or a user group (by id, DN, or type and name). */
    public record MemberRequest(Integer roleId, MemberUser memberUser, UserGroupView memberGroup) {
        public MemberRequest(Integer roleId, MemberUser memberUser) {
            this(roleId, memberUser, null);
        }
    }

    public record MemberUser(Long userId, String username) {}

    private final AuditLog audit;
    private final UserGroupService groups;

    MemberService(AuditLog audit, UserGroupService groups) {
        this.audit = audit;
        this.groups = groups;
    }

    /** The project's members in the order they were added, those whose user or group name contains {@code entityName} if given. */
    public Page<MemberView> list(Project project, String entityName, Paging paging) {
        var query = entityName == null
                ? Member.<Member>find("projectId = ?1 order by id", project.id)
                : Member.<Member>find("projectId = ?1 and (userId in (select u.id from User u where lower(u.username) like ?2)"
                        + " or groupId in (select g.id from UserGroup g where lower(g.groupName) like ?2)) order by id",
                        project.id, "%" + entityName.toLowerCase() + "%");
        return Page.of(query, paging, MemberService::view);
    }

    public MemberView get(Project project, long mid) {
        return view(member(project, mid));
    }

    /** Adds a user or a user group with a role; 404 for an unknown user or group id, 409 if a member already. */
    @Transactional
    public Member add(Project project, MemberRequest request) {
        if (request == null || request.roleId() == null || (request.memberUser() == null) == (request.memberGroup() == null)) {
            throw HarborException.badRequest("role_id and one of member_user and member_group are required");
        }
        Role role = Role.of(request.roleId());
        if (request.memberGroup() != null) {
            return addGroup(project, role, request.memberGroup());
        }
        User user = request.memberUser().userId() != null ? User.findById(request.memberUser().userId())
                : User.byName(request.memberUser().username());
        if (user == null) {
            throw HarborException.notFound("user " + (request.memberUser().username() != null ? request.memberUser().username()
                    : request.memberUser().userId()) + " not found");
        }
        if (Member.of(project.id, user.id) != null) {
            throw HarborException.conflict(user.username + " is already a member of " + project.name);
        }
        Member member = new Member();
        member.projectId = project.id;
        member.userId = user.id;
        member.roleId = role.id();
        member.persist();
        audit.success(project.name, user.username, "member", "create " + role.harborName());
        return member;
    }

    private Member addGroup(Project project, Role role, UserGroupView ref) {
        UserGroup group = groups.resolve(ref);
        if (Member.count("projectId = ?1 and groupId = ?2", project.id, group.id) > 0) {
            throw HarborException.conflict("the group " + group.groupName + " is already a member of " + project.name);
        }
        Member member = new Member();
        member.projectId = project.id;
        member.groupId = group.id;
        member.roleId = role.id();
        member.persist();
        audit.success(project.name, group.groupName, "member", "create " + role.harborName());
        return member;
    }

    @Transactional
    public void changeRole(Project project, long mid, Integer roleId) {
        if (roleId == null) {
            throw HarborException.badRequest("role_id is required");
        }
        Member member = member(project, mid);
        member.roleId = Role.of(roleId).id();
        audit.success(project.name, userName(member), "member", "update " + Role.of(member.roleId).harborName());
    }

    @Transactional
    public void remove(Project project, long mid) {
        Member member = member(project, mid);
        String name = userName(member);
        member.delete();
        audit.success(project.name, name, "member", "delete");
    }

    private static Member member(Project project, long mid) {
        Member member = Member.findById(mid);
        if (member == null || member.projectId != project.id) {
            throw HarborException.notFound("member " + mid + " not found in " + project.name);
        }
        return member;
    }

    private static String userName(Member member) {
        if (member.groupId != null) {
            UserGroup group = UserGroup.findById(member.groupId);
            return group == null ? "" : group.groupName;
        }
        User user = User.findById(member.userId);
        return user == null ? "" : user.username;
    }

    /** Harbor's entity_type: "u" for a user, "g" for a user group. */
    private static MemberView view(Member m) {
        Role role = Role.of(m.roleId);
        boolean group = m.groupId != null;
        return new MemberView(m.id, m.projectId, userName(m), role.harborName(), role.id(), group ? m.groupId : m.userId, group ? "g" : "u");
    }
}
