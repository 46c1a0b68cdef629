package io.berth.core.oidc;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.ConfigKey;
import io.berth.core.configuration.Configurations;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code oidc_*} configuration in effect, read once per login or refresh from {@link Configurations} (cached there). */
public record OidcSettings(String name, String endpoint, String clientId, String clientSecret, List<String> scopes,
        String groupsClaim, String adminGroup, Optional<Pattern> groupFilter, String userClaim, boolean autoOnboard,
        boolean verifyCert) {

    public static OidcSettings of(Configurations c) {
        String filter = (String) c.value(ConfigKey.OIDC_GROUP_FILTER);
        String endpoint = (String) c.value(ConfigKey.OIDC_ENDPOINT);
        return new OidcSettings((String) c.value(ConfigKey.OIDC_NAME), endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1)
                : endpoint, (String) c.value(ConfigKey.OIDC_CLIENT_ID), c.secret(ConfigKey.OIDC_CLIENT_SECRET).orElse(""),
                Arrays.stream(((String) c.value(ConfigKey.OIDC_SCOPE)).split(",")).map(String::trim).toList(),
                (String) c.value(ConfigKey.OIDC_GROUPS_CLAIM), (String) c.value(ConfigKey.OIDC_ADMIN_GROUP),
                filter.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(filter)), (String) c.value(ConfigKey.OIDC_USER_CLAIM),
                (Boolean) c.value(ConfigKey.OIDC_AUTO_ONBOARD), (Boolean) c.value(ConfigKey.OIDC_VERIFY_CERT));
    }

    /** These settings, or 503 naming what is missing: a login cannot start without an endpoint and a client id. */
    OidcSettings usable() {
        if (endpoint.isEmpty() || clientId.isEmpty()) {
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "OIDC is not configured: oidc_endpoint and oidc_client_id are required");
        }
        return this;
    }

    /** The claim a new user's name is read from. */
    String userNameClaim() {
        return userClaim.isEmpty() ? "name" : userClaim;
    }
}
