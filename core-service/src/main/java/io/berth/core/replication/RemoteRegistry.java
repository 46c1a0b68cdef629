package io.berth.core.replication;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A registry Berth replicates to or from (Harbor's "registry endpoint"); its secret is kept sealed. */
@Entity
@Table(name = "registry")
public class RemoteRegistry extends TimestampedEntity {
    public String name;
    public String type;
    public String url;

    @Column(name = "access_key")
    public String accessKey;

    @Column(name = "access_secret")
    public String sealedSecret;

    public boolean insecure;
    public String description = "";

    /** A detached copy, to try changes on without storing them. */
    RemoteRegistry copy() {
        RemoteRegistry copy = new RemoteRegistry();
        copy.id = id;
        copy.name = name;
        copy.type = type;
        copy.url = url;
        copy.accessKey = accessKey;
        copy.sealedSecret = sealedSecret;
        copy.insecure = insecure;
        copy.description = description;
        return copy;
    }
}
