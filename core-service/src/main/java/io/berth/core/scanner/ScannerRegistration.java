package io.berth.core.scanner;

import io.berth.core.persistence.TimestampedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A scanner adapter Berth calls (Harbor's scanner registration); known to the API by {@code uuid}, its credential kept sealed. */
@Entity
@Table(name = "scanner_registration")
public class ScannerRegistration extends TimestampedEntity {
    public String uuid;
    public String name;
    public String description = "";
    public String url;
    /** Harbor's auth value: "", Basic, Bearer or X-ScannerAdapter-API-Key. */
    public String auth = "";

    @Column(name = "access_credential")
    public String sealedCredential;

    @Column(name = "skip_cert_verify")
    public boolean skipCertVerify;

    @Column(name = "use_internal_addr")
    public boolean useInternalAddr;

    public boolean disabled;

    @Column(name = "is_default")
    public boolean isDefault;

    public static ScannerRegistration byUuid(String uuid) {
        return find("uuid", uuid).firstResult();
    }

    /** The system default registration, or null. */
    public static ScannerRegistration defaultOne() {
        return find("isDefault", true).firstResult();
    }

    /** A detached copy, to try changes on without storing them. */
    ScannerRegistration copy() {
        ScannerRegistration copy = new ScannerRegistration();
        copy.id = id;
        copy.uuid = uuid;
        copy.name = name;
        copy.description = description;
        copy.url = url;
        copy.auth = auth;
        copy.sealedCredential = sealedCredential;
        copy.skipCertVerify = skipCertVerify;
        copy.useInternalAddr = useInternalAddr;
        copy.disabled = disabled;
        copy.isDefault = isDefault;
        return copy;
    }
}
