package io.zohoconnect.fuzz;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edge cases the fuzz tests rely on are the ones {@link Gen} documents, and a seed replays every draw. */
class GenTest {

    @Test
    void numbersGiveTheirBoundsAndTheSmallValuesInRange() {
        assertThat(Gen.integers(100, 599).edgeCases()).containsExactly(100, 599);
        assertThat(Gen.integers(0, 24).edgeCases()).containsExactly(0, 24, 1, 2);
        assertThat(Gen.integers(1, 3).edgeCases()).containsExactly(1, 3, 2);
        assertThat(Gen.integers().edgeCases()).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, -2, -1, 0, 1, 2);
        assertThat(Gen.longs(-10, 10_000_000_000L).edgeCases()).containsExactly(-10L, 10_000_000_000L, -2L, -1L, 0L, 1L, 2L);
        assertThat(Gen.booleans().edgeCases()).containsExactly(false, true);
    }

    @Test
    void aChoiceGivesItsFirstAndLastValueAndNullWhenListed() {
        assertThat(Gen.of("a", "b", "c").edgeCases()).containsExactly("a", "c");
        assertThat(Gen.of(null, "", "x").edgeCases()).containsExactly(null, "x");
        assertThat(Gen.eachOf(List.of("a", "b", "c")).edgeCases()).containsExactly("a", "b", "c");
        assertThat(Gen.just("x").orNull(0.1).edgeCases()).containsExactly("x", null);
    }

    @Test
    void stringsGiveEmptyBoundaryCharactersAndMinimumLengthRuns() {
        assertThat(Gen.strings('a', 'z', 0, 10).edgeCases()).containsExactly("", "a", "z");
        assertThat(Gen.strings("0123456789abcdef", 16, 32).edgeCases()).containsExactly("0".repeat(16), "f".repeat(16));
        assertThat(Gen.strings("abc", 1, 5).edgeCases()).containsExactly("a", "c");
        assertThat(Gen.strings('\u0000', '\uffff', 0, 120).edgeCases()).containsExactly("", "\u0000", "\uffff");
    }

    @Test
    void listsAndMapsGiveEmptySingleAndMinimumSizeOnes() {
        assertThat(Gen.of("a", "b").list(0, 3).edgeCases()).containsExactly(List.of(), List.of("a"), List.of("b"));
        assertThat(Gen.of("a", "b").list(2, 3).edgeCases()).containsExactly(List.of("a", "a"), List.of("b", "b"));
        assertThat(Gen.maps(Gen.of("k", "l"), Gen.of(1, 2), 6).edgeCases())
                .containsExactly(Map.of(), Map.of("k", 1), Map.of("k", 2), Map.of("l", 1), Map.of("l", 2));
    }

    @Test
    void aCombinationGivesEveryCombinationWhenFewAndEveryEdgeCaseOfEveryPartWhenMany() {
        assertThat(Gen.combine(Gen.of("a", "b"), Gen.integers(1, 3), (s, n) -> s + n).edgeCases())
                .containsExactly("a1", "a3", "a2", "b1", "b3", "b2");
        Gen<String> many = Gen.combine(Gen.eachOf(letters(60)), Gen.eachOf(letters(7)), Gen.integers(0, 24),
                (a, b, n) -> a + "|" + b + "|" + n);
        assertThat(many.edgeCases()).hasSize(60);
        assertThat(many.edgeCases().stream().map(e -> e.split("\\|")[0])).containsAll(letters(60));
        assertThat(many.edgeCases().stream().map(e -> e.split("\\|")[1])).containsAll(letters(7));
        assertThat(many.edgeCases().stream().map(e -> Integer.valueOf(e.split("\\|")[2]))).contains(0, 24, 1, 2);
    }

    @Test
    void choicesMappingsAndFiltersKeepTheirPartsEdgeCases() {
        Gen<String> choice = Gen.frequency(Gen.weighted(3, Gen.of("a", "b")), Gen.weighted(1, Gen.just(null)));
        assertThat(choice.edgeCases()).containsExactly("a", "b", null);
        assertThat(Gen.oneOf(Gen.of("a", "b"), Gen.of("c", "d")).map(String::toUpperCase).edgeCases())
                .containsExactly("A", "B", "C", "D");
        assertThat(Gen.of("a", "bb", "ccc").filter(s -> s.length() != 3).edgeCases()).containsExactly("a");
        assertThat(Gen.of("a", "b").flatMap(s -> Gen.of(s + 1, s + 2)).edgeCases()).containsExactly("a1", "a2", "b1", "b2");
    }

    @Test
    void textHasEveryNastyValueAndTheBoundsOfEachKindOfString() {
        List<String> edges = Fuzz.text().edgeCases();
        assertThat(edges).containsAll(Fuzz.NASTY)
                .contains(" ", "~", "\u0000", "\uffff", "y".repeat(10_000))
                .hasSize(Fuzz.NASTY.size() + 3); // " ", U+0000 and "" are nasty values already
        assertThat(Fuzz.mostly(Gen.just("ok")).edgeCases()).contains("ok").containsNull().containsAll(edges);
    }

    @Test
    void theSameSeedDrawsTheSameValues() {
        Gen<String> text = Fuzz.text();
        assertThat(Fuzz.sample(text, 500, new Random(42))).isEqualTo(Fuzz.sample(text, 500, new Random(42)))
                .hasSize(text.edgeCases().size() + 500)
                .startsWith(text.edgeCases().toArray(String[]::new));
        assertThat(Fuzz.sample(text, 500, new Random(42))).isNotEqualTo(Fuzz.sample(text, 500, new Random(43)));
    }

    @Test
    void drawsStayInRangeAndFiltersHold() {
        Random random = new Random(7);
        Gen<Integer> statuses = Gen.integers(100, 599);
        Gen<Long> numbers = Gen.longs(-10, 10_000_000_000L);
        Gen<String> strings = Gen.strings("ab", 3, 5);
        Gen<String> nonBlank = Fuzz.text().filter(s -> !s.isBlank());
        for (int i = 0; i < 10_000; i++) {
            assertThat(statuses.draw(random)).isBetween(100, 599);
            assertThat(numbers.draw(random)).isBetween(-10L, 10_000_000_000L);
            assertThat(strings.draw(random)).matches("[ab]{3,5}");
            assertThat(nonBlank.draw(random)).isNotBlank();
        }
        assertThatThrownBy(() -> Gen.of("a").filter(s -> false).draw(random)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void casesAreTheEdgeCasesThenTheTriesEachNamedWithTheSeed() {
        List<Arguments> cases = Fuzz.cases("aProperty", 300, Gen.integers(100, 599), Gen.of("x", "y")).toList();
        assertThat(cases).hasSize(4 + 300);
        assertThat(cases.get(0).get()).containsExactly(100, "x");
        assertThat(cases.get(3).get()).containsExactly(599, "y");
        assertThat(((Arguments.ArgumentSet) cases.get(0)).getName())
                .isEqualTo("seed " + Fuzz.SEED + " edge case #1: \"100\", \"x\"");
        assertThat(((Arguments.ArgumentSet) cases.get(4)).getName()).startsWith("seed " + Fuzz.SEED + " random #1: ");
        assertThat(Fuzz.cases("aProperty", 300, Gen.integers(100, 599), Gen.of("x", "y")).map(Arguments::get).toList())
                .usingRecursiveComparison().isEqualTo(cases.stream().map(Arguments::get).toList());
    }

    @Test
    void aFailureCarriesTheSeedAndTheReplayCommand() throws Exception {
        Method method = GenTest.class.getDeclaredMethod("aFailureCarriesTheSeedAndTheReplayCommand");
        Map<String, Object> answers = Map.of("getRequiredTestClass", GenTest.class, "getRequiredTestMethod", method,
                "getDisplayName", "[3] seed 1 edge case #3: \"x\"");
        ExtensionContext context = (ExtensionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, called, args) -> answers.get(called.getName()));
        AssertionError original = new AssertionError("expected 400 but was 500");

        assertThatThrownBy(() -> new ReplaySeed().handleTestExecutionException(context, original))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fuzz seed " + Fuzz.SEED)
                .hasMessageContaining("-Dtest='GenTest#aFailureCarriesTheSeedAndTheReplayCommand' -Dfuzz.seed=" + Fuzz.SEED)
                .hasMessageContaining("[3] seed 1 edge case #3: \"x\"")
                .hasMessageContaining("expected 400 but was 500")
                .hasCause(original);
    }

    private static List<String> letters(int count) {
        return IntStream.range(0, count).mapToObj(i -> "v" + i).toList();
    }
}
