package io.zohoconnect.support;

import io.zohoconnect.ZohoConnectApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second node of the cluster for tests that need two: the same database, encryption key, client
 * and simulator (JP data center) as the shared test context, its own node id and data dir, no
 * refresh timer, and a short sync lease so a takeover is quick.
 */
public final class OtherNode {

    private OtherNode() {
    }

    /** @param more further {@code --name=value} arguments, e.g. a shorter shutdown grace for a node a test kills */
    public static ConfigurableApplicationContext start(String nodeId, String databaseUrl, String cryptoKey,
            String simulatorBaseUrl, String... more) {
        int port = IntegrationTestPorts.freePort();
        return start(nodeId, databaseUrl, cryptoKey, simulatorBaseUrl, port, "http://localhost:" + port, more);
    }

    /**
     * The same, on {@code port}, with the cluster's {@code zoho.public-url} (every node of a cluster has the
     * same one: Zoho calls the load balancer).
     */
    public static ConfigurableApplicationContext start(String nodeId, String databaseUrl, String cryptoKey,
            String simulatorBaseUrl, int port, String publicUrl, String... more) {
        String[] args = {
                "--server.port=" + port,
                "--zoho.public-url=" + publicUrl,
                "--zoho.notifications.sweep=1s",
                "--spring.datasource.url=" + databaseUrl,
                "--zoho.allow-in-memory-database=true",
                "--spring.flyway.enabled=false",
                "--zoho.node-id=" + nodeId,
                "--camel.main.shutdown-timeout=1",
                "--zoho.client-id=1000.TESTCLIENT",
                "--zoho.client-secret=test-client-secret-7f3a9c",
                "--zoho.redirect-uri=http://localhost:1/oauth/callback",
                "--zoho.admin.api-key=test-admin-key-0123456789abcdef",
                "--zoho.crypto.key=" + cryptoKey,
                "--zoho.data-dir=target/test-data-" + nodeId,
                "--zoho.refresh.scheduler-enabled=false",
                "--zoho.sync.lease-duration=4s",
                "--zoho.examples.contacts-schedule=0 0 0 1 1 ? 2099",
                "--zoho.datacenters.jp.accounts-url=" + simulatorBaseUrl + "/jp/accounts",
                "--zoho.datacenters.jp.api-domain=" + simulatorBaseUrl + "/jp/api"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return new SpringApplicationBuilder(ZohoConnectApplication.class).run(all);
    }
}
