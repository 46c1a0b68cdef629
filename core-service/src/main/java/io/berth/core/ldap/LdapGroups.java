package io.berth.core.ldap;

import io.berth.common.error.HarborException;
import io.berth.core.configuration.Configurations;
import io.berth.core.usergroup.GroupDirectory;
import io.berth.core.usergroup.GroupRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;

/**
 * LDAP groups ({@code ldap_group_*}): a group is an entry under {@code ldap_group_base_dn} (within
 * {@code ldap_group_search_scope}) that matches {@code ldap_group_search_filter}, named by
 * {@code ldap_group_attribute_name}. A user's groups are the DNs their entry's {@code ldap_group_membership_attribute}
 * (memberOf) lists: direct memberships only, as in Harbor, so a member of a group nested in another is not a member of
 * the outer one. The group {@code ldap_group_admin_dn} counts wherever it is.
 */
@ApplicationScoped
public class LdapGroups implements GroupDirectory {
    private static final int MAX_RESULTS = 100;
    private static final int[] SCOPES = {SearchControls.OBJECT_SCOPE, SearchControls.ONELEVEL_SCOPE, SearchControls.SUBTREE_SCOPE};

    /** Harbor's LdapUserGroup. */
    public record LdapGroup(String groupName, String ldapGroupDn) {}

    private final Configurations configurations;
    private final LdapDirectory directory;

    LdapGroups(Configurations configurations, LdapDirectory directory) {
        this.configurations = configurations;
        this.directory = directory;
    }

    @Override
    public Optional<String> groupName(String dn) {
        return byDn(dn).map(LdapGroup::groupName);
    }

    /** The group at this DN, if it is one (in scope, matching the filter); 400 when groups are not configured. */
    public Optional<LdapGroup> byDn(String dn) {
        LdapGroupSettings groups = enabledSettings();
        if (!groups.inScope(dn)) {
            return Optional.empty();
        }
        return directory.asSearchAccount(LdapSettings.of(configurations), context -> first(search(context, groups, dn,
                SearchControls.OBJECT_SCOPE, groups.filterWith(""))));
    }

    /** The groups whose name is exactly {@code name} (escaped, RFC 4515). */
    public List<LdapGroup> byName(String name) {
        LdapGroupSettings groups = enabledSettings();
        String filter = groups.filterWith("(" + groups.nameAttribute() + "=" + LdapFilters.escape(name) + ")");
        return directory.asSearchAccount(LdapSettings.of(configurations),
                context -> search(context, groups, groups.baseDn(), SCOPES[groups.scope()], filter));
    }

    /**
     * The groups of the user at {@code userDn}, as references to record at login: those of their memberOf DNs that are
     * groups, and ldap_group_admin_dn if it is among them. None when groups are not configured.
     */
    List<GroupRef> ofUser(String userDn) {
        LdapGroupSettings groups = LdapGroupSettings.of(configurations);
        if (!groups.enabled() && groups.adminDn().isEmpty()) {
            return List.of();
        }
        return directory.asSearchAccount(LdapSettings.of(configurations), context -> {
            List<GroupRef> refs = new ArrayList<>();
            Attribute memberOf = context.getAttributes(userDn, new String[] {groups.membershipAttribute()}).get(groups.membershipAttribute());
            for (int i = 0; memberOf != null && i < memberOf.size(); i++) {
                String dn = String.valueOf(memberOf.get(i));
                if (groups.isAdminGroup(dn)) {
                    refs.add(GroupRef.ldap(dn, nameOf(dn)));
                } else if (groups.enabled() && groups.inScope(dn)) {
                    first(search(context, groups, dn, SearchControls.OBJECT_SCOPE, groups.filterWith("")))
                            .ifPresent(g -> refs.add(GroupRef.ldap(g.ldapGroupDn(), g.groupName())));
                }
            }
            return refs;
        });
    }

    /** Whether the user's groups of a login include ldap_group_admin_dn. */
    boolean includesAdminGroup(List<GroupRef> refs) {
        LdapGroupSettings groups = LdapGroupSettings.of(configurations);
        return refs.stream().anyMatch(r -> groups.isAdminGroup(r.ldapGroupDn()));
    }

    private LdapGroupSettings enabledSettings() {
        LdapGroupSettings groups = LdapGroupSettings.of(configurations);
        if (!groups.enabled()) {
            throw HarborException.badRequest("LDAP groups are not configured: set ldap_group_base_dn");
        }
        return groups;
    }

    private static List<LdapGroup> search(DirContext context, LdapGroupSettings groups, String base, int scope, String filter)
            throws NamingException {
        SearchControls controls = new SearchControls(scope, MAX_RESULTS, 0, new String[] {groups.nameAttribute()}, false, false);
        List<LdapGroup> found = new ArrayList<>();
        try {
            NamingEnumeration<SearchResult> results = context.search(base, filter, controls);
            while (results.hasMore()) {
                SearchResult result = results.next();
                Attribute name = result.getAttributes().get(groups.nameAttribute());
                String dn = result.getNameInNamespace();
                found.add(new LdapGroup(name == null || name.size() == 0 ? nameOf(dn) : String.valueOf(name.get(0)), dn));
            }
        } catch (NameNotFoundException e) {
            return List.of(); // no entry at that DN
        } catch (SizeLimitExceededException e) {
            return found; // the first MAX_RESULTS
        }
        return found;
    }

    private static Optional<LdapGroup> first(List<LdapGroup> groups) {
        return groups.stream().findFirst();
    }

    /** The value of a DN's first RDN: what a group is called when its entry gives no name. */
    private static String nameOf(String dn) {
        try {
            LdapName parsed = new LdapName(dn);
            return parsed.isEmpty() ? dn : String.valueOf(parsed.getRdn(parsed.size() - 1).getValue());
        } catch (InvalidNameException e) {
            return dn;
        }
    }
}
