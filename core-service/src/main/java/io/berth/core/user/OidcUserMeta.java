package io.berth.core.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;

/**
 * Harbor's OIDCUserInfo ({@code oidc_user_meta} of a user in oidc_auth mode): the provider identity as {@code subiss},
 * and the CLI secret, shown only to the user themself (null, so left out, for anyone else). Not shown: whether the
 * user is in oidc_admin_group, which the user's {@code admin_role_in_auth} says.
 */
public record OidcUserMeta(long id, long userId, String subiss, String secret, OffsetDateTime creationTime, OffsetDateTime updateTime,
        @JsonIgnore boolean adminInAuth) {

    /** What user needs of OIDC (io.berth.core.oidc provides it, so that user does not depend on it). */
    public interface Source {
        /** The meta of an onboarded OIDC user; with the CLI secret in clear only if {@code withSecret}. */
        java.util.Optional<OidcUserMeta> of(long userId, boolean withSecret);
    }
}
