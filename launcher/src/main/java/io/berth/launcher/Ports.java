package io.berth.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

final class Ports {
    private Ports() {}

    /** Whether something accepts TCP connections at host:port within a second. */
    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Host and port of a postgresql:// or redis:// URL. */
    static boolean urlAnswers(String url, int defaultPort) {
        URI uri = URI.create(url);
        return answers(uri.getHost() == null ? "127.0.0.1" : uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort);
    }

    /** {@code preferred} if nothing listens there, else any free port. */
    static int free(int preferred) {
        try (ServerSocket s = new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new LaunchException("no free port: " + e.getMessage());
            }
        }
    }
}
