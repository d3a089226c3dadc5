package io.zohoconnect.web.dashboard;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartsTest {

    @Test
    void barsAreAnSvgNamedForToolsWithOneRectPerNonEmptyValue() {
        String svg = SvgCharts.bars("refresh-history", "Refreshes", List.of(new SvgCharts.Bar("a", 3, 1),
                new SvgCharts.Bar("b", 0, 0), new SvgCharts.Bar("c", 2, 0)), "succeeded", "failed");
        assertThat(svg).startsWith("<svg data-chart=\"refresh-history\" role=\"img\"").endsWith("</svg>")
                .contains("aria-label=\"Refreshes: 5 succeeded and 1 failed over 3 intervals\"")
                .contains("<title>a: 3 succeeded</title>").contains("<title>a: 1 failed</title>")
                .contains("<title>c: 2 succeeded</title>");
    }

    @Test
    void labelsAndTitlesAreEscaped() {
        String svg = SvgCharts.line("lag", "<b>lag</b>", List.of(new SvgCharts.Point("<script>", 5)), "s");
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;");
    }

    @Test
    void anEmptyHistoryIsStillAChart() {
        assertThat(SvgCharts.line("lag", "Lag", List.of(), "s")).contains("data-chart=\"lag\"").contains("no data yet");
        assertThat(SvgCharts.bars("records-per-run", "Records", List.of(), "records", "failed"))
                .contains("data-chart=\"records-per-run\"");
    }
}
