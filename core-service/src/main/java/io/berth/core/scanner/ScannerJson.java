package io.berth.core.scanner;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.scan.ScannerAuth;
import java.time.OffsetDateTime;

/**
 * Harbor's ScannerRegistration as answered: the credential masked ({@value ScannerService#MASK}) when there is one,
 * {@code health} only where Berth asked the adapter ({@code healthy} or {@code unhealthy}), and the scanner's name, vendor
 * and version ({@code adapter}, {@code vendor}, {@code version}) when its metadata was read.
 */
public record ScannerJson(String uuid, String name, String description, String url, boolean disabled, boolean isDefault, String auth,
        String accessCredential, @JsonProperty("skip_certVerify") boolean skipCertVerify, boolean useInternalAddr, OffsetDateTime createTime,
        OffsetDateTime updateTime, String adapter, String vendor, String version, String health) {

    static ScannerJson of(ScannerRegistration r) {
        return new ScannerJson(r.uuid, r.name, r.description, r.url, r.disabled, r.isDefault, ScannerAuth.of(r.auth).harborName(),
                r.sealedCredential == null ? null : ScannerService.MASK, r.skipCertVerify, r.useInternalAddr, r.creationTime, r.updateTime,
                null, null, null, null);
    }

    ScannerJson withHealth(String adapter, String vendor, String version, String health) {
        return new ScannerJson(uuid, name, description, url, disabled, isDefault, auth, accessCredential, skipCertVerify, useInternalAddr,
                createTime, updateTime, adapter, vendor, version, health);
    }
}
