package io.berth.registry.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A small real TCP proxy in front of a registry that breaks off every connection whose answers pass {@code limit}
 * bytes: an upstream that cuts a large transfer midway, as a flaky network or a crashing registry does. Smaller
 * answers (logins, manifests) pass whole.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final long limit;

    CuttingProxy(int target, long limit) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.limit = limit;
        daemon(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                daemon(() -> copy(client, upstream, Long.MAX_VALUE));
                daemon(() -> copy(upstream, client, limit));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void copy(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[16 << 10];
        long sent = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                int allowed = (int) Math.min(n, limit - sent);
                out.write(buffer, 0, allowed);
                sent += allowed;
                if (sent >= limit) {
                    break; // cut: both sockets close mid-answer
                }
            }
        } catch (IOException ended) {
            // one side went away
        } finally {
            close(from);
            close(to);
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "cutting-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
