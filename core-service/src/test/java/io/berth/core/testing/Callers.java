package io.berth.core.testing;

import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectService;
import io.berth.core.rbac.Member;
import io.berth.core.rbac.Role;
import io.berth.core.user.User;
import io.berth.core.user.UserRequests;
import io.berth.core.user.UserService;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Map;

/**
 * For tests that call core's services directly, on the real database: who the services see as the
 * current caller, and the users, projects and memberships a case needs, made through the services.
 */
public final class Callers {
    public static final String ADDRESS = "192.0.2.7";

    private Callers() {}

    /** Makes {@code caller} the current request's caller; returns it. */
    public static Caller actAs(Caller caller) {
        Arc.container().instance(CurrentCaller.class).get().set(caller, ADDRESS);
        return caller;
    }

    public static Caller admin() {
        User admin = QuarkusTransaction.requiringNew().call(() -> User.byName("admin"));
        return new Caller(Caller.Kind.USER, admin.id, admin.username, true);
    }

    /** A new user (created as admin, who then stays the current caller). */
    public static Caller user(String name) {
        actAs(admin());
        User user = Arc.container().instance(UserService.class).get()
                .create(new UserRequests.Creation(name, name + "@example.com", name, "Passw0rdT", null));
        return new Caller(Caller.Kind.USER, user.id, user.username, false);
    }

    /** A new project owned by admin, with {@code members} in their roles. */
    public static Project project(String name, boolean isPublic, Map<Caller, Role> members) {
        User admin = QuarkusTransaction.requiringNew().call(() -> User.byName("admin"));
        Project project = Arc.container().instance(ProjectService.class).get().create(name, isPublic, admin, Map.of());
        QuarkusTransaction.requiringNew().run(() -> members.forEach((user, role) -> {
            Member m = new Member();
            m.projectId = project.id;
            m.userId = user.id();
            m.roleId = role.id();
            m.persist();
        }));
        return project;
    }
}
