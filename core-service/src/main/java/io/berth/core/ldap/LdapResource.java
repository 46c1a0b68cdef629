package io.berth.core.ldap;

import io.berth.common.error.HarborException;
import io.berth.core.identity.SysadminOnly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Harbor's {@code /api/v2.0/ldap}: the directory of {@code ldap_auth} as configured, for system administrators. */
@Path("/api/v2.0/ldap")
@Produces(MediaType.APPLICATION_JSON)
@SysadminOnly
public class LdapResource {
    /** Harbor's LdapUser. */
    public record LdapUser(String username, String realname, String email) {}

    private final LdapService ldap;
    private final LdapGroups groups;

    LdapResource(LdapService ldap, LdapGroups groups) {
        this.ldap = ldap;
        this.groups = groups;
    }

    /** Binds as the configured search account: Harbor's {@code {success, message}}, 200 either way. */
    @POST
    @Path("/ping")
    public Map<String, Object> ping() {
        return ldap.ping();
    }

    /** The entry whose {@code ldap_uid} is {@code username} (escaped), as a list of zero or one. */
    @GET
    @Path("/users/search")
    public List<LdapUser> searchUsers(@QueryParam("username") String username) {
        if (username == null || username.isBlank()) {
            throw HarborException.badRequest("username is required");
        }
        return ldap.searchUser(username);
    }

    /** Harbor's group search: the group at {@code groupdn}, or those named {@code groupname} (escaped). */
    @GET
    @Path("/groups/search")
    public List<LdapGroups.LdapGroup> searchGroups(@QueryParam("groupname") String groupName, @QueryParam("groupdn") String groupDn) {
        if (groupDn != null && !groupDn.isBlank()) {
            return groups.byDn(groupDn.trim()).map(List::of).orElse(List.of());
        }
        if (groupName == null || groupName.isBlank()) {
            throw HarborException.badRequest("groupname or groupdn is required");
        }
        return groups.byName(groupName.trim());
    }
}
