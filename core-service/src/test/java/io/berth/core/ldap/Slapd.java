package io.berth.core.ldap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenLDAP slapd (Debian's {@code slapd}) of the test's own: its slapd.conf, an mdb database loaded with
 * {@code slapadd} from {@link #LDIF} (groups under {@code ou=groups}; each entry's {@code memberOf} computed by the
 * dynlist overlay from the groups' {@code member}, direct memberships only), listening on a free port of 127.0.0.1; run as {@code nobody} when the test runs
 * as root. Stopped (or paused, to play a slow server) by the test.
 */
public final class Slapd implements AutoCloseable {
    public static final String BASE = "dc=berth,dc=test";
    public static final String SEARCH_DN = "cn=search," + BASE;
    public static final String SEARCH_PASSWORD = "SearchPass1";
    static final String LDIF = """
            dn: dc=berth,dc=test
            objectClass: dcObject
            objectClass: organization
            o: berth
            dc: berth

            dn: ou=people,dc=berth,dc=test
            objectClass: organizationalUnit
            ou: people

            dn: ou=others,dc=berth,dc=test
            objectClass: organizationalUnit
            ou: others

            dn: cn=search,dc=berth,dc=test
            objectClass: organizationalRole
            objectClass: simpleSecurityObject
            cn: search
            userPassword: SearchPass1

            dn: uid=alice,ou=people,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice Liddell
            sn: Liddell
            mail: alice@berth.test
            userPassword: AlicePass1

            dn: uid=bob,ou=people,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob Builder
            sn: Builder
            mail: bob@berth.test
            userPassword: BobPass1

            dn: uid=carol,ou=people,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: carol
            cn: Carol Disabled
            sn: Disabled
            employeeType: disabled
            userPassword: CarolPass1

            dn: uid=twin,ou=people,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: twin
            cn: Twin One
            sn: One
            userPassword: TwinPass1

            dn: uid=twin,ou=others,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: twin
            cn: Twin Two
            sn: Two
            userPassword: TwinPass1

            dn: uid=erin,ou=people,dc=berth,dc=test
            objectClass: inetOrgPerson
            uid: erin
            cn: Erin Admin
            sn: Admin
            userPassword: ErinPass1

            dn: ou=groups,dc=berth,dc=test
            objectClass: organizationalUnit
            ou: groups

            dn: cn=developers,ou=groups,dc=berth,dc=test
            objectClass: groupOfNames
            cn: developers
            member: uid=alice,ou=people,dc=berth,dc=test
            member: uid=carol,ou=people,dc=berth,dc=test
            member: cn=nested,ou=groups,dc=berth,dc=test

            dn: cn=nested,ou=groups,dc=berth,dc=test
            objectClass: groupOfNames
            cn: nested
            member: uid=bob,ou=people,dc=berth,dc=test

            dn: cn=registry-admins,ou=groups,dc=berth,dc=test
            objectClass: groupOfNames
            cn: registry-admins
            member: uid=erin,ou=people,dc=berth,dc=test

            dn: cn=not-a-group,ou=others,dc=berth,dc=test
            objectClass: groupOfNames
            cn: not-a-group
            member: uid=alice,ou=people,dc=berth,dc=test
            """;

    private final Path dir;
    private final int port;
    private Process process;

    private Slapd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Slapd start() throws Exception {
        Path dir = Files.createTempDirectory("berth-slapd");
        Files.createDirectories(dir.resolve("db"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema", "include /etc/ldap/schema/nis.schema",
                "include /etc/ldap/schema/dyngroup.schema", "modulepath /usr/lib/ldap", "moduleload back_mdb", "moduleload dynlist", "pidfile " + dir.resolve("slapd.pid"),
                "argsfile " + dir.resolve("slapd.args"), "database mdb", "suffix \"" + BASE + "\"",
                "rootdn \"cn=root," + BASE + "\"", "rootpw RootPass1", "directory " + dir.resolve("db"),
                "overlay dynlist", "dynlist-attrset groupOfNames labeledURI member+memberOf@groupOfNames", ""));
        Files.writeString(dir.resolve("data.ldif"), LDIF);
        run(List.of("/usr/sbin/slapadd", "-f", dir.resolve("slapd.conf").toString(), "-l", dir.resolve("data.ldif").toString()));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        Slapd slapd = new Slapd(dir, port);
        slapd.launch();
        return slapd;
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/slapd", "-d", "0", "-f", dir.resolve("slapd.conf").toString(),
                "-h", url() + "/"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody", "-g", "nogroup"));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("slapd exited: " + Files.readString(dir.resolve("slapd.log")));
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("slapd does not listen on " + url());
    }

    /** SIGSTOP: the server keeps its port but answers nothing, as a hung directory does. */
    public void pause() throws Exception {
        run(List.of("kill", "-STOP", Long.toString(process.pid())));
    }

    public void resume() throws Exception {
        run(List.of("kill", "-CONT", Long.toString(process.pid())));
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            resume();
        }
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
