package io.zohoconnect.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code zoho.simulator.enabled=true}, points the data-center table at the simulator before any
 * bean reads it: {@code zoho.datacenters.<dc>.*} for Zoho's eight DCs, as the lowest-precedence
 * source so that explicit configuration still wins. A port of 0 becomes a concrete free port here,
 * so that {@code ${zoho.simulator.port}} resolves to the same number everywhere.
 */
public final class SimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PORT_SOURCE = "zohoSimulatorPort";
    static final String DATACENTERS_SOURCE = "zohoSimulatorDataCenters";
    static final List<String> DCS = ConsentPage.KNOWN_DCS;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("zoho.simulator.enabled", Boolean.class, false)) {
            return;
        }
        String bindAddress = environment.getProperty("zoho.simulator.bind-address", SimulatorConfig.LOOPBACK);
        int port = environment.getProperty("zoho.simulator.port", Integer.class, 8089);
        if (port == 0) {
            port = freePort(bindAddress);
            environment.getPropertySources().addFirst(new MapPropertySource(PORT_SOURCE,
                    Map.of("zoho.simulator.port", port)));
        }
        String base = "http://" + SimulatorConfig.publicHost(bindAddress) + ":" + port;
        Map<String, Object> datacenters = new LinkedHashMap<>();
        for (String dc : DCS) {
            String prefix = "zoho.datacenters." + dc + ".";
            datacenters.put(prefix + "accounts-url", base + "/" + dc + "/accounts");
            datacenters.put(prefix + "api-domain", base + "/" + dc + "/" + ApiEnvironment.PRODUCTION.pathSegment());
            datacenters.put(prefix + "sandbox-api-domain", base + "/" + dc + "/" + ApiEnvironment.SANDBOX.pathSegment());
            datacenters.put(prefix + "developer-api-domain", base + "/" + dc + "/" + ApiEnvironment.DEVELOPER.pathSegment());
        }
        environment.getPropertySources().remove(DATACENTERS_SOURCE);
        environment.getPropertySources().addLast(new MapPropertySource(DATACENTERS_SOURCE, datacenters));
    }

    /** After the config files are loaded: they are what says whether the simulator is enabled. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the Zoho simulator on " + bindAddress, e);
        }
    }
}
