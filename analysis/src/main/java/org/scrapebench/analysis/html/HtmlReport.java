package org.scrapebench.analysis.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.chart.SvgChart;
import org.scrapebench.analysis.chart.SvgWriter;

/**
 * {@code report.html}: the report's Markdown as one self-contained page, its
 * charts inline as SVG with their numbers in a table under each, sortable
 * tables, readable on a phone and printable. Nothing is loaded from anywhere
 * (the Content-Security-Policy forbids it), so it opens the same offline.
 *
 * <p>For the browser check, the page records what happened on the root
 * element: {@code data-errors} (script errors, blocked loads),
 * {@code data-charts-expected} and {@code data-charts-rendered} (charts with
 * a drawn, non-empty SVG).
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private HtmlReport() {
    }

    /** Writes the page for {@code markdown}, inlining each of {@code charts} where the Markdown links it. */
    public static Path write(Path file, String markdown, List<SvgChart> charts) {
        try {
            Files.writeString(file, render(markdown, charts));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
        return file;
    }

    static String render(String markdown, List<SvgChart> charts) {
        Map<String, SvgChart> byPath = new LinkedHashMap<>();
        charts.forEach(c -> byPath.put("charts/" + c.fileName(), c));
        int[] expected = {0};
        MarkdownHtml converter = new MarkdownHtml(path -> {
            expected[0]++;
            SvgChart chart = byPath.get(path);
            return chart == null ? missing(path) : figure(chart);
        });
        String body = converter.convert(markdown);
        String title = converter.headings().stream().filter(h -> h.level() == 1).findFirst()
                .map(MarkdownHtml.Heading::text).orElse("scrapebench report");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\" data-errors=\"0\" data-charts-expected=\"").append(expected[0])
                .append("\" data-charts-rendered=\"0\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // no network at all: a reference to anything outside the page is blocked and counted as an error
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(SvgWriter.escape(title)).append("</title>\n")
                .append("<style>\n").append(PageAssets.CSS).append("</style>\n")
                .append("<script>\n").append(PageAssets.ERROR_RECORDER).append("</script>\n")
                .append("</head>\n<body>\n");
        nav(html, converter.headings());
        html.append("<main>\n").append(body).append("</main>\n");
        html.append("<script>\n").append(PageAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void nav(StringBuilder html, List<MarkdownHtml.Heading> headings) {
        List<MarkdownHtml.Heading> sections = headings.stream().filter(h -> h.level() == 2).toList();
        if (sections.isEmpty()) {
            return;
        }
        html.append("<nav aria-label=\"Sections\"><ul>\n");
        sections.forEach(h -> html.append("<li><a href=\"#").append(h.id()).append("\">")
                .append(MarkdownHtml.inline(h.text())).append("</a></li>\n"));
        html.append("</ul></nav>\n");
    }

    /** The chart, a one-line summary, and its numbers in a collapsed table: the text alternative. */
    static String figure(SvgChart chart) {
        StringBuilder html = new StringBuilder();
        html.append("<figure class=\"chart\" id=\"figure-").append(SvgWriter.escape(chart.name())).append("\">\n");
        html.append("<div class=\"chart-box\">\n").append(chart.svg()).append("</div>\n");
        html.append("<figcaption><p>").append(SvgWriter.escape(chart.summary())).append("</p>\n");
        html.append("<details><summary>The numbers in this chart</summary>\n<div class=\"table-wrap\"><table>\n<thead><tr>");
        chart.numbers().header().forEach(h -> html.append("<th scope=\"col\">").append(SvgWriter.escape(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : chart.numbers().rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(SvgWriter.escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div></details></figcaption>\n</figure>");
        return html.toString();
    }

    /** A linked chart that was not drawn: visible, and not counted as rendered, so the browser check fails. */
    private static String missing(String path) {
        return "<figure class=\"chart chart-missing\"><p>Chart missing: " + SvgWriter.escape(path) + "</p></figure>";
    }
}
