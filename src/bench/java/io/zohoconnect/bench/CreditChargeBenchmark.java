package io.zohoconnect.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.credits.CreditCosts;
import io.zohoconnect.credits.CreditLedger;
import io.zohoconnect.credits.CreditSettings;
import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.support.TestDatabases;

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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API-credit ledger's cost per CRM call (issue 22, item 7): what the call path adds to every attempt — the cost
 * looked up in the table, the org's tally charged against its allowance and background share, and the refund Zoho's
 * 401/429 would bring — against the cost lookup alone, in interleaved JMH forks. The flush to the shared table runs
 * once a second on its own thread, not per call, so it is not in the figure. Compare the result with P8p's time per
 * call (about a millisecond on loopback; Zoho's own answers take tens to hundreds of milliseconds).
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dcds.skip=true -Dit.test=CreditChargeBenchmark [-Dbench.rounds=4]}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CreditChargeBenchmark {

    private CreditLedger ledger;
    private CreditCosts costs;
    private CrmRequest listing;

    @Setup
    public void setUp() {
        CreditSettings settings = new CreditSettings(0.5, Map.of(), Duration.ofSeconds(1), Duration.ofMinutes(1));
        ledger = new CreditLedger(JdbcClient.create(TestDatabases.h2()), Clock.systemUTC(), settings);
        costs = new CreditCosts(settings);
        listing = CrmRequest.get("acme", "/crm/v8/Leads", "fields=Last_Name&per_page=200").background();
    }

    /** One attempt's accounting: cost, charge, and the refund of an attempt Zoho did not charge. */
    @Benchmark
    public long chargeAndRefund() {
        int credits = costs.of(listing);
        long used = ledger.charge("org-1", CallPurpose.BACKGROUND, credits, Long.MAX_VALUE, Long.MAX_VALUE);
        ledger.refund("org-1", CallPurpose.BACKGROUND, credits);
        return used;
    }

    /** The baseline: the cost lookup alone. */
    @Benchmark
    public int costOnly() {
        return costs.of(listing);
    }

    @Test
    void run() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 4);
        List<String> sides = List.of("costOnly", "chargeAndRefund");
        JmhRounds measured = JmhRounds.run(CreditChargeBenchmark.class, sides, rounds, 5, 5);
        Map<String, List<Double>> score = measured.scores();
        List<String> orders = measured.orders();
        List<Double> charge = score.get("chargeAndRefund");
        List<Double> cost = score.get("costOnly");
        List<Double> added = new ArrayList<>();
        BenchReport.Table perRound = new BenchReport.Table("round", "order", "cost only (ns)", "cost + charge + refund (ns)");
        for (int round = 0; round < rounds; round++) {
            added.add(charge.get(round) - cost.get(round));
            perRound.row(round + 1, orders.get(round), String.format("%.1f", cost.get(round)),
                    String.format("%.1f", charge.get(round)));
        }
        new BenchReport("P10", "the API-credit ledger's cost per CRM call (JMH)")
                .condition(rounds + " rounds; each round forks both benchmarks once (5 × 1 s warm-up, 5 × 1 s measured), ABBA")
                .figure("ledger per call (charge + refund, over the cost lookup)", Rounds.Spread.of(added), "%.1f ns", null)
                .figure("cost + charge + refund", Rounds.Spread.of(charge), "%.1f ns", null)
                .figure("cost lookup alone", Rounds.Spread.of(cost), "%.1f ns", null)
                .table(perRound)
                .write("credit-charge.md");
    }
}
