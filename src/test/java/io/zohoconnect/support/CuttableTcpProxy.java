package io.zohoconnect.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port that forwards to a target (PostgreSQL, RabbitMQ) and can play an
 * outage of it: {@link #cut} resets every connection it carries and, until {@link #restore}, resets each
 * new one as soon as it is accepted — what a client sees when the network to its server fails, while the
 * server itself stays untouched (other clients, the test's own, still reach it directly). Stands in for
 * Toxiproxy, which needs Docker.
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private CuttableTcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tcp-proxy-" + listener.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
    }

    /** A proxy to {@code host:port}, listening from now on. */
    public static CuttableTcpProxy to(String host, int port) {
        try {
            return new CuttableTcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loopback port clients connect to instead of the target's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection now and every new one until {@link #restore}. */
    public void cut() {
        cut = true;
        open.forEach(CuttableTcpProxy::reset);
    }

    /** Forwards again: new connections reach the target (the ones cut stay gone, as after a real outage). */
    public void restore() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections accepted so far (forwarded or reset): tells a test that a client tried again. */
    public int accepted() {
        return accepted.get();
    }

    /** Client connections being forwarded right now. */
    public int forwarding() {
        return open.size() / 2;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(CuttableTcpProxy::reset);
        threads.shutdownNow();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (cut) {
                reset(client);
                continue;
            }
            threads.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
        } catch (IOException e) {
            reset(client);
            return;
        }
        open.add(client);
        open.add(server);
        if (cut) { // cut while this one was connecting
            reset(client);
            reset(server);
            return;
        }
        threads.execute(() -> pump(client, server));
        threads.execute(() -> pump(server, client));
    }

    /** Copies one direction until it ends; then the whole connection ends (neither protocol half-closes). */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // reset or closed: end the connection
        } finally {
            close(from);
            close(to);
        }
    }

    /** Closes with RST (linger 0), as a failing network or a refusing firewall does: no orderly goodbye. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
