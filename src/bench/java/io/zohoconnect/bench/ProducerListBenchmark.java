package io.zohoconnect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.ZohoHeaders;

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
 * gives. The rounds run the three sides in turn ({@link Rounds#order}), the ratios taken per round. The simulator
 * runs in its own JVM.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=ProducerListBenchmark [-Dbench.rounds=6] [-Dbench.calls=400]}
 */
class ProducerListBenchmark {

    static final String FIELDS = "Name,Email,Owner,Created_Time,Custom_Field_1,Custom_Field_2,Custom_Field_3,Custom_Field_4,"
            + "Custom_Field_5";
    static final TypeReference<Map<String, Object>> PAGE = new TypeReference<>() { };

    final int calls = Integer.getInteger("bench.calls", 400);
    final int rounds = Integer.getInteger("bench.rounds", 6);

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
            Map<String, Runnable> sides = new LinkedHashMap<>();
            sides.put("http", viaHttp);
            sides.put("parsed", viaHttpParsed);
            sides.put("component", viaComponent);
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            sides.keySet().forEach(side -> micros.put(side, new ArrayList<>()));
            List<String> orders = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = Rounds.order(List.copyOf(sides.keySet()), round);
                orders.add(String.join(" → ", order));
                for (String side : order) {
                    micros.get(side).add(perCallMicros(sides.get(side)));
                }
            }
            List<Double> http = micros.get("http");
            List<Double> parsed = micros.get("parsed");
            List<Double> list = micros.get("component");
            List<Double> overHttp = Rounds.ratios(list, http);
            List<Double> overParsed = Rounds.ratios(list, parsed);
            List<Double> parsedOverHttp = Rounds.ratios(parsed, http);
            BenchReport.Table perRound = new BenchReport.Table("round", "order", "bare http (µs)", "bare + Jackson (µs)",
                    "zoho-crm:list (µs)", "list / bare", "list / bare + Jackson");
            for (int round = 0; round < rounds; round++) {
                perRound.row(round + 1, orders.get(round), String.format("%,.0f", http.get(round)),
                        String.format("%,.0f", parsed.get(round)), String.format("%,.0f", list.get(round)),
                        String.format("%.2f×", overHttp.get(round)), String.format("%.2f×", overParsed.get(round)));
            }
            new BenchReport("P8p", "zoho-crm:list warm, one page of 200 records, against a bare http call")
                    .condition(String.format("%d rounds of %d calls per side, sides in the order Rounds gives each round"
                            + " (each side in each place equally often over 6 rounds); ratios per round; simulator in its"
                            + " own JVM on loopback", rounds, calls))
                    .condition("bare http: Camel's http endpoint, the same URL and query, headers set by hand, body as text;"
                            + " bare + Jackson: the same, parsed into the List<Map> the producer gives")
                    .figure("zoho-crm:list / bare http", Rounds.Spread.of(overHttp), "%.2f×", "≤ 1.2×")
                    .figure("zoho-crm:list / bare http + Jackson", Rounds.Spread.of(overParsed), "%.2f×", null)
                    .figure("bare http + Jackson / bare http", Rounds.Spread.of(parsedOverHttp), "%.2f×", null)
                    .figure("bare http", Rounds.Spread.of(http), "%,.0f µs", null)
                    .figure("bare http + Jackson", Rounds.Spread.of(parsed), "%,.0f µs", null)
                    .figure("zoho-crm:list", Rounds.Spread.of(list), "%,.0f µs", null)
                    .table(perRound)
                    .write("producer-list.md");
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

}
