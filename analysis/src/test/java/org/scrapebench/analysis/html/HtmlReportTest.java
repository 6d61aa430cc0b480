package org.scrapebench.analysis.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.chart.StripPlot;
import org.scrapebench.analysis.chart.SvgChart;

class HtmlReportTest {

    private static final SvgChart CHART = StripPlot.render("io-bound", "io-bound, lower is better", "ms/op", false,
            "95%", List.of(new StripPlot.Row("SERIAL", List.of(List.of(2260.0, 2280.0)), 2270, 2200, 2340, 2100, 0.93)));

    private static final String MARKDOWN = """
            # scrapebench report: run <1>

            | | |
            |---|---|
            | JDK | 25.0.3 |

            Scores are means; `a|b` is code & **bold** text.

            ## io-bound

            | model | score (ms/op) | note |
            |---|---:|---|
            | SERIAL | 2269.7 ± 9.4 | a \\| b |
            | FIXED_THREAD_POOL | 222.4 ± 3.1 | <script>alert(1)</script> |

            ![io-bound, lower is better](charts/io-bound.svg)

            - first warning
            - second warning
            """;

    private static int count(String text, String fragment) {
        return (int) Pattern.compile(Pattern.quote(fragment)).matcher(text).results().count();
    }

    @Test
    void chartsAreInlinedWithTheirNumbersAndCounted() {
        String html = HtmlReport.render(MARKDOWN, List.of(CHART));
        assertEquals(1, count(html, "<svg "));
        assertTrue(html.contains("data-charts-expected=\"1\""), html);
        assertTrue(html.contains("<figure class=\"chart\" id=\"figure-io-bound\">"), html);
        assertTrue(html.contains("<details><summary>The numbers in this chart</summary>"), html);
        assertTrue(html.contains("<td>SERIAL</td><td>1 x 2</td><td>2260</td><td>2280</td>"), html);
    }

    @Test
    void aChartThatWasNotDrawnIsMarkedMissingNotSilentlyDropped() {
        String html = HtmlReport.render(MARKDOWN, List.of());
        assertTrue(html.contains("class=\"chart chart-missing\""), html);
        assertTrue(html.contains("data-charts-expected=\"1\""), html);
        assertEquals(0, count(html, "<svg "));
    }

    @Test
    void tablesKeepTheirCellsAlignmentAndAreSortable() {
        String html = HtmlReport.render(MARKDOWN, List.of(CHART));
        assertTrue(html.contains("<table class=\"sortable\">"), html);
        assertTrue(html.contains("<th scope=\"col\" class=\"num\"><button type=\"button\">score (ms/op)</button></th>"),
                html);
        assertTrue(html.contains("<td class=\"num\">2269.7 ± 9.4</td><td>a | b</td>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), "cells are escaped");
        assertTrue(html.contains("<tr><td>JDK</td><td>25.0.3</td></tr>"), "key-value table without a header row");
        assertTrue(html.contains("<code>a|b</code> is code &amp; <strong>bold</strong> text"), html);
        assertTrue(html.contains("<ul>\n<li>first warning</li>\n<li>second warning</li>\n</ul>"), html);
    }

    @Test
    void headingsGetIdsAndANavigationAndThePageTitle() {
        String html = HtmlReport.render(MARKDOWN, List.of(CHART));
        assertTrue(html.contains("<title>scrapebench report: run &lt;1&gt;</title>"), html);
        assertTrue(html.contains("<h2 id=\"io-bound\">io-bound</h2>"), html);
        assertTrue(html.contains("<nav aria-label=\"Sections\"><ul>\n<li><a href=\"#io-bound\">io-bound</a></li>"), html);
    }

    @Test
    void thePageLoadsNothingFromAnywhere() {
        String html = HtmlReport.render(MARKDOWN, List.of(CHART));
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"),
                html);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external reference");
        assertFalse(html.contains("<link"), html);
        assertFalse(html.contains("<script src"), html);
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
        assertTrue(html.contains("@media print"), html);
    }
}
