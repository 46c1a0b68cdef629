package io.berth.jobs.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.jobs.secrets.SealedSecrets;
import io.berth.jobs.tokens.LocalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients of the registries a policy names: a registry endpoint of core ({@code core.registry_view},
 * credentials sealed with the shared secret key), or — for a null id — this Berth's own
 * registry-service, reached directly with tokens signed by the shared token key.
 */
@ApplicationScoped
public class Endpoints {
    static final String REPLICATOR = "replicator";

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final SealedSecrets secrets;
    private volatile OciClient local;
    private final Map<Long, OciClient> remotes = new ConcurrentHashMap<>();
    private final LocalTokens localTokens;

    Endpoints(AgroalDataSource db, ObjectMapper json,
            LocalTokens localTokens, SealedSecrets secrets) {
        this.secrets = secrets;
        this.db = db;
        this.json = json;
        this.localTokens = localTokens;
    }

    /** The repositories a registry lets this policy's account list: Harbor's API for Berth and Harbor, the catalog otherwise. */
    public List<String> repositories(Long registryId) throws IOException {
        OciClient client = client(registryId);
        if (registryId != null && List.of("berth", "harbor").contains(type(registryId))) {
            return new HarborLister(client.endpoint(), client.http(), json).repositories();
        }
        return client.catalog();
    }

    /**
     * The names of the labels an artifact (by tag or digest) carries in a registry: this Berth's from
     * core's {@code artifact_label_view}, a Berth's or Harbor's through its API; other registries have none.
     */
    public Set<String> labels(Long registryId, String repository, String reference) throws IOException {
        if (registryId != null) {
            if (!List.of("berth", "harbor").contains(type(registryId))) {
                return Set.of();
            }
            OciClient remote = client(registryId); // reads the endpoint and decrypts its secret: once per artifact
            return new HarborLister(remote.endpoint(), remote.http(), json).labels(repository, reference);
        }
        // one query, no call to registry-service: a tag is resolved through registry-service's tag_view
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT l.name FROM core.artifact_label_view l WHERE l.repository = ? AND l.digest = coalesce("
                        + "(SELECT t.digest FROM registry.tag_view t WHERE t.repository = ? AND t.name = ?), ?)")) {
            st.setString(1, repository);
            st.setString(2, repository);
            st.setString(3, reference);
            st.setString(4, reference);
            Set<String> names = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IOException("cannot read the labels of " + repository + ":" + reference + ": " + e.getMessage(), e);
        }
    }

    private String type(long registryId) throws IOException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT type FROM core.registry_view WHERE id = ?")) {
            st.setLong(1, registryId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read registry endpoint " + registryId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client of a registry, kept while its endpoint is unchanged: tasks to the same registry share
     * its connections and the tokens it already holds.
     */
    public OciClient client(Long registryId) throws IOException {
        if (registryId == null) {
            if (local == null) {
                local = localTokens.localRegistry(REPLICATOR);
            }
            return local;
        }
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT url, access_key, access_secret, insecure FROM core.registry_view WHERE id = ?")) {
            st.setLong(1, registryId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("registry endpoint " + registryId + " no longer exists");
                }
                String secret = rs.getString(3) == null ? null : secrets.open(rs.getString(3));
                RegistryEndpoint endpoint = new RegistryEndpoint(URI.create(rs.getString(1)), rs.getString(2), secret, rs.getBoolean(4));
                OciClient cached = remotes.get(registryId);
                if (cached == null || !cached.endpoint().equals(endpoint)) {
                    cached = new OciClient(endpoint);
                    remotes.put(registryId, cached);
                }
                return cached;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read registry endpoint " + registryId + ": " + e.getMessage(), e);
        }
    }
}
