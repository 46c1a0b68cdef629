package io.berth.core.ldap;

import io.berth.common.client.TrustEverything;
import io.berth.common.tls.TrustedCertificates;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS of {@code ldaps://} and StartTLS: which server certificates are trusted. With {@code ldap_verify_cert} on,
 * those issued by the CAs of {@code ldap_ca_certificate} (PEM) or, when it is empty, by the JVM's default CAs, and
 * the host name must be in the certificate; off, any certificate and any name (the connection is encrypted but the
 * server is not authenticated).
 */
final class LdapTls {
    /** The factory of the last settings: one SSLContext, so that its TLS sessions are resumed by the next connections. */
    private static volatile Made last;

    private record Made(boolean verifyCert, String caCertificate, SSLSocketFactory factory) {}

    private LdapTls() {}

    /** The socket factory of a connection with these settings. */
    static SSLSocketFactory socketFactory(LdapSettings settings) {
        Made made = last;
        if (made == null || made.verifyCert() != settings.verifyCert() || !made.caCertificate().equals(settings.caCertificate())) {
            made = new Made(settings.verifyCert(), settings.caCertificate(), make(settings));
            last = made;
        }
        return made.factory();
    }

    private static SSLSocketFactory make(LdapSettings settings) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {settings.verifyCert() ? TrustedCertificates.trustManager(settings.caCertificate())
                    : TrustEverything.manager()}, null);
            return new NoDelay(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("LDAP: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Sockets with TCP_NODELAY: a TLS handshake is a few small writes each way, and Nagle's algorithm against the
     * peer's delayed ACKs made every ldaps:// or StartTLS connection ~40 ms slower (a login, two connections, against
     * the tests' slapd: median 112 ms over ldaps:// and 107 ms over StartTLS without it, 30 and 28 ms with it; plain 3 ms).
     */
    private static final class NoDelay extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        NoDelay(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket noDelay(Socket socket) throws java.io.IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket() throws java.io.IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws java.io.IOException {
            noDelay(plain); // StartTLS: the connection JNDI opened
            return noDelay(delegate.createSocket(plain, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            return noDelay(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            return noDelay(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }

}
