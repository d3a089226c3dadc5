package io.zohoconnect.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Interleaved rounds: the order in which a round runs its sides, and the median and spread of a figure
 * taken per round. A benchmark that always runs side A before side B lets whatever drifts during a run
 * (JIT, GC, the page cache, other load) fall on one side; so each round runs every side once, odd rounds
 * in reverse and every second round rotated. For two sides that is A B, B A, B A, A B (ABBA); for any
 * pair of sides each order is taken equally often in every two rounds.
 */
final class Rounds {

    private Rounds() {
    }

    /** The order in which round {@code round} (from 0) runs {@code sides}. */
    static <T> List<T> order(List<T> sides, int round) {
        List<T> order = new ArrayList<>(sides);
        Collections.rotate(order, -((round / 2) % sides.size()));
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** {@code a[i] / b[i]} for every round. */
    static List<Double> ratios(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("rounds differ: " + a.size() + " and " + b.size());
        }
        List<Double> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) / b.get(i));
        }
        return out;
    }

    /** {@code a[i] - b[i]} for every round. */
    static List<Double> differences(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) - b.get(i));
        }
        return out;
    }

    /** The median and the range of a figure over its rounds. */
    record Spread(double median, double min, double max, int n) {

        static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no rounds");
            }
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
        }

        /** The median, as {@code format} gives it (e.g. {@code "%.2f×"}). */
        String median(String format) {
            return String.format(format, median);
        }

        /** {@code min–max} as {@code format} gives them, its unit once: {@code "%.2f×"} gives {@code 0.91–1.02×}. */
        String range(String format) {
            String number = format.substring(0, format.lastIndexOf('f') + 1);
            return String.format(number, min) + "–" + String.format(format, max);
        }
    }
}
