package io.zohoconnect.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho simulator: one JDK HTTP server serving every DC under its own path —
 * {@code /{dc}/accounts}, {@code /{dc}/api}, {@code /{dc}/sandbox-api}, {@code /{dc}/developer-api} —
 * and the {@code /_sim} control API. Usable without Spring: {@code new ZohoSimulator(config, clock).start()}.
 */
public final class ZohoSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZohoSimulator.class);
    /** How often Bulk Read jobs are looked at, so a job completed by the clock calls back without a poll. */
    private static final Duration JOB_CLOCK = Duration.ofMillis(200);
    /** Pending connections the OS may queue: benchmarks open many at once. */
    private static final int BACKLOG = 1024;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add ~40 ms to every response. Read once, when the JDK server
        // classes load; only JDK HttpServer instances (i.e. this simulator) are affected.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig config;
    private final SimState state;
    private final ObjectMapper json = new ObjectMapper();
    private final SimAccounts accounts;
    private final SimCrmApi crm;
    private final SimControl control;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private boolean stoppedOnce;

    public ZohoSimulator(SimulatorConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.state = new SimState(config, Objects.requireNonNull(clock, "clock"), json);
        this.accounts = new SimAccounts(state);
        this.crm = new SimCrmApi(state, json);
        this.control = new SimControl(state, json);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer http = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), BACKLOG);
            executor = newExecutor(config.threads());
            http.setExecutor(executor);
            http.createContext("/", this::serve);
            http.start();
            server = http;
            OutboundCallbacks callbacks = stoppedOnce ? state.renewCallbacks() : state.callbacks();
            callbacks.every(JOB_CLOCK, this::tickBulkJobs);
        } catch (IOException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            throw new UncheckedIOException("the Zoho simulator could not listen on " + config.bindAddress() + ":"
                    + config.port() + " (zoho.simulator.port)", e);
        }
        state.bound(server.getAddress().getPort());
        log.info("Zoho simulator listening on {} ({dc}/accounts, {dc}/api, {dc}/sandbox-api, {dc}/developer-api; "
                + "control API /_sim)", state.baseUrl());
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            log.warn("The Zoho simulator is bound to {}, not loopback: it has no security of any kind",
                    config.bindAddress());
        }
    }

    /** Stops at once: held requests (timeout faults, latency) are interrupted. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        state.callbacks().close();
        stoppedOnce = true;
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        log.info("Zoho simulator stopped");
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port listened on; with port 0 configured, the one chosen at start. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the Zoho simulator is not running");
        }
        return server.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:8089}. */
    public String baseUrl() {
        return state.baseUrl();
    }

    /** The accounts server of a simulated DC, e.g. {@code http://127.0.0.1:8089/eu/accounts}. */
    public String accountsUrl(String dc) {
        return state.accountsUrl(dc);
    }

    /** The CRM API domain of a simulated DC's org in an environment (production, sandbox, developer). */
    public String apiDomain(String dc, String environment) {
        ApiEnvironment env = ApiEnvironment.valueOf(environment.toUpperCase(Locale.ROOT));
        return state.baseUrl() + "/" + dc + "/" + env.pathSegment();
    }

    /** Same as {@code GET /_sim/counters}, for in-process callers. */
    public Map<String, Object> counters() {
        return state.counters().snapshot();
    }

    /** Same as {@code POST /_sim/reset}. */
    public void reset() {
        state.reset();
    }

    private void tickBulkJobs() {
        try {
            crm.tickBulkJobs();
        } catch (RuntimeException e) {
            // a failed tick must not stop the job clock
            log.warn("Zoho simulator: Bulk Read job clock failed: {}", e.getClass().getSimpleName());
        }
    }

    private void serve(HttpExchange http) {
        SimExchange exchange = new SimExchange(http, json);
        try {
            route(exchange);
            if (!exchange.answered()) {
                exchange.json(500, Map.of("error", "simulator_error"));
            }
        } catch (Exception e) {
            // the path only: query strings and bodies carry codes and secrets
            log.warn("Zoho simulator failed on {} {}: {}", exchange.method(), exchange.path(), e.getClass().getSimpleName());
            if (!exchange.answered()) {
                try {
                    exchange.json(500, Map.of("error", "simulator_error"));
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void route(SimExchange exchange) throws IOException {
        String[] segments = exchange.path().split("/", 4);
        String first = segments.length > 1 ? segments[1] : "";
        String second = segments.length > 2 ? segments[2] : "";
        String rest = segments.length > 3 ? "/" + segments[3] : "";
        if (first.equals("_sim")) {
            control.handle(exchange, "/" + second + rest);
            return;
        }
        if (!SimSettings.DC_CODE.matcher(first).matches()) {
            exchange.json(404, Map.of("error", "not a simulated Zoho URL: use /{dc}/accounts, /{dc}/api or /_sim"));
            return;
        }
        state.counters().request(first);
        state.requests().record(first, exchange);
        if (second.equals("accounts")) {
            accounts.handle(exchange, first, rest);
            return;
        }
        ApiEnvironment environment = ApiEnvironment.bySegment(second).orElse(null);
        if (environment != null) {
            crm.handle(exchange, first, environment, rest);
            return;
        }
        exchange.json(404, SimCrmApi.error("INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"));
    }

    private static ThreadPoolExecutor newExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "zoho-sim-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // idle threads go away: the demo profile keeps the simulator running for hours
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
