package io.zohoconnect.bench;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import io.zohoconnect.simulator.RegisteredApp;
import io.zohoconnect.simulator.SimSettings;
import io.zohoconnect.simulator.SimulatorConfig;
import io.zohoconnect.simulator.ZohoSimulator;

/**
 * The Zoho simulator in a JVM of its own, so that a benchmark measures the service's CPU alone.
 * Prints {@code port=<n>} once listening; stops when its standard input closes.
 * Args: clientId clientSecret redirectUri tokenLatencyMillis.
 */
public final class SimulatorProcess {

    private SimulatorProcess() {
    }

    public static void main(String[] args) throws IOException {
        // no per-client or per-user caps, a user of its own per process, and codes that outlive the
        // preparation of a load run (thousands of consents made before the load starts, slower on a busy machine)
        SimSettings settings = new SimSettings(true, null, "bench-" + ProcessHandle.current().pid() + "@example.com", 3600,
                900, Long.parseLong(args[3]), false, false, Map.of(), 200, 0, 0, 15, 1_000_000, 0, 0);
        try (ZohoSimulator simulator = new ZohoSimulator(new SimulatorConfig(SimulatorConfig.LOOPBACK, 0, 256,
                new RegisteredApp(args[0], args[1], args[2]), settings), Clock.systemUTC())) {
            simulator.start();
            System.out.println("port=" + simulator.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }
}
