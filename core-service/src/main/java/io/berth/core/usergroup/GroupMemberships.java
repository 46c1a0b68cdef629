package io.berth.core.usergroup;

import io.berth.common.error.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which groups a user is in, as their identity source (LDAP directory, OIDC provider, auth proxy) said at their last
 * login, for a bounded lifetime: Berth does not ask the source again for each token, and a membership that has
 * expired counts no more (the user's next login records it again, or not).
 */
@ApplicationScoped
public class GroupMemberships {
    /** What to do with a group that Berth does not know yet. */
    public enum UnknownGroups {
        /** Create it on the fly (Harbor does so for LDAP and OIDC groups at login). */
        CREATE,
        /** Leave it out: only groups an administrator created count. */
        IGNORE
    }

    private final EntityManager em;

    GroupMemberships(EntityManager em) {
        this.em = em;
    }

    /** {@link #recordLogin(long, int, Collection, Duration, UnknownGroups)}, creating unknown groups. */
    @Transactional
    public void recordLogin(long userId, int groupType, Collection<GroupRef> groups, Duration lifetime) {
        recordLogin(userId, groupType, groups, lifetime, UnknownGroups.CREATE);
    }

    /**
     * Records that the user is, from now on and for {@code lifetime}, in exactly these groups of this type: their
     * memberships of other groups of the type end now; those of other types are left alone.
     */
    @Transactional
    public void recordLogin(long userId, int groupType, Collection<GroupRef> groups, Duration lifetime, UnknownGroups unknown) {
        GroupType type = GroupType.of(groupType);
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a membership lifetime must be positive: " + lifetime);
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (GroupRef ref : groups) {
            resolve(type, ref, unknown).ifPresent(ids::add);
        }
        em.createNativeQuery("delete from user_group_membership m using user_group g"
                + " where m.group_id = g.id and m.user_id = ?1 and g.group_type = ?2")
                .setParameter(1, userId).setParameter(2, type.code).executeUpdate();
        for (long groupId : ids) {
            em.createNativeQuery("insert into user_group_membership (user_id, group_id, expires_at)"
                    + " values (?1, ?2, now() + make_interval(secs => ?3))"
                    + " on conflict (user_id, group_id) do update set expires_at = excluded.expires_at")
                    .setParameter(1, userId).setParameter(2, groupId).setParameter(3, lifetime.toMillis() / 1000.0)
                    .executeUpdate();
        }
    }

    /** The ids of the groups the user is in now (memberships that have not expired). */
    @Transactional
    public Set<Long> current(long userId) {
        List<?> ids = em.createNativeQuery("select group_id from user_group_membership where user_id = ?1 and expires_at > now()")
                .setParameter(1, userId).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).collect(Collectors.toSet());
    }

    /** Whether the user is now (a membership that has not expired) in the LDAP group of this DN, whatever its case. */
    @Transactional
    public boolean inLdapGroup(long userId, String dn) {
        return !em.createNativeQuery("select 1 from user_group_membership m join user_group g on g.id = m.group_id"
                + " where m.user_id = ?1 and g.group_type = 1 and lower(g.ldap_group_dn) = lower(?2) and m.expires_at > now()")
                .setParameter(1, userId).setParameter(2, dn).getResultList().isEmpty();
    }

    private Optional<Long> resolve(GroupType type, GroupRef ref, UnknownGroups unknown) {
        boolean ldap = type == GroupType.LDAP;
        String key = ldap ? ref.ldapGroupDn() : ref.name();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException((ldap ? "an LDAP group needs a DN: " : "a group needs a name: ") + ref);
        }
        UserGroup known = ldap ? UserGroup.byDn(key) : UserGroup.byName(type, key);
        if (known != null || unknown == UnknownGroups.IGNORE) {
            return Optional.ofNullable(known).map(g -> g.id);
        }
        String name = ref.name() == null || ref.name().isBlank() ? key : ref.name();
        // Two logins may create the same group at once: the second insert does nothing and both read the one row.
        em.createNativeQuery("insert into user_group (group_name, group_type, ldap_group_dn) values (?1, ?2, cast(?3 as text)) on conflict do nothing")
                .setParameter(1, name).setParameter(2, type.code).setParameter(3, ldap ? key : null).executeUpdate();
        UserGroup created = ldap ? UserGroup.byDn(key) : UserGroup.byName(type, key);
        if (created == null) {
            throw HarborException.conflict("group " + key + " could not be created");
        }
        return Optional.of(created.id);
    }
}
