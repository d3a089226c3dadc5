package io.zohoconnect.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A generator of fuzz inputs: a fixed list of <em>edge cases</em>, always tried first and each once, and
 * random values drawn from a seeded {@link Random} (see {@link Fuzz} for the seed and how to replay it).
 *
 * <p>The edge cases of each factory are the ones jqwik added by default while these tests used it (up to 1.10.1),
 * written out here and checked by {@code GenTest}: a range of numbers gives its bounds and whichever of -2, -1,
 * 0, 1, 2 it holds; a choice of values its first and last value (and null when it is one of them); a string of
 * characters the empty string when it may be empty, each boundary character alone, and a string of minimum
 * length of each; a list the empty list, each element edge case alone, and a list of minimum length of each;
 * a choice between generators all of theirs. Two differences: {@link #eachOf} makes every listed value an edge
 * case (the nasty strings of {@link Fuzz#text} are all tried on every run, not by chance), and a combination
 * with many edge cases takes each part's edge cases in turn rather than a truncated product (see
 * {@link #combined}), so none is left out. Leaf generators also return one of their edge cases one draw in
 * twenty, so an edge case meets random company inside a combination.
 */
public final class Gen<T> {

    /** Up to this many, a combination's edge cases are every combination of its parts' edge cases. */
    static final int ALL_COMBINATIONS_UP_TO = 100;
    private static final int FILTER_ATTEMPTS = 10_000;

    private final Function<Random, T> draw;
    private final List<T> edgeCases;

    private Gen(Function<Random, T> draw, List<T> edgeCases) {
        this.draw = draw;
        this.edgeCases = Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(edgeCases)));
    }

    /** A generator that draws with {@code draw} and returns an edge case one time in twenty. */
    private static <T> Gen<T> leaf(Function<Random, T> draw, List<T> edgeCases) {
        List<T> edges = new ArrayList<>(new LinkedHashSet<>(edgeCases));
        return new Gen<>(random -> !edges.isEmpty() && random.nextInt(20) == 0 ? edges.get(random.nextInt(edges.size()))
                : draw.apply(random), edges);
    }

    public T draw(Random random) {
        return draw.apply(random);
    }

    /** The values always tried, in order, without repeats; may hold null. */
    public List<T> edgeCases() {
        return edgeCases;
    }

    // ---- values

    /** Always {@code value}; its one edge case. */
    public static <T> Gen<T> just(T value) {
        List<T> edges = new ArrayList<>();
        edges.add(value);
        return new Gen<>(random -> value, edges);
    }

    /** One of {@code values}, evenly. Edge cases: the first, the last, and null when it is one of them. */
    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    /** One of {@code values}, evenly. Edge cases: the first, the last, and null when it is one of them. */
    public static <T> Gen<T> of(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        List<T> copy = new ArrayList<>(values);
        List<T> edges = new ArrayList<>();
        edges.add(copy.get(0));
        edges.add(copy.get(copy.size() - 1));
        if (copy.contains(null)) {
            edges.add(null);
        }
        return leaf(random -> copy.get(random.nextInt(copy.size())), edges);
    }

    /** One of {@code values}, evenly; every one of them is an edge case (tried each run). */
    public static <T> Gen<T> eachOf(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        List<T> copy = new ArrayList<>(values);
        return leaf(random -> copy.get(random.nextInt(copy.size())), copy);
    }

    public static Gen<Boolean> booleans() {
        return of(false, true);
    }

    /** An int in [min, max], evenly. Edge cases: min, max, and those of -2, -1, 0, 1, 2 in range. */
    public static Gen<Integer> integers(int min, int max) {
        return longs(min, max).map(Math::toIntExact);
    }

    /** Any int. Edge cases: {@link Integer#MIN_VALUE}, {@link Integer#MAX_VALUE}, -2, -1, 0, 1, 2. */
    public static Gen<Integer> integers() {
        return integers(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A long in [min, max], evenly. Edge cases: min, max, and those of -2, -1, 0, 1, 2 in range. */
    public static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        List<Long> edges = new ArrayList<>(List.of(min, max));
        IntStream.of(-2, -1, 0, 1, 2).mapToObj(Long::valueOf).filter(n -> n >= min && n <= max).forEach(edges::add);
        return leaf(random -> max == Long.MAX_VALUE ? (min == Long.MIN_VALUE ? random.nextLong() : min + randomUpTo(random, max - min))
                : random.nextLong(min, max + 1), edges);
    }

    private static long randomUpTo(Random random, long bound) {
        long n;
        do {
            n = random.nextLong() & Long.MAX_VALUE;
        } while (n > bound);
        return n;
    }

    /**
     * A string of {@code minLength} to {@code maxLength} characters from {@code chars}, evenly. Edge cases: "" if
     * it may be empty, the first and the last character alone, and strings of {@code minLength} of each of them.
     */
    public static Gen<String> strings(String chars, int minLength, int maxLength) {
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("no characters");
        }
        return strings(random -> chars.charAt(random.nextInt(chars.length())), chars.charAt(0),
                chars.charAt(chars.length() - 1), minLength, maxLength);
    }

    /** The same, with characters from {@code from} to {@code to}: edge characters {@code from} and {@code to}. */
    public static Gen<String> strings(char from, char to, int minLength, int maxLength) {
        return strings(random -> (char) (from + random.nextInt(to - from + 1)), from, to, minLength, maxLength);
    }

    private static Gen<String> strings(Function<Random, Character> character, char first, char last, int minLength,
            int maxLength) {
        if (minLength < 0 || minLength > maxLength) {
            throw new IllegalArgumentException("lengths " + minLength + ".." + maxLength);
        }
        List<String> edges = new ArrayList<>();
        if (minLength == 0) {
            edges.add("");
        }
        for (char c : new char[] {first, last}) {
            if (minLength <= 1 && maxLength >= 1) {
                edges.add(String.valueOf(c));
            }
            if (minLength > 1) {
                edges.add(String.valueOf(c).repeat(minLength));
            }
        }
        return leaf(random -> {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(character.apply(random));
            }
            return out.toString();
        }, edges);
    }

    // ---- choices

    /** A value of one of {@code gens}, each as likely. Edge cases: all of theirs. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Weighted<T>> choices = new ArrayList<>();
        for (Gen<? extends T> gen : gens) {
            choices.add(new Weighted<T>(1, gen));
        }
        return frequency(choices);
    }

    /** A generator and how often {@link #frequency} picks it. */
    public record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    public static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value of one of the generators, picked by weight. Edge cases: all of theirs. */
    @SafeVarargs
    public static <T> Gen<T> frequency(Weighted<T>... choices) {
        return frequency(Arrays.asList(choices));
    }

    private static <T> Gen<T> frequency(List<Weighted<T>> choices) {
        int total = choices.stream().mapToInt(Weighted::weight).sum();
        List<T> edges = new ArrayList<>();
        choices.forEach(choice -> edges.addAll(choice.gen().edgeCases()));
        return new Gen<>(random -> {
            int pick = random.nextInt(total);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().draw(random);
                }
            }
            throw new IllegalStateException("weights " + total);
        }, edges);
    }

    // ---- derived

    public <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        List<R> edges = new ArrayList<>();
        edgeCases.forEach(edge -> edges.add(mapper.apply(edge)));
        return new Gen<>(random -> mapper.apply(draw(random)), edges);
    }

    /** Only values that pass: edge cases that do not are dropped, draws are repeated (a while). */
    public Gen<T> filter(Predicate<? super T> keep) {
        return new Gen<>(random -> {
            for (int i = 0; i < FILTER_ATTEMPTS; i++) {
                T value = draw(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter let nothing pass in " + FILTER_ATTEMPTS + " draws");
        }, edgeCases.stream().filter(keep).toList());
    }

    /** A value of the generator {@code next} makes of this one's value. Edge cases: as {@link #combined}'s. */
    public <R> Gen<R> flatMap(Function<? super T, Gen<R>> next) {
        List<List<?>> parts = new ArrayList<>();
        List<Gen<R>> derived = new ArrayList<>();
        for (T edge : edgeCases) {
            Gen<R> gen = next.apply(edge);
            derived.add(gen);
            parts.add(gen.edgeCases());
        }
        List<R> edges = new ArrayList<>();
        long all = parts.stream().mapToLong(List::size).sum();
        if (all <= ALL_COMBINATIONS_UP_TO) {
            parts.forEach(list -> list.forEach(edge -> edges.add(cast(edge))));
        } else {
            // every source edge case once, with the derived edge cases taken in turn, so each position is used
            int rounds = Math.max(derived.size(), parts.stream().mapToInt(List::size).max().orElse(0));
            for (int i = 0; i < rounds && !derived.isEmpty(); i++) {
                List<R> own = derived.get(i % derived.size()).edgeCases();
                if (!own.isEmpty()) {
                    edges.add(own.get(i % own.size()));
                }
            }
        }
        return new Gen<>(random -> next.apply(draw(random)).draw(random), edges);
    }

    /** Null one time in {@code 1 / probability}, else this; null joins the edge cases. */
    public Gen<T> orNull(double probability) {
        List<T> edges = new ArrayList<>(edgeCases);
        edges.add(null);
        return new Gen<>(random -> random.nextDouble() < probability ? null : draw(random), edges);
    }

    /**
     * A list of {@code minSize} to {@code maxSize} values of this. Edge cases: the empty list if allowed, each
     * edge case alone, and lists of {@code minSize} copies of each.
     */
    public Gen<List<T>> list(int minSize, int maxSize) {
        List<List<T>> edges = new ArrayList<>();
        if (minSize == 0) {
            edges.add(List.of());
        }
        for (T edge : edgeCases) {
            if (minSize <= 1 && maxSize >= 1) {
                edges.add(Collections.singletonList(edge));
            }
            if (minSize > 1) {
                edges.add(Collections.nCopies(minSize, edge));
            }
        }
        return new Gen<>(random -> {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(draw(random));
            }
            return Collections.unmodifiableList(out);
        }, edges);
    }

    /**
     * A map of up to {@code maxSize} entries (keys as drawn, repeats skipped). Edge cases: the empty map and
     * one-entry maps of the keys' and values' edge cases (as {@link #combined}'s).
     */
    public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
        List<Map<K, V>> edges = new ArrayList<>();
        edges.add(Map.of());
        combine(keys, values, (k, v) -> {
            Map<K, V> one = new LinkedHashMap<>();
            one.put(k, v);
            return Collections.unmodifiableMap(one);
        }).edgeCases().forEach(edges::add);
        return new Gen<>(random -> {
            int size = random.nextInt(maxSize + 1);
            Map<K, V> out = new LinkedHashMap<>();
            for (int i = 0; i < size * 4 && out.size() < size; i++) {
                out.putIfAbsent(keys.draw(random), values.draw(random));
            }
            return Collections.unmodifiableMap(out);
        }, edges);
    }

    // ---- combinations

    /**
     * Values of several generators, one each, combined. Edge cases: every combination of the parts' edge cases
     * when there are at most {@value #ALL_COMBINATIONS_UP_TO}; otherwise as many as the part with the most, the
     * n-th taking each part's n-th edge case (round again when a part has fewer), so that each edge case of each
     * part is in at least one. None when a part has none.
     */
    static <R> Gen<R> combined(List<Gen<?>> parts, Function<Object[], R> combiner) {
        List<R> edges = new ArrayList<>();
        long product = 1;
        int most = 0;
        for (Gen<?> part : parts) {
            product = Math.min(product * part.edgeCases().size(), Long.MAX_VALUE / 1024);
            most = Math.max(most, part.edgeCases().size());
        }
        if (product > 0 && product <= ALL_COMBINATIONS_UP_TO) {
            for (long index = 0; index < product; index++) {
                Object[] values = new Object[parts.size()];
                long rest = index;
                for (int p = parts.size() - 1; p >= 0; p--) {
                    List<?> own = parts.get(p).edgeCases();
                    values[p] = own.get((int) (rest % own.size()));
                    rest /= own.size();
                }
                edges.add(combiner.apply(values));
            }
        } else if (product > 0) {
            for (int n = 0; n < most; n++) {
                Object[] values = new Object[parts.size()];
                for (int p = 0; p < parts.size(); p++) {
                    List<?> own = parts.get(p).edgeCases();
                    values[p] = own.get(n % own.size());
                }
                edges.add(combiner.apply(values));
            }
        }
        return new Gen<>(random -> {
            Object[] values = new Object[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                values[p] = parts.get(p).draw(random);
            }
            return combiner.apply(values);
        }, edges);
    }

    public static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<A, B, R> f) {
        return combined(List.of(a, b), v -> f.apply(cast(v[0]), cast(v[1])));
    }

    public static <A, B, C, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, F3<A, B, C, R> f) {
        return combined(List.of(a, b, c), v -> f.apply(cast(v[0]), cast(v[1]), cast(v[2])));
    }

    public static <A, B, C, D, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, F4<A, B, C, D, R> f) {
        return combined(List.of(a, b, c, d), v -> f.apply(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3])));
    }

    public static <A, B, C, D, E, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e,
            F5<A, B, C, D, E, R> f) {
        return combined(List.of(a, b, c, d, e),
                v -> f.apply(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4])));
    }

    public static <A, B, C, D, E, F, G, H, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e,
            Gen<F> f, Gen<G> g, Gen<H> h, F8<A, B, C, D, E, F, G, H, R> combiner) {
        return combined(List.of(a, b, c, d, e, f, g, h), v -> combiner.apply(cast(v[0]), cast(v[1]), cast(v[2]),
                cast(v[3]), cast(v[4]), cast(v[5]), cast(v[6]), cast(v[7])));
    }

    @FunctionalInterface
    public interface F3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    @FunctionalInterface
    public interface F4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    @FunctionalInterface
    public interface F5<A, B, C, D, E, R> {
        R apply(A a, B b, C c, D d, E e);
    }

    @FunctionalInterface
    public interface F8<A, B, C, D, E, F, G, H, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h);
    }

    @SuppressWarnings("unchecked")
    private static <X> X cast(Object value) {
        return (X) value;
    }

    @Override
    public String toString() {
        return "Gen" + edgeCases.stream().map(Fuzz::show).toList();
    }
}
