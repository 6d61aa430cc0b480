package org.scrapebench.analysis.chart;

import java.util.List;

/**
 * A drawn chart: the SVG text and, as its text alternative, a summary and
 * the numbers it shows (also written into the SVG's {@code <desc>}), which
 * the HTML report prints as a table under the picture.
 *
 * @param name file base name, unique within a report (also the element id prefix)
 */
public record SvgChart(String name, String title, String summary, Numbers numbers, String svg) {

    /** The numbers behind a chart, one row per drawn item. */
    public record Numbers(List<String> header, List<List<String>> rows) {

        /** "header: value; header: value", one line per row, for {@code <desc>}. */
        public String asText() {
            StringBuilder text = new StringBuilder();
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    text.append(i == 0 ? "" : "; ").append(header.get(i)).append(": ").append(row.get(i));
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    public String fileName() {
        return name + ".svg";
    }
}
