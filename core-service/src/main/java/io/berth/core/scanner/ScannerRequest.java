package io.berth.core.scanner;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code POST /scanners} and {@code PUT /scanners/{id}} (Harbor's ScannerRegistrationReq) and {@code POST /scanners/ping}
 * (ScannerRegistrationSettings) send. Harbor spells the certificate switch {@code skip_certVerify}; {@code skip_cert_verify}
 * is read too. A field left out of an update changes nothing.
 */
public record ScannerRequest(String name, String description, String url, String auth, String accessCredential,
        @JsonProperty("skip_certVerify") @JsonAlias("skip_cert_verify") Boolean skipCertVerify, Boolean useInternalAddr, Boolean disabled) {}
