// Benchmark helper, run as a single-file program on registry-service's classpath:
//   java -cp "registry-service/target/quarkus-app/lib/main/*" bench/Token.java generate <key> <cert>
//   java -cp "…" bench/Token.java mint <key> <cert> <issuer> <service> <repository>...
// Prints a registry token granting pull, push and delete on the repositories (what core-service will issue).
import io.berth.common.token.TokenKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

public class Token {
    public static void main(String[] args) throws Exception {
        Path key = Path.of(args[1]);
        Path cert = Path.of(args[2]);
        if (args[0].equals("generate")) {
            TokenKeys.generateIfMissing(key, cert, "berth-bench");
            return;
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(args[3]);
        claims.setAudience(args[4]);
        claims.setSubject("bench");
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now - 5));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 3 * 3600));
        claims.setGeneratedJwtId();
        List<Map<String, Object>> access = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            access.add(Map.of("type", "repository", "name", args[i], "actions", List.of("pull", "push", "delete")));
        }
        claims.setClaim("access", access);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(TokenKeys.readPrivateKey(key));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(TokenKeys.keyId(CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(cert)).getPublicKey()));
        System.out.println(jws.getCompactSerialization());
    }
}
