package io.zohoconnect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH benchmarks of one class run in interleaved rounds: each round forks every benchmark once, in the order
 * {@link Rounds#order} gives the round, so ratios can be taken per round between forks that ran next to each other.
 *
 * @param scores each benchmark's score per round (in the class's output time unit), by benchmark method name
 * @param orders the order of each round, for the report
 */
record JmhRounds(Map<String, List<Double>> scores, List<String> orders) {

    static JmhRounds run(Class<?> benchmarks, List<String> sides, int rounds, int warmups, int iterations)
            throws RunnerException {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        sides.forEach(side -> scores.put(side, new ArrayList<>()));
        List<String> orders = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<String> order = Rounds.order(sides, round);
            orders.add(String.join(" → ", order));
            for (String side : order) {
                RunResult result = new Runner(new OptionsBuilder()
                        .include("^" + Pattern.quote(benchmarks.getName() + "." + side) + "$")
                        .forks(1)
                        .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                        .shouldFailOnError(true)
                        .build()).runSingle();
                scores.get(side).add(result.getPrimaryResult().getScore());
            }
        }
        return new JmhRounds(scores, orders);
    }
}
