package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenterSettings;
import io.zohoconnect.datacenter.DataCenters;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** How enabling the simulator points the data-center table at it, without beating explicit settings. */
class SimulatorEnvironmentPostProcessorTest {

    private final SimulatorEnvironmentPostProcessor processor = new SimulatorEnvironmentPostProcessor();

    @Test
    void disabledChangesNothing() {
        StandardEnvironment environment = environment(Map.of("zoho.simulator.port", "0"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getPropertySources().contains(SimulatorEnvironmentPostProcessor.DATACENTERS_SOURCE)).isFalse();
        assertThat(environment.getProperty("zoho.datacenters.eu.accounts-url")).isNull();
    }

    @Test
    void everyDcPointsAtTheSimulatorPort() {
        StandardEnvironment environment = environment(Map.of("zoho.simulator.enabled", "true", "zoho.simulator.port", "18089"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("zoho.datacenters.ca.accounts-url")).isEqualTo("http://127.0.0.1:18089/ca/accounts");
        assertThat(environment.getProperty("zoho.datacenters.ca.api-domain")).isEqualTo("http://127.0.0.1:18089/ca/api");
        assertThat(environment.getProperty("zoho.datacenters.sa.sandbox-api-domain")).isEqualTo("http://127.0.0.1:18089/sa/sandbox-api");
        assertThat(environment.getProperty("zoho.datacenters.us.developer-api-domain"))
                .isEqualTo("http://127.0.0.1:18089/us/developer-api");
    }

    @Test
    void portZeroBecomesOneFreePortSeenEverywhere() {
        StandardEnvironment environment = environment(Map.of("zoho.simulator.enabled", "true", "zoho.simulator.port", "0",
                "demo.link", "http://127.0.0.1:${zoho.simulator.port}/_sim/counters"));

        processor.postProcessEnvironment(environment, null);

        int port = environment.getProperty("zoho.simulator.port", Integer.class);
        assertThat(port).isPositive();
        assertThat(environment.getProperty("demo.link")).isEqualTo("http://127.0.0.1:" + port + "/_sim/counters");
        assertThat(environment.getProperty("zoho.datacenters.eu.accounts-url")).isEqualTo("http://127.0.0.1:" + port + "/eu/accounts");
    }

    @Test
    void explicitConfigurationWinsPropertyByProperty() {
        StandardEnvironment environment = environment(Map.of("zoho.simulator.enabled", "true", "zoho.simulator.port", "18089",
                "zoho.datacenters.eu.api-domain", "http://127.0.0.1:9999/custom"));

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("zoho.datacenters.eu.api-domain")).isEqualTo("http://127.0.0.1:9999/custom");
        assertThat(environment.getProperty("zoho.datacenters.eu.accounts-url")).isEqualTo("http://127.0.0.1:18089/eu/accounts");
    }

    @Test
    void theDataCenterTableAcceptsTheSimulatorUrls() {
        // application.yml says "datacenters: {}", which YAML flattens to an empty value
        StandardEnvironment environment = environment(Map.of("zoho.simulator.enabled", "true", "zoho.simulator.port", "18089",
                "zoho.datacenters", ""));

        processor.postProcessEnvironment(environment, null);
        Map<String, DataCenterSettings> bound = Binder.get(environment)
                .bind("zoho.datacenters", Bindable.mapOf(String.class, DataCenterSettings.class)).get();
        DataCenters table = new DataCenters(bound);

        DataCenter ca = table.require("ca");
        assertThat(ca.accountsUrl()).isEqualTo("http://127.0.0.1:18089/ca/accounts");
        assertThat(table.byAccountsServer("http://127.0.0.1:18089/eu/accounts")).map(DataCenter::code).hasValue("eu");
        assertThat(table.all()).allSatisfy(dc -> assertThat(dc.accountsUrl()).startsWith("http://127.0.0.1:18089/"));
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
