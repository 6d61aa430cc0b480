package org.scrapebench.analysis.chart;

/**
 * The parts every chart shares: the {@code <svg>} root with its accessible
 * name and description, the title line, and the axes with their ticks.
 */
final class ChartFrame {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    static final String INK = "#1f2328";
    static final String MUTED = "#59636e";
    static final String GRID = "#d8dee4";

    private ChartFrame() {
    }

    /** Opens the root; the caller draws, then calls {@link #end}. */
    static SvgWriter begin(String name, double width, double height, String title, String summary,
                           SvgChart.Numbers numbers) {
        String id = "chart-" + name;
        SvgWriter svg = new SvgWriter();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + SvgWriter.px(width) + " "
                        + SvgWriter.px(height), "width", SvgWriter.px(width), "height", SvgWriter.px(height),
                "role", "img", "aria-labelledby", id + "-title " + id + "-desc", "class", "chart",
                "data-chart", name, "font-family", FONT, "font-size", "12");
        svg.text("title", title, "id", id + "-title");
        svg.text("desc", summary + "\n" + numbers.asText(), "id", id + "-desc");
        svg.empty("rect", "width", SvgWriter.px(width), "height", SvgWriter.px(height), "fill", "#ffffff");
        svg.text("text", title, "x", "12", "y", "22", "font-size", "15", "font-weight", "600", "fill", INK);
        return svg;
    }

    static String end(SvgWriter svg) {
        return svg.close("svg").toString();
    }

    /** Vertical grid lines at the ticks from {@code top} to {@code bottom}, labels under it, then the axis title. */
    static void xAxis(SvgWriter svg, Scale x, double top, double bottom, String title) {
        svg.open("g", "class", "x-axis", "data-scale", x.kind(), "data-domain",
                SvgWriter.exact(x.low()) + " " + SvgWriter.exact(x.high()),
                "data-range", SvgWriter.exact(x.from()) + " " + SvgWriter.exact(x.to()));
        for (double t : x.ticks()) {
            String at = SvgWriter.px(x.map(t));
            svg.empty("line", "x1", at, "x2", at, "y1", SvgWriter.px(top), "y2", SvgWriter.px(bottom),
                    "stroke", GRID, "stroke-width", "1");
            svg.text("text", SvgWriter.label(t), "class", "tick", "x", at, "y", SvgWriter.px(bottom + 14),
                    "text-anchor", "middle", "fill", MUTED, "data-value", SvgWriter.exact(t));
        }
        svg.empty("line", "x1", SvgWriter.px(x.from()), "x2", SvgWriter.px(x.to()), "y1", SvgWriter.px(bottom),
                "y2", SvgWriter.px(bottom), "stroke", MUTED, "stroke-width", "1");
        svg.text("text", title, "x", SvgWriter.px((x.from() + x.to()) / 2), "y", SvgWriter.px(bottom + 32),
                "text-anchor", "middle", "fill", INK);
        svg.close("g");
    }

    /** Horizontal grid lines at the ticks from {@code left} to {@code right}, labels left of it, title rotated. */
    static void yAxis(SvgWriter svg, Scale y, double left, double right, String title) {
        svg.open("g", "class", "y-axis", "data-scale", y.kind(), "data-domain",
                SvgWriter.exact(y.low()) + " " + SvgWriter.exact(y.high()),
                "data-range", SvgWriter.exact(y.from()) + " " + SvgWriter.exact(y.to()));
        for (double t : y.ticks()) {
            String at = SvgWriter.px(y.map(t));
            svg.empty("line", "x1", SvgWriter.px(left), "x2", SvgWriter.px(right), "y1", at, "y2", at,
                    "stroke", GRID, "stroke-width", "1");
            svg.text("text", SvgWriter.label(t), "class", "tick", "x", SvgWriter.px(left - 6), "y", at,
                    "dy", "0.32em", "text-anchor", "end", "fill", MUTED, "data-value", SvgWriter.exact(t));
        }
        svg.empty("line", "x1", SvgWriter.px(left), "x2", SvgWriter.px(left), "y1", SvgWriter.px(y.from()),
                "y2", SvgWriter.px(y.to()), "stroke", MUTED, "stroke-width", "1");
        double middle = (y.from() + y.to()) / 2;
        svg.text("text", title, "x", SvgWriter.px(left - 52), "y", SvgWriter.px(middle), "text-anchor", "middle",
                "fill", INK, "transform", "rotate(-90 " + SvgWriter.px(left - 52) + " " + SvgWriter.px(middle) + ")");
        svg.close("g");
    }
}
