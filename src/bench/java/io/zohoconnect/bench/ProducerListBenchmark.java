package io.zohoconnect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.connection.ConnectionStore;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 8 (producer): the warm {@code zoho-crm:list} of one page of 200 records against a bare
 * {@code http} endpoint call of the same URL with the headers set by hand, in one run, interleaved:
 * bare as it comes (body as text), and bare + Jackson into the same {@code List<Map>} the producer
 * gives. The simulator runs in its own JVM.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=ProducerListBenchmark [-Dbench.calls=400]}
 */
class ProducerListBenchmark {

    static final String FIELDS = "Name,Email,Owner,Created_Time,Custom_Field_1,Custom_Field_2,Custom_Field_3,Custom_Field_4,"
            + "Custom_Field_5";
    static final TypeReference<Map<String, Object>> PAGE = new TypeReference<>() { };

    final int calls = Integer.getInteger("bench.calls", 400);

    @Test
    void warmListAgainstABareHttpCall() throws Exception {
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "producer")) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-list");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Page/seed",
                    "{\"count\":1000,\"fields\":20,\"seed\":3}");
            String token = store.find("bench-list").orElseThrow().accessToken().value();
            ProducerTemplate producer = service.getBean(CamelContext.class).createProducerTemplate();

            String component = "zoho-crm:list/Bench_Page?fields=" + FIELDS + "&perPage=200&sortBy=id";
            String bare = "http://bench?throwExceptionOnFailure=false&followRedirects=false";
            String url = simulator.base + "/eu/api/crm/v8/Bench_Page";
            String query = "fields=" + FIELDS + "&per_page=200&sort_by=id";

            Runnable viaComponent = () -> {
                Exchange e = producer.send(component, x -> x.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, "bench-list"));
                assertThat(e.getException()).isNull();
                assertThat(e.getMessage().getBody(List.class)).hasSize(200);
            };
            Runnable viaHttp = () -> {
                Exchange e = bareCall(producer, bare, url, query, token);
                assertThat(e.getMessage().getBody(String.class)).startsWith("{");
            };
            Runnable viaHttpParsed = () -> {
                Exchange e = bareCall(producer, bare, url, query, token);
                try {
                    Map<String, Object> page = BenchSupport.JSON.readValue(e.getMessage().getBody(String.class), PAGE);
                    assertThat((List<?>) page.get("data")).hasSize(200);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            };
            for (int i = 0; i < 300; i++) { // warm all three
                viaComponent.run();
                viaHttp.run();
                viaHttpParsed.run();
            }
            List<Double> component0 = new ArrayList<>();
            List<Double> http0 = new ArrayList<>();
            List<Double> parsed0 = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                http0.add(perCallMicros(viaHttp));
                parsed0.add(perCallMicros(viaHttpParsed));
                component0.add(perCallMicros(viaComponent));
            }
            double httpUs = median(http0);
            double parsedUs = median(parsed0);
            double componentUs = median(component0);
            String table = String.format("""
                    | warm call, one page of 200 records (median of 5 interleaved rounds of %d calls) | µs per call | vs bare http |
                    |---|---|---|
                    | bare `http` endpoint, headers set by hand, body as text | %,.0f | 1.00× |
                    | bare `http` endpoint + Jackson into List<Map> (what the producer gives) | %,.0f | %.2f× |
                    | `zoho-crm:list` (auth, org slot, retries armed, typed page, headers out) | %,.0f | %.2f× |
                    """, calls, httpUs, parsedUs, parsedUs / httpUs, componentUs, componentUs / httpUs);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/producer-list.md"), table);
            System.out.println("\nProducer list (" + Runtime.getRuntime().availableProcessors() + " cores)\n" + table
                    + "rounds µs: http " + http0 + " parsed " + parsed0 + " component " + component0);
        }
    }

    private static Exchange bareCall(ProducerTemplate producer, String bare, String url, String query, String token) {
        Exchange e = producer.send(bare, x -> {
            x.getMessage().setHeader(Exchange.HTTP_URI, url);
            x.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            x.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            x.getMessage().setHeader("Authorization", "Zoho-oauthtoken " + token);
            x.getMessage().setHeader("Accept", "application/json");
        });
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        return e;
    }

    private double perCallMicros(Runnable call) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e3 / calls;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
