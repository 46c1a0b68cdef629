package io.berth.core.ldap;

import io.berth.common.error.HarborException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Hashtable;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.jboss.logging.Logger;

/**
 * The directory of {@code ldap_auth}, through JNDI: search-then-bind. The service account ({@code ldap_search_dn})
 * searches for the one entry whose {@code ldap_uid} is the name (escaped, within {@code ldap_base_dn},
 * {@code ldap_scope} and {@code ldap_filter}), then Berth binds as that entry with the password. Every connection,
 * bind and search is bounded by {@code ldap_timeout}: a directory that is down or slow is a 503 with a clear message
 * within it, never a hang.
 */
@ApplicationScoped
public class LdapDirectory {
    private static final Logger LOG = Logger.getLogger(LdapDirectory.class);
    private static final int[] SCOPES = {SearchControls.OBJECT_SCOPE, SearchControls.ONELEVEL_SCOPE, SearchControls.SUBTREE_SCOPE};

    /** A user's entry: its DN and what Berth copies into the user it onboards. */
    public record Entry(String dn, String username, String email, String realname) {}

    /** The user's entry when the password is theirs; empty for an unknown name, an ambiguous one or a wrong password. */
    public Optional<Entry> authenticate(LdapSettings settings, String username, String password) {
        if (password.isEmpty()) {
            return Optional.empty(); // a simple bind without a password is an unauthenticated bind, which servers accept
        }
        Optional<Entry> entry = find(settings, username);
        if (entry.isEmpty()) {
            return entry;
        }
        try {
            close(connect(settings, entry.get().dn(), password));
            return entry;
        } catch (AuthenticationException e) {
            return Optional.empty();
        } catch (NamingException e) {
            throw unavailable(settings, e);
        }
    }

    /** Binds as the service account: nothing when it works, 503 with the reason when not. */
    public void ping(LdapSettings settings) {
        try {
            close(connect(settings, settings.searchDn(), settings.searchPassword()));
        } catch (NamingException e) {
            throw unavailable(settings, e);
        }
    }

    /** The one entry whose uid attribute is {@code username}. */
    public Optional<Entry> find(LdapSettings settings, String username) {
        DirContext context = null;
        try {
            context = connect(settings, settings.searchDn(), settings.searchPassword());
            SearchControls controls = new SearchControls(SCOPES[settings.scope()], 2, (int) settings.timeout().toMillis(),
                    new String[] {settings.uidAttribute(), "mail", "cn", "displayName"}, false, false);
            NamingEnumeration<SearchResult> results = context.search(settings.baseDn(), settings.userFilter(username), controls);
            Optional<Entry> found = Optional.empty();
            try {
                while (results.hasMore()) {
                    SearchResult result = results.next();
                    if (found.isPresent()) {
                        LOG.warnf("LDAP: more than one entry has %s=%s; nobody logs in with that name", settings.uidAttribute(), username);
                        return Optional.empty();
                    }
                    found = Optional.of(entry(settings, result));
                }
            } catch (SizeLimitExceededException e) {
                LOG.warnf("LDAP: more than one entry has %s=%s; nobody logs in with that name", settings.uidAttribute(), username);
                return Optional.empty();
            }
            return found;
        } catch (NamingException e) {
            throw unavailable(settings, e);
        } finally {
            close(context);
        }
    }

    private static Entry entry(LdapSettings settings, SearchResult result) throws NamingException {
        Attributes attributes = result.getAttributes();
        String name = first(attributes.get(settings.uidAttribute()));
        String realname = Optional.ofNullable(first(attributes.get("displayName"))).orElse(first(attributes.get("cn")));
        return new Entry(result.getNameInNamespace(), name, first(attributes.get("mail")), realname == null ? "" : realname);
    }

    private static String first(Attribute attribute) throws NamingException {
        return attribute == null || attribute.size() == 0 ? null : String.valueOf(attribute.get(0));
    }

    /** What a search of the directory does on a connection bound as the search account. */
    interface Search<T> {
        T run(DirContext context) throws NamingException;
    }

    /** Runs {@code search} bound as the service account, within ldap_timeout; 503 when the directory cannot answer. */
    <T> T asSearchAccount(LdapSettings settings, Search<T> search) {
        DirContext context = null;
        try {
            context = connect(settings, settings.searchDn(), settings.searchPassword());
            return search.run(context);
        } catch (NamingException e) {
            throw unavailable(settings, e);
        } finally {
            close(context);
        }
    }

    private static DirContext connect(LdapSettings settings, String dn, String password) throws NamingException {
        if (settings.url().isEmpty()) {
            throw HarborException.badRequest("ldap_url is not configured");
        }
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url());
        env.put(Context.REFERRAL, "ignore");
        env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(settings.timeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", Long.toString(settings.timeout().toMillis()));
        env.put("com.sun.jndi.ldap.connect.pool", "false");
        if (dn == null || dn.isEmpty()) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
        }
        return new InitialDirContext(env);
    }

    private static HarborException unavailable(LdapSettings settings, NamingException e) {
        String why = e instanceof AuthenticationException ? "the search account (ldap_search_dn) was refused"
                : "no answer within ldap_timeout (" + settings.timeout().toSeconds() + " s) or the connection failed";
        LOG.warnf("LDAP %s: %s: %s", settings.url(), why, e.toString());
        return new HarborException(503, "SERVICE_UNAVAILABLE", "the LDAP server " + settings.url() + " cannot be used: " + why);
    }

    private static void close(DirContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException e) {
                LOG.debugf("LDAP: closing a connection: %s", e);
            }
        }
    }
}
