package io.berth.gateway.proxy;

import java.net.URI;

/** A service behind the gateway, and how to write an error in its clients' protocol. */
public record Backend(String name, String host, int port, boolean ssl, ErrorFormat errorFormat) {

    public enum ErrorFormat { OCI, HARBOR }

    public static Backend of(String name, String url, ErrorFormat format) {
        URI uri = URI.create(url);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Backend(name, uri.getHost(), port, ssl, format);
    }
}
