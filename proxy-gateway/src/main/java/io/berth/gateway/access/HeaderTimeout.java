package io.berth.gateway.access;

import io.berth.common.config.GatewayConfig;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A request's head must arrive whole within {@code gateway.header_timeout} of its first byte, or the
 * connection is closed: a client sending its headers a byte at a time (slowloris) no longer holds a
 * connection for as long as the idle timeout lets bytes trickle. Quarkus builds the connections of the
 * public port without a hook for this, so the gateway adds one to its listening socket: each accepted
 * connection gets a first handler that starts the clock when bytes arrive while no request is under
 * way, and the request's head, once Vert.x has parsed it, stops it; the clock starts again with the
 * first bytes after the answer. (For TLS the clock includes the handshake; over HTTP/2 it covers the
 * connection until its first request.) The listening socket is found through the first request it
 * serves, and the gateway sends itself a few at start so that it is found before any client comes.
 */
@ApplicationScoped
public class HeaderTimeout {
    private static final Logger LOG = Logger.getLogger(HeaderTimeout.class);
    static final String NAME = "berth-header-timeout";
    /** What the gateway asks itself at start (left out of the access log). */
    static final String PROBE_PATH = "/q/berth-header-timeout-probe";

    /**
     * Static, as the handlers put on listening sockets: in tests Quarkus restarts the application around the
     * same server, whose sockets keep the handlers of the first start; they read the current setting.
     */
    private static volatile long timeoutMillis;
    private static final Set<Channel> LISTENING = ConcurrentHashMap.newKeySet();
    /** Probes of the last round not answered yet (-1 before it starts). */
    private static final java.util.concurrent.atomic.AtomicInteger LAST_ROUND_PENDING =
            new java.util.concurrent.atomic.AtomicInteger(-1);
    private final Vertx vertx;
    private final java.util.concurrent.atomic.AtomicBoolean probed = new java.util.concurrent.atomic.AtomicBoolean();

    HeaderTimeout(GatewayConfig config, Vertx vertx) {
        timeoutMillis = config.headerTimeout().toMillis();
        this.vertx = vertx;
    }

    void register(@Observes Filters filters) {
        // before every other filter: the head has arrived whatever the rest does with the request
        filters.register(this::headArrived, 30_000);
    }

    /**
     * Sends the gateway a few requests of its own once it listens, so that its listening sockets are known before
     * any client connects (several when the port is bound once per event loop).
     */
    void onListening(@ObservesAsync HttpServerStart start) {
        if (timeoutMillis <= 0 || !probed.compareAndSet(false, true)) {
            return; // once: the event comes from each event loop's server, and the rounds below reach them all
        }
        LAST_ROUND_PENDING.set(-1);
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        // With SO_REUSEPORT each event loop has a listening socket of its own, and the kernel picks one per
        // connection by its addresses: 16 connections in each of three rounds reach every one of them.
        // A probe of the first rounds may fail while the other event loops are still binding (NotYetConnected):
        // only a failure of the last round says the gateway cannot reach itself.
        long[] delays = {1, 500, 2000};
        for (int round = 0; round < delays.length; round++) {
            boolean last = round == delays.length - 1;
            vertx.setTimer(delays[round], id -> {
                int port = boundPort(start);
                if (port <= 0) {
                    LOG.debugf("the gateway's port is not known yet (probe round skipped)");
                    return;
                }
                if (last) {
                    LAST_ROUND_PENDING.set(16);
                }
                for (int i = 0; i < 16; i++) {
                    client.request(HttpMethod.GET, port, "127.0.0.1", PROBE_PATH)
                            .compose(request -> request.send().compose(response -> response.body()))
                            .onFailure(e -> {
                                if (last) {
                                    LOG.warnf("the gateway could not reach itself on port %d to watch request heads: %s", port,
                                            e.getMessage());
                                } else {
                                    LOG.debugf("an early probe of port %d failed (tried again): %s", port, e.getMessage());
                                }
                            })
                            .onComplete(done -> {
                                if (last) {
                                    LAST_ROUND_PENDING.decrementAndGet();
                                }
                            });
                }
            });
        }
    }

    /**
     * The port bound, read when a round starts: a test's port is chosen when the server binds, and Quarkus records
     * it as a system property only then, possibly after this event (read earlier, the setting still says 0).
     */
    private static int boundPort(HttpServerStart start) {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        Integer recorded = Integer.getInteger(key);
        if (recorded != null && recorded > 0) {
            return recorded;
        }
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).filter(p -> p > 0)
                .orElse(start.options().getPort());
    }

    private void headArrived(RoutingContext rc) {
        if (timeoutMillis > 0 && rc.request().connection() instanceof ConnectionBase connection) {
            Channel channel = connection.channel();
            watchListeningSocketOf(channel);
            if (channel.pipeline().get(NAME) instanceof Clock clock) {
                clock.stop();
                if (rc.request().version() == HttpVersion.HTTP_2) {
                    channel.pipeline().remove(clock); // its streams' heads are frames, not bytes the clock could follow
                } else {
                    rc.addEndHandler(v -> clock.awaitNextHead());
                }
            }
        }
        rc.next();
    }

    /** Whether the gateway's requests to itself have all been answered (tests wait for it before a first connection). */
    public static boolean probesAnswered() {
        return LAST_ROUND_PENDING.get() == 0;
    }

    /** How many listening sockets have been found so far (tests wait for the gateway's own requests to find them). */
    public static int listeningSocketsWatched() {
        return (int) LISTENING.stream().filter(Channel::isActive).count();
    }

    private void watchListeningSocketOf(Channel channel) {
        Channel server = channel.parent();
        while (server != null && server.parent() != null) {
            server = server.parent(); // an HTTP/2 stream's parent is its connection
        }
        if (server != null && LISTENING.add(server) && server.pipeline().get(NAME) == null) {
            server.pipeline().addFirst(NAME, new Acceptor());
            LOG.debugf("request heads must arrive within %d ms on %s", timeoutMillis, server.localAddress());
        }
    }

    /** On the listening socket: gives each accepted connection its clock before Vert.x sets it up. */
    @ChannelHandler.Sharable
    private static final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(NAME, new Clock());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * On a connection: running from the first byte of a head to its parse; the connection is closed if it runs out.
     * It also sees an answer written while no head was parsed: one the HTTP decoder gave itself to a request it
     * refused (400, 414, 431), which no handler saw; it writes that request's access-log line (over plain HTTP,
     * where the answer can be read on the wire).
     */
    private static final class Clock extends ChannelDuplexHandler {
        private ChannelHandlerContext ctx;
        private ScheduledFuture<?> running;
        private boolean inRequest;
        private long headStarted;
        private long bytesIn;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!inRequest) {
                if (headStarted == 0) {
                    headStarted = System.nanoTime();
                    bytesIn = 0;
                }
                bytesIn += msg instanceof ByteBuf bytes ? bytes.readableBytes() : 0;
                if (running == null && timeoutMillis > 0) {
                    running = ctx.executor().schedule(this::expired, timeoutMillis, TimeUnit.MILLISECONDS);
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!inRequest && headStarted != 0 && msg instanceof ByteBuf bytes && bytes.readableBytes() >= 12
                    && bytes.toString(bytes.readerIndex(), 7, StandardCharsets.US_ASCII).equals("HTTP/1.")) {
                String status = bytes.toString(bytes.readerIndex() + 9, 3, StandardCharsets.US_ASCII);
                if (status.matches("[1-5]\\d\\d")) {
                    RequestContext.refusedOnTheWire(remote(ctx), Integer.parseInt(status), bytesIn,
                            (System.nanoTime() - headStarted) / 1_000, "refused by the HTTP decoder");
                    headStarted = 0;
                }
            }
            ctx.write(msg, promise);
        }

        private static String remote(ChannelHandlerContext ctx) {
            return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address
                    ? address.getAddress().getHostAddress() : "-";
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        /** The head was parsed (called on the connection's event loop, where Vert.x handles the request). */
        void stop() {
            inRequest = true;
            headStarted = 0;
            cancel();
        }

        /** The answer is out: the next bytes begin the next head. */
        void awaitNextHead() {
            inRequest = false;
        }

        private void expired() {
            running = null;
            if (!inRequest) {
                LOG.debugf("closing %s: no whole request head within %d ms", ctx.channel().remoteAddress(), timeoutMillis);
                RequestContext.refusedOnTheWire(remote(ctx), 408, bytesIn, (System.nanoTime() - headStarted) / 1_000,
                        "head not complete within " + timeoutMillis + " ms, connection closed");
                headStarted = 0; // what the decoder answers to the closed connection is not another request
                ctx.close();
            }
        }

        private void cancel() {
            if (running != null) {
                running.cancel(false);
                running = null;
            }
        }
    }
}
