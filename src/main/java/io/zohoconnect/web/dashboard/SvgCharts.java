package io.zohoconnect.web.dashboard;

import java.util.List;
import java.util.Locale;

import static io.zohoconnect.web.Html.escape;

/**
 * Charts drawn on the server as inline SVG: nothing to download, works offline and under the
 * dashboard's strict content-security policy. Each chart is an {@code svg} with
 * {@code data-chart="<name>"}, a title and a text alternative for screen readers.
 *
 * <p>Drawn in Java, not from a template as the pages are: nearly every attribute is a coordinate computed from the
 * data (bar heights, the line's path, the axis labels), so a template would hold only a loop over numbers formatted
 * here, and the geometry would be split between two files for nothing. The one rule a template would enforce is kept
 * by hand: every text that comes from data (labels, titles, legends, units) goes through {@link
 * io.zohoconnect.web.Html#escape}, exactly as Mustache's {@code {{…}}} escapes ({@code SvgChartsTest}); the pages put
 * the result in {@code {{{…}}}} as service-built HTML.
 */
final class SvgCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 160;
    private static final int PAD = 28;

    private SvgCharts() {
    }

    static final String GOOD = "#2e9e5b";
    static final String BAD = "#c93c3c";

    /** One bar group: a label and up to two stacked values (e.g. successes and failures). */
    record Bar(String label, long good, long bad) {
    }

    /** A point of a line chart. */
    record Point(String label, double value) {
    }

    static String bars(String name, String title, List<Bar> bars, String goodLegend, String badLegend) {
        return bars(name, title, bars, goodLegend, badLegend, GOOD, BAD);
    }

    /** Stacked bars whose two parts are two kinds, not good and bad (e.g. background and interactive credits). */
    static String bars(String name, String title, List<Bar> bars, String goodLegend, String badLegend, String goodColor,
            String badColor) {
        StringBuilder svg = open(name, title, summary(bars, goodLegend, badLegend));
        long max = Math.max(1, bars.stream().mapToLong(b -> b.good() + b.bad()).max().orElse(1));
        double slot = (WIDTH - 2.0 * PAD) / Math.max(1, bars.size());
        double barWidth = Math.max(2, slot * 0.7);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = PAD + i * slot + (slot - barWidth) / 2;
            double goodHeight = (HEIGHT - 2.0 * PAD) * bar.good() / max;
            double badHeight = (HEIGHT - 2.0 * PAD) * bar.bad() / max;
            double base = HEIGHT - PAD;
            svg.append(rect(x, base - goodHeight, barWidth, goodHeight, goodColor, bar.label() + ": " + bar.good() + " " + goodLegend));
            if (bar.bad() > 0) {
                svg.append(rect(x, base - goodHeight - badHeight, barWidth, badHeight, badColor,
                        bar.label() + ": " + bar.bad() + " " + badLegend));
            }
        }
        axis(svg, max, bars.isEmpty() ? "" : bars.get(0).label(), bars.isEmpty() ? "" : bars.get(bars.size() - 1).label());
        if (badLegend != null) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"%s\">■ %s</text>"
                    + "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"%s\">■ %s</text>", WIDTH - 220, goodColor,
                    escape(goodLegend), WIDTH - 110, badColor, escape(badLegend)));
        }
        return svg.append("</svg>").toString();
    }

    static String line(String name, String title, List<Point> points, String unit) {
        StringBuilder svg = open(name, title, points.isEmpty() ? "no data yet" : points.size() + " points, latest "
                + format(points.get(points.size() - 1).value()) + " " + unit);
        double max = Math.max(1, points.stream().mapToDouble(Point::value).max().orElse(1));
        double step = points.size() > 1 ? (WIDTH - 2.0 * PAD) / (points.size() - 1) : 0;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = PAD + i * step;
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * points.get(i).value() / max;
            path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2456d3\"><title>%s: %s %s</title></circle>",
                    x, y, escape(points.get(i).label()), format(points.get(i).value()), escape(unit)));
        }
        if (!points.isEmpty()) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2456d3\" stroke-width=\"2\"/>");
        }
        axis(svg, (long) Math.ceil(max), points.isEmpty() ? "" : points.get(0).label(),
                points.isEmpty() ? "" : points.get(points.size() - 1).label());
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String name, String title, String summary) {
        return new StringBuilder().append("<svg data-chart=\"").append(escape(name))
                .append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" aria-label=\"")
                .append(escape(title + ": " + summary)).append("\"><title>").append(escape(title)).append("</title>")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#fbfcfd\"/>");
    }

    private static void axis(StringBuilder svg, long max, String first, String last) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#99a\"/>", PAD, HEIGHT - PAD,
                WIDTH - PAD, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\" fill=\"#555\">%d</text>", PAD, max));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\" fill=\"#555\">0</text>", HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">%s</text>", PAD, HEIGHT - 8,
                escape(first)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">%s</text>",
                WIDTH - PAD, HEIGHT - 8, escape(last)));
    }

    private static String rect(double x, double y, double w, double h, String fill, String tip) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, w, h, fill, escape(tip));
    }

    /** What a screen reader says for the whole chart: the totals, each with its legend ("5 succeeded and 1 failed"). */
    private static String summary(List<Bar> bars, String goodLegend, String badLegend) {
        long good = bars.stream().mapToLong(Bar::good).sum();
        long bad = bars.stream().mapToLong(Bar::bad).sum();
        return bars.isEmpty() ? "no data yet" : good + " " + goodLegend + (badLegend == null ? "" : " and " + bad + " " + badLegend)
                + " over " + bars.size() + " intervals";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
