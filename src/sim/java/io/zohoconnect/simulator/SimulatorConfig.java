package io.zohoconnect.simulator;

import java.util.Objects;

/**
 * What a simulator is started with: where it listens, the registered app, and the settings that
 * {@code POST /_sim/reset} returns to.
 *
 * @param bindAddress interface to listen on; loopback by default, the simulator has no security
 * @param port        0 = any free port (see {@link ZohoSimulator#port()})
 * @param threads     size of the request pool; benchmarks run hundreds of requests at once
 */
public record SimulatorConfig(String bindAddress, int port, int threads, RegisteredApp app, SimSettings defaults) {

    public static final String LOOPBACK = "127.0.0.1";

    public SimulatorConfig {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress.trim();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("zoho.simulator.port must be 0..65535");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("zoho.simulator.threads must be at least 1");
        }
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(defaults, "defaults");
    }

    /** Loopback on a free port with Zoho's default limits: what the simulator's own tests start. */
    public static SimulatorConfig onFreePort(RegisteredApp app) {
        return new SimulatorConfig(LOOPBACK, 0, 64, app, SimSettings.defaults());
    }

    /** The host written into the URLs the simulator hands out (redirects, api_domain). */
    public String publicHost() {
        return publicHost(bindAddress);
    }

    /** A wildcard bind address is not a host a client can call: it stands for loopback then. */
    static String publicHost(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank() || bindAddress.equals("0.0.0.0")
                || bindAddress.equals("::") || bindAddress.equals("[::]")) {
            return LOOPBACK;
        }
        return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
    }
}
