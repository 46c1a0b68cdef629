package io.berth.core.ldap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory JNDI is told to use for {@code ldaps://} ({@code java.naming.ldap.factory.socket}). JNDI takes a
 * class name and calls its static {@link #getDefault()} on the thread that opens the connection, so the settings'
 * factory ({@link LdapTls}) is handed over in a thread-local around that call ({@link #using}).
 */
public final class LdapsSocketFactory extends SocketFactory {
    private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

    private final SSLSocketFactory delegate;

    private LdapsSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** What JNDI calls. */
    public static SocketFactory getDefault() {
        SSLSocketFactory current = CURRENT.get();
        if (current == null) {
            throw new IllegalStateException("LdapsSocketFactory used outside LdapDirectory's connect");
        }
        return new LdapsSocketFactory(current);
    }

    /** Runs {@code connect} with {@code factory} as the one {@link #getDefault()} answers on this thread. */
    static <T, E extends Exception> T using(SSLSocketFactory factory, Connect<T, E> connect) throws E {
        CURRENT.set(factory);
        try {
            return connect.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** A connection attempt. */
    interface Connect<T, E extends Exception> {
        T run() throws E;
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
