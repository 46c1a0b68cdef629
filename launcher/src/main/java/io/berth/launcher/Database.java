package io.berth.launcher;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Makes sure Berth's database and role exist on a PostgreSQL server before the services start. */
final class Database {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Database() {}

    /**
     * Connects as {@code user}; if the database is missing it is created, and if the role is missing
     * too it is created through the {@code postgres} superuser where the server lets us in (local trust).
     */
    static void ensure(String url, String user, String password) {
        URI uri = URI.create(url);
        String name = uri.getPath().replaceFirst("^/", "");
        String server = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432) + "/";
        try (Connection ignored = DriverManager.getConnection(server + name, user, password)) {
            return;
        } catch (SQLException first) {
            if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(user).matches()) {
                throw new LaunchException("berth.database.url: cannot connect to " + url + ": " + first.getMessage());
            }
            create(server, name, user, password, first);
        }
    }

    private static void create(String server, String name, String user, String password, SQLException why) {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            return;
        } catch (SQLException asUser) {
            // no such role, or it may not create databases: try the superuser
        }
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement st = c.createStatement()) {
            var role = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?");
            role.setString(1, user);
            if (!role.executeQuery().next()) {
                st.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            var db = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            db.setString(1, name);
            if (!db.executeQuery().next()) {
                st.execute("CREATE DATABASE " + name + " OWNER " + user);
            }
        } catch (SQLException asSuperuser) {
            throw new LaunchException("berth.database.url: cannot use database '" + name + "' as '" + user + "': "
                    + why.getMessage() + " (and could not create it: " + asSuperuser.getMessage() + ")");
        }
        try (Connection ignored = DriverManager.getConnection(server + name, user, password)) {
            // created and reachable
        } catch (SQLException e) {
            throw new LaunchException("berth.database.url: created database '" + name + "' but cannot connect: " + e.getMessage());
        }
    }
}
