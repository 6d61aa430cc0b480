package org.scrapebench.analysis.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scrapebench.analysis.chart.SvgWriter;

/**
 * The Markdown that the report writes, as HTML: headings (with ids), pipe
 * tables (alignment, escaped pipes), lists, paragraphs, and inline code,
 * bold and links. An image on a line of its own becomes whatever
 * {@code figure} returns for its path (the report inlines the chart there).
 * Only this subset: the input is our own output, not arbitrary Markdown.
 */
final class MarkdownHtml {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");
    private static final Pattern IMAGE = Pattern.compile("^!\\[((?:[^\\]\\\\]|\\\\.)*)\\]\\(([^)\\s]+)\\)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern DELIMITER = Pattern.compile("^\\|(\\s*:?-+:?\\s*\\|)+$");

    /** A heading kept for the table of contents. */
    record Heading(int level, String id, String text) {
    }

    private final Function<String, String> figure;
    private final List<Heading> headings = new ArrayList<>();
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    MarkdownHtml(Function<String, String> figure) {
        this.figure = figure;
    }

    List<Heading> headings() {
        return headings;
    }

    String convert(String markdown) {
        List<String> lines = markdown.lines().toList();
        StringBuilder html = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher heading = HEADING.matcher(line);
            Matcher image = IMAGE.matcher(line.trim());
            if (line.isBlank()) {
                i++;
            } else if (heading.matches()) {
                int level = heading.group(1).length();
                String text = heading.group(2);
                String id = id(text);
                headings.add(new Heading(level, id, text));
                html.append("<h").append(level).append(" id=\"").append(id).append("\">").append(inline(text))
                        .append("</h").append(level).append(">\n");
                i++;
            } else if (image.matches()) {
                html.append(figure.apply(image.group(2))).append('\n');
                i++;
            } else if (line.startsWith("|") && i + 1 < lines.size() && DELIMITER.matcher(lines.get(i + 1).trim()).matches()) {
                int end = i + 2;
                while (end < lines.size() && lines.get(end).startsWith("|")) {
                    end++;
                }
                table(html, line, lines.get(i + 1), lines.subList(i + 2, end));
                i = end;
            } else if (line.startsWith("- ")) {
                html.append("<ul>\n");
                while (i < lines.size() && lines.get(i).startsWith("- ")) {
                    html.append("<li>").append(inline(lines.get(i).substring(2))).append("</li>\n");
                    i++;
                }
                html.append("</ul>\n");
            } else {
                StringBuilder paragraph = new StringBuilder();
                while (i < lines.size() && !lines.get(i).isBlank() && !HEADING.matcher(lines.get(i)).matches()
                        && !lines.get(i).startsWith("|") && !lines.get(i).startsWith("- ")
                        && !IMAGE.matcher(lines.get(i).trim()).matches()) {
                    paragraph.append(paragraph.length() == 0 ? "" : " ").append(lines.get(i).trim());
                    i++;
                }
                html.append("<p>").append(inline(paragraph.toString())).append("</p>\n");
            }
        }
        return html.toString();
    }

    private void table(StringBuilder html, String header, String delimiter, List<String> body) {
        List<String> heads = cells(header);
        List<String> aligns = cells(delimiter).stream().map(c -> c.trim().endsWith(":") ? "num" : null).toList();
        boolean named = heads.stream().anyMatch(h -> !h.isBlank());
        boolean sortable = body.size() > 1 && named;
        html.append("<div class=\"table-wrap\"><table").append(sortable ? " class=\"sortable\"" : "").append(">\n");
        // "| | |" heads a key-value table: no header row to show
        if (named) {
            html.append("<thead><tr>");
            for (int c = 0; c < heads.size(); c++) {
                html.append("<th scope=\"col\"").append(align(aligns, c)).append('>');
                html.append(sortable ? "<button type=\"button\">" + inline(heads.get(c)) + "</button>"
                        : inline(heads.get(c)));
                html.append("</th>");
            }
            html.append("</tr></thead>\n");
        }
        html.append("<tbody>\n");
        for (String row : body) {
            List<String> cells = cells(row);
            html.append("<tr>");
            for (int c = 0; c < cells.size(); c++) {
                html.append("<td").append(align(aligns, c)).append('>').append(inline(cells.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
    }

    private static String align(List<String> aligns, int column) {
        return column < aligns.size() && aligns.get(column) != null ? " class=\"" + aligns.get(column) + "\"" : "";
    }

    /** The cells of "| a | b \| c |": pipes escaped with a backslash belong to the cell. */
    static List<String> cells(String row) {
        String inner = row.trim();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    /** Escapes, then code spans (left as they are inside), bold and links. */
    static String inline(String text) {
        StringBuilder html = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1 && i < parts.length - 1;
            if (code) {
                html.append("<code>").append(SvgWriter.escape(parts[i])).append("</code>");
            } else {
                String plain = SvgWriter.escape(i % 2 == 1 ? "`" + parts[i] : parts[i]);
                plain = BOLD.matcher(plain).replaceAll("<strong>$1</strong>");
                plain = LINK.matcher(plain).replaceAll("<a href=\"$2\">$1</a>");
                html.append(plain);
            }
        }
        return html.toString();
    }

    /** A unique id from the heading's text. */
    private String id(String text) {
        String slug = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        slug = slug.isEmpty() ? "section" : slug;
        int seen = ids.merge(slug, 1, Integer::sum);
        return seen == 1 ? slug : slug + "-" + seen;
    }
}
