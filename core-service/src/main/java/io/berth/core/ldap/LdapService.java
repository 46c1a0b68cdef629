package io.berth.core.ldap;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@code /ldap} API does with the configured directory. */
@ApplicationScoped
public class LdapService {
    private final Configurations configurations;
    private final LdapDirectory directory;

    LdapService(Configurations configurations, LdapDirectory directory) {
        this.configurations = configurations;
        this.directory = directory;
    }

    public Map<String, Object> ping() {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            directory.ping(LdapSettings.of(configurations));
            result.put("success", true);
        } catch (HarborException e) {
            result.put("success", false);
            result.put("message", e.getMessage());
        }
        return result;
    }

    public List<LdapResource.LdapUser> searchUser(String username) {
        return directory.find(LdapSettings.of(configurations), username)
                .map(e -> List.of(new LdapResource.LdapUser(e.username(), e.realname(), e.email()))).orElse(List.of());
    }
}
