package io.zohoconnect.web.security;

import java.util.List;
import java.util.Optional;

import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * zoho.trusted-proxies as an operator sets it: empty by default (nobody's forwarded headers count), a list of CIDRs,
 * refused at start-up naming a bad entry; and Spring Boot's own forwarded-header handling refused beside it.
 */
class TrustedProxiesSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void byDefaultNoAddressIsTrustedNotEvenLoopbackOrPrivateOnes() {
        runner.run(context -> {
            TrustedProxies proxies = context.getBean(TrustedProxies.class);
            assertThat(proxies.trustedProxies()).isEmpty();
            for (String peer : List.of("127.0.0.1", "10.0.0.1", "192.168.1.1", "172.16.0.1", "::1", "fd00::1", "169.254.1.1")) {
                assertThat(proxies.view(peer, List.of("198.51.100.1"), List.of("https"), "443")).as(peer).isEmpty();
            }
        });
    }

    @Test
    void aListOfRangesIsBoundAsAnOperatorWritesIt() {
        runner.withPropertyValues("zoho.trusted-proxies=10.0.0.0/8, 192.0.2.10 ,2001:db8::/32").run(context -> {
            TrustedProxies proxies = context.getBean(TrustedProxies.class);
            assertThat(proxies.trustedProxies()).extracting(AddressRange::toString)
                    .containsExactly("10.0.0.0/8", "192.0.2.10/32", "2001:db8:0:0:0:0:0:0/32");
            assertThat(proxies.view("10.9.8.7", List.of("198.51.100.1"), List.of(), null))
                    .contains(new TrustedProxies.ClientView("198.51.100.1", null, null));
            assertThat(proxies.view("2001:db8:0:0:0:0:0:5", List.of("198.51.100.2, 10.1.1.1"), List.of("https"), null))
                    .contains(new TrustedProxies.ClientView("198.51.100.2", true, 443));
            assertThat(proxies.view("192.0.2.11", List.of("198.51.100.1"), List.of("https"), null)).isEmpty();
        });
        runner.withPropertyValues("zoho.trusted-proxies=").run(context ->
                assertThat(context.getBean(TrustedProxies.class).trustedProxies()).isEmpty());
        runner.withPropertyValues("zoho.trusted-proxies= ,10.0.0.0/8,, ::1 ,").run(context ->
                assertThat(context.getBean(TrustedProxies.class).trustedProxies()).extracting(AddressRange::toString)
                        .containsExactly("10.0.0.0/8", "0:0:0:0:0:0:0:1/128"));
    }

    @Test
    void aBadEntryStopsTheStartNamingItAndWhatToWrite() {
        for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/8,300.1.1.1", "*")) {
            runner.withPropertyValues("zoho.trusted-proxies=" + bad).run(context -> {
                assertThat(context).hasFailed();
                String message = failure(context.getStartupFailure());
                assertThat(message).as(bad).contains("zoho.trusted-proxies").contains("is not an IP address or CIDR range")
                        .contains("10.0.0.0/8");
            });
        }
    }

    @Test
    void theTrustedProxysPortIsTakenOnlyWhenItIsAPort() {
        TrustedProxies proxies = new TrustedProxies(List.of(AddressRange.valueOf("127.0.0.2")));
        assertThat(view(proxies, "8443")).map(TrustedProxies.ClientView::port).contains(8443);
        for (String port : List.of("0", "65536", "-1", "443x", "", " ", "99999999999")) {
            assertThat(view(proxies, port)).as(port).map(TrustedProxies.ClientView::port).contains(443);
        }
    }

    @Test
    void springBootsOwnForwardedHeaderHandlingIsRefused() {
        TrustedProxies proxies = new TrustedProxies(List.of());
        for (ServerProperties.ForwardHeadersStrategy strategy : List.of(ServerProperties.ForwardHeadersStrategy.NATIVE,
                ServerProperties.ForwardHeadersStrategy.FRAMEWORK)) {
            ServerProperties server = new ServerProperties();
            server.setForwardHeadersStrategy(strategy);
            assertThatThrownBy(() -> new WebServerConfiguration().trustedProxies(proxies, server)
                    .customize(new TomcatServletWebServerFactory())).as(strategy.name())
                    .isInstanceOf(WebServerException.class).hasMessageContaining("zoho.trusted-proxies");
        }
        ServerProperties none = new ServerProperties();
        none.setForwardHeadersStrategy(ServerProperties.ForwardHeadersStrategy.NONE);
        TomcatServletWebServerFactory withRemoteIpValve = new TomcatServletWebServerFactory();
        withRemoteIpValve.addEngineValves(new RemoteIpValve()); // what server.tomcat.remoteip.remote-ip-header adds
        assertThatThrownBy(() -> new WebServerConfiguration().trustedProxies(proxies, none).customize(withRemoteIpValve))
                .isInstanceOf(WebServerException.class);

        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new WebServerConfiguration().trustedProxies(proxies, none).customize(factory);
        assertThat(factory.getEngineValves()).singleElement().isInstanceOf(TrustedProxyValve.class);
    }

    private static Optional<TrustedProxies.ClientView> view(TrustedProxies proxies, String port) {
        return proxies.view("127.0.0.2", List.of("198.51.100.1"), List.of("https"), port);
    }

    private static String failure(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TrustedProxies.class)
    static class Settings {
    }
}
