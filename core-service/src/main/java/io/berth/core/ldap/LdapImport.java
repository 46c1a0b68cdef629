package io.berth.core.ldap;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.user.Onboarding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Harbor's {@code POST /ldap/users/import}: the users of {@code ldap_uid_list} onboarded from the directory before
 * their first login (so that they can be made project members). All or nothing: every uid is looked up first, and
 * when one is empty or not found (Harbor's {@code empty_uid}, {@code unknown_user}) nobody is imported and the
 * failures are listed; Harbor would import the others. A user that exists already counts as imported, as in Harbor.
 */
@ApplicationScoped
public class LdapImport {
    /** The most uids one request may name. */
    static final int MAX_UIDS = 1000;

    /** Harbor's LdapFailedImportUser. */
    public record FailedImport(String uid, String error) {}

    private final Configurations configurations;
    private final LdapDirectory directory;
    private final Onboarding onboarding;
    private final CurrentCaller current;

    LdapImport(Configurations configurations, LdapDirectory directory, Onboarding onboarding, CurrentCaller current) {
        this.configurations = configurations;
        this.directory = directory;
        this.onboarding = onboarding;
        this.current = current;
    }

    /** The uids that could not be imported (empty: all were); a 400 for a body that is not {@code {"ldap_uid_list": [uid, …]}}. */
    public List<FailedImport> importUsers(Map<String, Object> body) {
        List<String> uids = uids(body);
        if (!"ldap_auth".equals(configurations.authMode())) {
            throw HarborException.badRequest("users are imported from LDAP only when auth_mode is ldap_auth");
        }
        LdapSettings settings = LdapSettings.of(configurations);
        Map<String, LdapDirectory.Entry> found = new LinkedHashMap<>();
        List<FailedImport> failed = new ArrayList<>();
        for (String uid : uids) {
            String trimmed = uid.trim();
            Optional<LdapDirectory.Entry> entry = trimmed.isEmpty() ? Optional.empty() : directory.find(settings, trimmed);
            if (entry.isPresent()) {
                found.put(trimmed, entry.get());
            } else {
                failed.add(new FailedImport(uid, trimmed.isEmpty() ? "empty_uid" : "unknown_user"));
            }
        }
        if (failed.isEmpty()) {
            String operator = current.get().name();
            found.values().forEach(entry -> onboarding.onboard(LdapLogin.profile(entry), "LDAP", operator, current.clientAddress()));
        }
        return failed;
    }

    private static List<String> uids(Map<String, Object> body) {
        if (body == null || !body.containsKey("ldap_uid_list") || body.size() != 1) {
            throw HarborException.badRequest("the body must be {\"ldap_uid_list\": [\"uid\", …]} and nothing else");
        }
        if (!(body.get("ldap_uid_list") instanceof List<?> list) || list.isEmpty()) {
            throw HarborException.badRequest("ldap_uid_list must be a list of one or more uids");
        }
        if (list.size() > MAX_UIDS) {
            throw HarborException.badRequest("ldap_uid_list may name at most " + MAX_UIDS + " uids at once");
        }
        Set<String> uids = new LinkedHashSet<>();
        for (Object uid : list) {
            if (!(uid instanceof String s)) {
                throw HarborException.badRequest("ldap_uid_list must hold strings, not " + uid);
            }
            uids.add(s);
        }
        return List.copyOf(uids);
    }
}
