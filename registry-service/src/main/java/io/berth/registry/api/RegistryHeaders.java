package io.berth.registry.api;

/** Response headers of the Distribution API. */
public final class RegistryHeaders {
    public static final String API_VERSION = "Docker-Distribution-API-Version";
    public static final String API_VERSION_VALUE = "registry/2.0";
    public static final String CONTENT_DIGEST = "Docker-Content-Digest";
    public static final String UPLOAD_UUID = "Docker-Upload-UUID";
    public static final String OCI_SUBJECT = "OCI-Subject";
    public static final String OCI_TAG = "OCI-Tag";
    public static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";

    private RegistryHeaders() {}
}
