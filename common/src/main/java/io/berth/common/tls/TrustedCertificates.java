package io.berth.common.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificate authorities given as PEM text (an operator's setting such as Harbor's
 * {@code http_authproxy_server_certificate}), and the TLS client context that trusts exactly them.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /** The X.509 certificates of a PEM text (one or more {@code BEGIN CERTIFICATE} blocks); IllegalArgumentException if there are none or one is broken. */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) in the text");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in the text");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a PEM certificate cannot be read: " + e.getMessage(), e);
        }
    }

    /** A TLS client context that trusts the certificates of {@code pem} and nothing else. */
    public static SSLContext clientContext(String pem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager(pem)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** A trust manager of the certificates of {@code pem} and nothing else; a blank text: the JVM's default CAs. */
    public static javax.net.ssl.TrustManager trustManager(String pem) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (pem == null || pem.isBlank()) {
                trust.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate certificate : parse(pem)) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                trust.init(store);
            }
            return trust.getTrustManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a TLS trust manager: " + e.getMessage(), e);
        }
    }
}
