package io.berth.core.replication;

/**
 * What {@code POST /registries} (Harbor's Registry, credentials nested under {@code credential}),
 * {@code PUT /registries/{id}} (RegistryUpdate, flat {@code credential_type}, {@code access_key},
 * {@code access_secret}) and {@code POST /registries/ping} (RegistryPing: {@code id} and the flat fields)
 * send. Both credential forms are read everywhere; a field left out changes nothing.
 */
public record RegistryRequest(Long id, String name, String type, String url, Credential credential, String credentialType,
        String accessKey, String accessSecret, Boolean insecure, String caCertificate, String description) {

    /** Harbor's RegistryCredential; {@code type} is basic (or left out). */
    public record Credential(String type, String accessKey, String accessSecret) {}
}
