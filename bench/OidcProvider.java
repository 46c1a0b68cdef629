import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * An OpenID provider for token-bench.sh: navikt's mock-oauth2-server (core-service's test dependency) with its login
 * page, on 127.0.0.1 and the given port, until killed. Issuer: http://127.0.0.1:PORT/default.
 *   java -cp "$(core-service's test classpath)" bench/OidcProvider.java PORT
 */
public class OidcProvider {
    public static void main(String[] args) throws Exception {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, null, null, true));
        server.start(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0]));
        System.out.println("OIDC provider at " + server.issuerUrl("default"));
        Thread.currentThread().join();
    }
}
