package io.berth.core.user;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.identity.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Users of the database authentication mode. */
@ApplicationScoped
public class UserService {
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._-]{1,255}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Configurations configurations;

    UserService(PasswordHasher hasher, AuditLog audit, Configurations configurations) {
        this.configurations = configurations;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Users whose name or email match Harbor's {@code q}, by name. */
    public Page<UserView> list(String q, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("username", "username", "email", "email"), params);
        return Page.of(User.<User>find(where + " order by username", params), paging, UserView::of);
    }

    /** Users whose name contains {@code username}: their ids and names only, for anyone signed in. */
    public Page<Map<String, Object>> search(String username, Paging paging) {
        return Page.of(User.<User>find("lower(username) like ?1 order by username", "%" + username.toLowerCase() + "%"), paging,
                u -> Map.<String, Object>of("user_id", u.id, "username", u.username));
    }

    /**
     * A user created by {@code caller}: a system administrator, or anyone without credentials when
     * {@code self_registration} is on in {@code db_auth} mode (Harbor's sign-up); 401/403 otherwise.
     */
    @Transactional
    public User create(UserRequests.Creation request, Caller caller) {
        boolean signUp = !caller.authenticated() && configurations.selfRegistration() && "db_auth".equals(configurations.authMode());
        if (!"db_auth".equals(configurations.authMode())) {
            throw HarborException.forbidden("users come from the directory in " + configurations.authMode() + " mode; they are "
                    + "created on their first login");
        }
        if (!caller.sysadmin() && !signUp) {
            throw caller.authenticated() ? HarborException.forbidden("only system administrators may create users")
                    : HarborException.unauthorized("authentication required (self_registration is off)");
        }
        return create(request);
    }

    @Transactional
    public User create(UserRequests.Creation request) {
        if (request == null || request.username() == null || !USERNAME.matcher(request.username()).matches()
                || request.username().startsWith(Caller.ROBOT_PREFIX)) {
            throw HarborException.badRequest("invalid username: 1 to 255 letters, digits, '.', '_' or '-'");
        }
        if (User.byName(request.username()) != null) {
            throw HarborException.conflict("the user " + request.username() + " already exists");
        }
        checkEmail(request.email(), null);
        User user = new User();
        user.username = request.username();
        user.email = request.email();
        user.realname = request.realname() == null ? "" : request.realname();
        user.comment = request.comment() == null ? "" : request.comment();
        user.passwordHash = hasher.hash(PasswordPolicy.check(request.password()));
        user.persist();
        audit.success(null, user.username, "user", "create");
        return user;
    }

    @Transactional
    public void updateProfile(long id, UserRequests.Profile profile) {
        User user = existing(id);
        if (profile.email() != null) {
            checkEmail(profile.email(), user.id);
            user.email = profile.email();
        }
        if (profile.realname() != null) {
            user.realname = profile.realname();
        }
        if (profile.comment() != null) {
            user.comment = profile.comment();
        }
        audit.success(null, user.username, "user", "update");
    }

    /** Changes a password; the old one is required unless a system administrator changes someone else's. */
    @Transactional
    public void changePassword(long id, UserRequests.PasswordChange change, Caller by) {
        User user = existing(id);
        boolean administrating = by.sysadmin() && by.id() != id;
        if (!administrating && (change.oldPassword() == null || !hasher.verify(user.username, change.oldPassword(), user.passwordHash))) {
            throw HarborException.forbidden("the old password is wrong");
        }
        user.passwordHash = hasher.hash(PasswordPolicy.check(change.newPassword()));
        hasher.forget(user.username);
        audit.success(null, user.username, "user", "change password");
    }

    @Transactional
    public void setSysadmin(long id, boolean sysadmin) {
        User user = existing(id);
        user.sysadmin = sysadmin;
        audit.success(null, user.username, "user", "set sysadmin " + sysadmin);
    }

    @Transactional
    public void delete(long id) {
        User user = existing(id);
        if ("admin".equals(user.username)) {
            throw HarborException.forbidden("the admin user cannot be deleted");
        }
        hasher.forget(user.username);
        user.delete();
        audit.success(null, user.username, "user", "delete");
    }

    public User existing(long id) {
        return HarborException.found(User.findById(id), "user " + id);
    }

    private static void checkEmail(String email, Long self) {
        if (email == null || email.isEmpty()) {
            return;
        }
        if (!EMAIL.matcher(email).matches()) {
            throw HarborException.badRequest("invalid email " + email);
        }
        User other = User.find("email", email).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw HarborException.conflict("the email " + email + " is already in use");
        }
    }
}
