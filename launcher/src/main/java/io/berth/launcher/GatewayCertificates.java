package io.berth.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * HTTPS for {@code ./berth up --tls} (the chart's {@code expose.tls.certSource: auto}): a certificate
 * authority of the deployment's own and a gateway certificate it signed for every name and address
 * clients may use, both made on first start and kept under {@code <data_dir>/tls}. Clients trust
 * {@code ca.crt} (containerd's {@code hosts.toml}, Docker's {@code certs.d}, {@code skopeo --cert-dir}).
 * The CA is kept for good; the gateway certificate is made again, by the same CA, when it no longer
 * names every host or has less than 30 days left, so clients keep trusting it.
 */
final class GatewayCertificates {
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** What browsers accept at most for a server certificate (398 days): the CA is private, but clients are not told. */
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** The files of a made certificate: the CA clients trust, and what the gateway serves. */
    record Issued(Path ca, Path certificate, Path key) {}

    private final Path dir;

    GatewayCertificates(Path dir) {
        this.dir = dir;
    }

    Issued files() {
        return new Issued(dir.resolve("ca.crt"), dir.resolve("gateway.crt"), dir.resolve("gateway.key"));
    }

    /** The CA and a gateway certificate naming {@code hosts} (DNS names or IP addresses), made or kept; says which. */
    Issued ensure(Collection<String> hosts, java.util.function.Consumer<String> report) {
        Issued files = files();
        try {
            Files.createDirectories(dir);
            Path caKey = dir.resolve("ca.key");
            if (!Files.exists(files.ca()) || !Files.exists(caKey)) {
                KeyPair pair = ecKeyPair();
                writeKey(caKey, pair.getPrivate());
                writeCertificates(files.ca(), List.of(authority(pair)));
                report.accept("made a certificate authority for HTTPS: " + files.ca() + " (give it to clients)");
            }
            X509Certificate ca = readCertificate(files.ca());
            PrivateKey caPrivate = readKey(caKey);
            Set<String> wanted = new TreeSet<>(hosts);
            if (Files.exists(files.certificate()) && Files.exists(files.key())) {
                X509Certificate current = readCertificate(files.certificate());
                boolean fresh = current.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
                if (fresh && names(current).containsAll(wanted) && signedBy(current, ca)) {
                    return files;
                }
            }
            KeyPair pair = ecKeyPair();
            X509Certificate certificate = server(pair, wanted, ca, caPrivate);
            writeKey(files.key(), pair.getPrivate());
            writeCertificates(files.certificate(), List.of(certificate, ca));
            report.accept("made the gateway's HTTPS certificate for " + String.join(", ", wanted) + ": " + files.certificate());
            return files;
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new LaunchException("cannot make the HTTPS certificate in " + dir + ": " + e.getMessage());
        }
    }

    /** localhost, this machine's name, {@code extra} and every address of its interfaces (loopback too). */
    static Set<String> localHosts(Collection<String> extra) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost"));
        hosts.addAll(extra);
        try {
            hosts.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException unknown) {
            // a machine without a resolvable name: its addresses still count
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        hosts.add(address.getHostAddress().replaceFirst("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            hosts.add("127.0.0.1");
        }
        return hosts;
    }

    private static X509Certificate authority(KeyPair pair) throws IOException, GeneralSecurityException,
            org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Berth CA " + Long.toHexString(now.toEpochMilli()) + ",O=Berth");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, pair.getPrivate());
    }

    private static X509Certificate server(KeyPair pair, Set<String> hosts, X509Certificate ca, PrivateKey caKey)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(CERTIFICATE_VALIDITY)), new X500Name("CN=" + hosts.iterator().next() + ",O=Berth"), pair.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hosts.stream()
                .map(h -> new GeneralName(isAddress(h) ? GeneralName.iPAddress : GeneralName.dNSName, h)).toArray(GeneralName[]::new)));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    /** The DNS names and IP addresses a certificate is for. */
    static Set<String> names(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new TreeSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> name : alternatives) {
                int type = (Integer) name.get(0);
                if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
                    String value = name.get(1).toString();
                    // the JDK writes IPv6 addresses in full (0:0:0:0:0:0:0:1); compare them as InetAddress does
                    names.add(type == GeneralName.iPAddress ? canonicalAddress(value) : value);
                }
            }
        }
        return names;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static String canonicalAddress(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (IOException e) {
            return address;
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : chain) {
            text.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(file, text);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (var in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file)))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !pem.getType().equals("PRIVATE KEY")) {
                throw new IOException(file + " holds no PKCS#8 PRIVATE KEY");
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
        }
    }
}
