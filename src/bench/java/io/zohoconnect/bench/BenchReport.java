package io.zohoconnect.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark prints and writes to {@code target/bench/{name}.md}, in one shape for every benchmark: a title,
 * the conditions of the run (machine, load, settings), a table of its figures — {@code | figure | value |
 * spread (min–max) | n | target |}, the value being the median of the rounds (or windows) and the spread their
 * range — then tables of the rounds behind them.
 */
final class BenchReport {

    private final String id;
    private final String title;
    private final List<String> conditions = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    BenchReport(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** A line on how the run was made. */
    BenchReport condition(String text) {
        conditions.add(text);
        return this;
    }

    /** A figure measured once per round (or window): its median, its range over the rounds, and the target. */
    BenchReport figure(String name, Rounds.Spread spread, String format, String target) {
        return figure(name, spread.median(format), spread.n() > 1 ? spread.range(format) : "–", spread.n(), target);
    }

    /** A figure given as it is (a single measurement: no spread). */
    BenchReport figure(String name, String value, String spread, int n, String target) {
        figures.add("| " + name + " | **" + value + "** | " + spread + " | " + n + " | " + (target == null ? "" : target)
                + " |");
        return this;
    }

    /** A table of the rounds (or any detail) below the figures. */
    BenchReport table(Table table) {
        sections.add(table.markdown());
        return this;
    }

    /** A paragraph below the figures (a note, an extrapolation marked as such). */
    BenchReport note(String text) {
        sections.add(text + "\n");
        return this;
    }

    /** Prints the report and writes it to {@code target/bench/{file}}. */
    String write(String file) throws IOException {
        StringBuilder out = new StringBuilder("### ").append(id).append(" — ").append(title).append("\n\n");
        out.append(String.format("- machine: %d cores, Java %s; load average over 1 / 5 / 15 min at the end: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage()));
        conditions.forEach(c -> out.append("- ").append(c).append('\n'));
        out.append("\n| figure | value | spread (min–max) | n | target |\n|---|---|---|---|---|\n");
        figures.forEach(f -> out.append(f).append('\n'));
        sections.forEach(s -> out.append('\n').append(s));
        Path path = Path.of("target/bench").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, out);
        System.out.println("\n" + out);
        return out.toString();
    }

    /** How busy the machine was: a figure from a loaded machine is noise, and the report should say so. */
    private static String loadAverage() {
        try {
            String[] loads = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return loads[0] + " / " + loads[1] + " / " + loads[2];
        } catch (IOException | RuntimeException notLinux) {
            return String.format("%.1f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** A markdown table built row by row. */
    static final class Table {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... header) {
            this.header = List.of(header);
        }

        Table row(Object... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
            }
            rows.add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
            return this;
        }

        String markdown() {
            StringBuilder out = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
            header.forEach(h -> out.append("---|"));
            out.append('\n');
            rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
            return out.toString();
        }
    }
}
