package io.zohoconnect.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.PackageSettings;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.crm.CrmPaths;
import io.zohoconnect.crm.ZohoAuthEnricher;
import io.zohoconnect.datacenter.Environment;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * P1: the zohoAuth warm path against a processor setting the same three headers from constants (target ≤ 1.1×),
 * a bare setHeader, and against Spring
 * Security's {@code AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize()} with an
 * in-memory store (target ≥ 10× faster), in interleaved rounds (see {@link #run()}).
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=ZohoAuthBenchmark [-Dbench.rounds=8] [-Dbench.warmupIterations=5]
 * [-Dbench.iterations=5]}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ZohoAuthBenchmark {

    static final String TOKEN = "1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210";

    private Processor zohoAuth;
    private Processor bareSetHeader;
    private Processor sameHeadersSetHeader;
    private AuthorizedClientServiceOAuth2AuthorizedClientManager springManager;
    private OAuth2AuthorizeRequest springRequest;
    private Exchange exchange;

    @Setup
    public void setUp() throws Exception {
        ZohoProperties properties = properties();
        Connection connection = new Connection("acme", "eu", Environment.PRODUCTION, "https://accounts.zoho.eu",
                "https://www.zohoapis.eu", List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"), new Secret(TOKEN),
                Instant.now().plus(Duration.ofHours(1)), ConnectionStatus.ACTIVE, 0, null, null, Instant.now(),
                Instant.now(), Instant.now(), 1, null);
        // only the first (cold) call reaches the refresher; every measured call is served from the cache
        TokenRefresher refresher = new TokenRefresher(null, null, null, null, null, Clock.systemUTC(),
                PackageSettings.credentials(properties), new NodeIdentity(PackageSettings.connection(properties)), null) {
            @Override
            public Connection freshConnection(String connectionId) {
                return connection;
            }
        };
        zohoAuth = new ZohoAuthEnricher(refresher, new CrmPaths(PackageSettings.zohoApi(properties)));
        String header = "Zoho-oauthtoken " + TOKEN;
        bareSetHeader = e -> e.getMessage().setHeader("Authorization", header);
        // what a route would do with hard-coded credentials: the same headers zohoAuth writes, from constants
        sameHeadersSetHeader = e -> {
            e.getMessage().setHeader("Authorization", header);
            e.getMessage().setHeader(ZohoHeaders.API_DOMAIN, "https://www.zohoapis.eu");
            e.getMessage().setHeader(Exchange.HTTP_URI, "https://www.zohoapis.eu/crm/v8/Leads");
        };

        DefaultCamelContext camel = new DefaultCamelContext();
        exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, "acme");
        exchange.getMessage().setHeader(ZohoHeaders.CRM_PATH, "/crm/v8/Leads");
        zohoAuth.process(exchange);

        ClientRegistration registration = ClientRegistration.withRegistrationId("zoho")
                .clientId("1000.BENCH").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost/oauth/callback")
                .authorizationUri("https://accounts.zoho.eu/oauth/v2/auth")
                .tokenUri("https://accounts.zoho.eu/oauth/v2/token")
                .scope("ZohoCRM.modules.ALL").build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        InMemoryOAuth2AuthorizedClientService clients = new InMemoryOAuth2AuthorizedClientService(registrations);
        TestingAuthenticationToken principal = new TestingAuthenticationToken("acme", null);
        clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, "acme",
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, TOKEN, Instant.now(),
                        Instant.now().plus(Duration.ofHours(1))), new OAuth2RefreshToken("1000.refresh", Instant.now())),
                principal);
        springManager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        springManager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        springRequest = OAuth2AuthorizeRequest.withClientRegistrationId("zoho").principal(principal).build();
    }

    @Benchmark
    public Object zohoAuthWarm() throws Exception {
        zohoAuth.process(exchange);
        return exchange.getMessage().getHeader("Authorization");
    }

    @Benchmark
    public Object bareSetHeader() throws Exception {
        bareSetHeader.process(exchange);
        return exchange.getMessage().getHeader("Authorization");
    }

    @Benchmark
    public Object sameHeadersSetHeader() throws Exception {
        sameHeadersSetHeader.process(exchange);
        return exchange.getMessage().getHeader("Authorization");
    }

    @Benchmark
    public Object springSecurityAuthorize() {
        OAuth2AuthorizedClient client = springManager.authorize(springRequest);
        exchange.getMessage().setHeader("Authorization", "Bearer " + client.getAccessToken().getTokenValue());
        return exchange.getMessage().getHeader("Authorization");
    }

    /**
     * The JUnit entry point the bench profile runs. Each round forks every benchmark once, one JMH run per benchmark, in
     * the order {@link Rounds#order} gives the round (so no side always runs first, or right after Spring Security's);
     * the ratios are taken per round, between forks that ran next to each other. Results in target/bench/zoho-auth.md.
     */
    @Test
    void run() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 8);
        int warmups = Integer.getInteger("bench.warmupIterations", 5);
        int iterations = Integer.getInteger("bench.iterations", 5);
        List<String> sides = List.of("sameHeadersSetHeader", "zohoAuthWarm", "bareSetHeader", "springSecurityAuthorize");
        JmhRounds measured = JmhRounds.run(ZohoAuthBenchmark.class, sides, rounds, warmups, iterations);
        Map<String, List<Double>> score = measured.scores();
        List<String> orders = measured.orders();
        List<Double> zohoAuth = score.get("zohoAuthWarm");
        List<Double> sameHeaders = score.get("sameHeadersSetHeader");
        List<Double> bare = score.get("bareSetHeader");
        List<Double> spring = score.get("springSecurityAuthorize");
        List<Double> overSameHeaders = Rounds.ratios(zohoAuth, sameHeaders);
        List<Double> springOverZohoAuth = Rounds.ratios(spring, zohoAuth);

        BenchReport.Table perRound = new BenchReport.Table("round", "order", "same 3 headers (ns)", "zohoAuth (ns)",
                "1 setHeader (ns)", "Spring Security (ns)", "zohoAuth / same headers", "Spring / zohoAuth");
        for (int round = 0; round < rounds; round++) {
            perRound.row(round + 1, orders.get(round), ns(sameHeaders.get(round)), ns(zohoAuth.get(round)),
                    ns(bare.get(round)), ns(spring.get(round)), String.format("%.2f×", overSameHeaders.get(round)),
                    String.format("%.1f×", springOverZohoAuth.get(round)));
        }
        new BenchReport("P1", "zohoAuth warm path (JMH)")
                .condition(String.format("%d rounds; each round forks every benchmark once (%d × 1 s warm-up, %d × 1 s"
                        + " measured), in the round's order; ratios per round", rounds, warmups, iterations))
                .condition("same 3 headers: a processor writing Authorization, ZohoApiDomain and CamelHttpUri from constants;"
                        + " Spring Security: AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize() on an in-memory store")
                .figure("zohoAuth / the same 3 headers from constants", Rounds.Spread.of(overSameHeaders), "%.2f×", "≤ 1.1×")
                .figure("Spring Security authorize() / zohoAuth", Rounds.Spread.of(springOverZohoAuth), "%.1f×", "≥ 10×")
                .figure("zohoAuth warm", Rounds.Spread.of(zohoAuth), "%.1f ns", null)
                .figure("the same 3 headers from constants", Rounds.Spread.of(sameHeaders), "%.1f ns", null)
                .figure("one setHeader", Rounds.Spread.of(bare), "%.1f ns", null)
                .figure("Spring Security authorize()", Rounds.Spread.of(spring), "%.1f ns", null)
                .table(perRound)
                .write("zoho-auth.md");
    }

    private static String ns(double value) {
        return String.format("%.1f", value);
    }

    private static ZohoProperties properties() {
        Map<String, String> values = Map.of("zoho.client-id", "1000.BENCH", "zoho.client-secret", "secret",
                "zoho.redirect-uri", "http://localhost/oauth/callback", "zoho.admin.api-key", "bench-admin-key-0123456789abc");
        return new Binder(new MapConfigurationPropertySource(values)).bind("zoho", ZohoProperties.class).get();
    }
}
