package org.scrapebench.analysis.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.compare.Comparison;
import org.scrapebench.analysis.compare.ComparisonRow;
import org.scrapebench.analysis.compare.QuotableLine;
import org.scrapebench.analysis.compare.Verdict;

/**
 * A comparison as a forest plot: one line per row, the ratio OTHER/BASE as a
 * point whose shape and colour say the verdict (also written as a word), its
 * bootstrap interval as a bar, the equivalence band shaded and 1 marked, on a
 * log axis so that 0.5x and 2x lie equally far from 1. One panel per
 * benchmark class, each with its own axis, so that a 3% change is visible
 * next to a class whose ratios reach 2x; the geometric mean closes the list.
 */
public final class ForestPlot {
    static final double PLOT_WIDTH = 360;
    static final double TOP = 96;
    static final double ROW = 20;
    static final double PANEL_HEAD = 24;
    static final double PANEL_AXIS = 48;
    /** Rough width of a 12px character, to size the text columns. */
    static final double CHAR = 6.8;
    static final String BAND = "#0072B2";

    /** How each verdict is drawn: colour (Okabe-Ito), shape, and whether the shape is filled. */
    record Look(String colour, Marker shape, boolean filled) {
    }

    static final Map<Verdict, Look> LOOKS = Map.of(
            Verdict.FASTER, new Look("#009E73", Marker.TRIANGLE, true),
            Verdict.SLOWER, new Look("#D55E00", Marker.TRIANGLE_DOWN, true),
            Verdict.EQUIVALENT, new Look("#0072B2", Marker.DIAMOND, true),
            Verdict.INCONCLUSIVE, new Look("#6e7781", Marker.CIRCLE, false));

    /**
     * One line, in the panel named {@code group}. {@code bandLow}/{@code bandHigh} are the ratios
     * inside which the row counts as equivalent, as the verdict used them.
     */
    public record Row(String group, String label, double ratio, double low, double high, double bandLow,
                      double bandHigh, Verdict verdict, boolean summary) {
    }

    private ForestPlot() {
    }

    /** The comparison's rows (one panel per benchmark class) and geometric mean, with the verdicts' band. */
    public static List<Row> rows(Comparison comparison) {
        List<String> labels = QuotableLine.labels(comparison);
        double margin = equivalenceMargin(comparison);
        boolean mixed = comparison.rows().stream().map(ComparisonRow::higherIsBetter).distinct().count() > 1;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < comparison.rows().size(); i++) {
            ComparisonRow r = comparison.rows().get(i);
            String label = labels.get(i) + (mixed ? " [" + r.key().mode().shortName() + "]" : "");
            rows.add(new Row(r.base().className(), label, r.ratio(), r.ratioLow(), r.ratioHigh(), 1 - r.margin(),
                    1 + r.margin(), r.verdict(), false));
        }
        comparison.geometricMean().ifPresent(g -> rows.add(new Row("all rows", "geometric mean of " + g.rows()
                + " rows" + (g.asTimeRatio() ? " (as time ratios)" : ""), g.ratio(), g.low(), g.high(), 1 - margin,
                1 + margin, g.verdict(), true)));
        return rows;
    }

    /**
     * The geometric mean's band: the fixed threshold, or with a measured noise floor its widest row
     * (each row's own band comes with the row).
     */
    static double equivalenceMargin(Comparison comparison) {
        return comparison.settings().noise() == null ? comparison.settings().threshold()
                : comparison.settings().noise().widest();
    }

    /** The forest plot of one comparison, titled {@code title}. */
    public static SvgChart of(String name, String title, Comparison comparison) {
        boolean allHigher = comparison.rows().stream().allMatch(ComparisonRow::higherIsBetter);
        boolean allLower = comparison.rows().stream().noneMatch(ComparisonRow::higherIsBetter);
        String direction = allLower ? "left of 1: OTHER faster (less time), right of 1: slower"
                : allHigher ? "right of 1: OTHER faster (more throughput), left of 1: slower"
                : "time rows: left of 1 is faster; throughput rows [thrpt]: right of 1 is faster";
        return render(name, title, direction, NumberText.percent(comparison.settings().confidence()), rows(comparison));
    }

    /** "OTHER file / BASE file", the title when nothing better is known. */
    public static String defaultTitle(Comparison comparison) {
        return "OTHER/BASE: " + comparison.other().label() + " vs " + comparison.base().label();
    }

    public static SvgChart render(String name, String title, String direction, String confidence, List<Row> rows) {
        Map<String, List<Row>> panels = new LinkedHashMap<>();
        rows.forEach(r -> panels.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        double left = 24 + CHAR * rows.stream().mapToInt(r -> r.label().length()).max().orElse(10);
        double plotRight = left + PLOT_WIDTH;
        double ratioWidth = 16 + CHAR * rows.stream()
                .mapToInt(r -> NumberText.ratioWithInterval(r.ratio(), r.low(), r.high()).length()).max().orElse(10);
        double width = plotRight + ratioWidth + 110;
        double height = TOP + panels.values().stream().mapToDouble(p -> PANEL_HEAD + p.size() * ROW + PANEL_AXIS).sum();

        SvgChart.Numbers numbers = numbers(rows, confidence);
        String summary = "Ratio OTHER/BASE per row with its " + confidence + " bootstrap interval, one panel per "
                + "benchmark class with its own log axis; the shaded band is the equivalence margin; " + direction
                + ".";
        SvgWriter svg = ChartFrame.begin(name, width, height, title, summary, numbers);
        svg.text("text", direction + "; shape, colour and word give the verdict", "x", "12", "y", "42",
                "fill", ChartFrame.MUTED);
        legend(svg, rows);
        svg.text("text", "OTHER/BASE [" + confidence + " CI]", "x", SvgWriter.px(plotRight + 12), "y",
                SvgWriter.px(TOP - 8), "fill", ChartFrame.MUTED);
        svg.text("text", "verdict", "x", SvgWriter.px(width - 12), "y", SvgWriter.px(TOP - 8), "text-anchor", "end",
                "fill", ChartFrame.MUTED);
        double y = TOP;
        int index = 0;
        for (Map.Entry<String, List<Row>> panel : panels.entrySet()) {
            List<Double> values = new ArrayList<>(List.of(1.0));
            panel.getValue().forEach(r -> values.addAll(List.of(r.ratio(), r.low(), r.high(), r.bandLow(),
                    r.bandHigh())));
            Scale x = Scale.fit(values.stream().filter(v -> v > 0).toList(), left, plotRight, true);
            svg.open("g", "class", "panel", "data-group", panel.getKey());
            svg.text("text", panel.getKey(), "x", "12", "y", SvgWriter.px(y + 16), "font-weight", "600",
                    "fill", ChartFrame.INK);
            double top = y + PANEL_HEAD;
            double bottom = top + panel.getValue().size() * ROW;
            for (int i = 0; i < panel.getValue().size(); i++) {
                row(svg, x, panel.getValue().get(i), top + i * ROW, width, plotRight, index++);
            }
            ChartFrame.xAxis(svg, x, top, bottom, "ratio OTHER/BASE (log scale)");
            String one = SvgWriter.px(x.map(1));
            svg.empty("line", "class", "one", "x1", one, "x2", one, "y1", SvgWriter.px(top), "y2",
                    SvgWriter.px(bottom), "stroke", ChartFrame.INK, "stroke-width", "1");
            svg.close("g");
            y = bottom + PANEL_AXIS;
        }
        return new SvgChart(name, title, summary, numbers, ChartFrame.end(svg));
    }

    private static void row(SvgWriter svg, Scale x, Row r, double top, double width, double plotRight, int index) {
        Look look = LOOKS.get(r.verdict());
        double y = top + ROW / 2;
        svg.open("g", "class", "row" + (r.summary() ? " summary" : ""), "data-label", r.label(),
                "data-verdict", r.verdict().label());
        if (index % 2 == 0) {
            svg.empty("rect", "x", "8", "y", SvgWriter.px(top), "width", SvgWriter.px(width - 16), "height",
                    SvgWriter.px(ROW), "fill", "#f6f8fa");
        }
        if (r.bandHigh() > r.bandLow()) {
            svg.empty("rect", "class", "band", "x", SvgWriter.px(x.map(r.bandLow())), "y", SvgWriter.px(top),
                    "width", SvgWriter.px(x.map(r.bandHigh()) - x.map(r.bandLow())), "height", SvgWriter.px(ROW),
                    "fill", BAND, "fill-opacity", "0.14", "data-low", SvgWriter.exact(r.bandLow()),
                    "data-high", SvgWriter.exact(r.bandHigh()));
        }
        svg.text("text", r.label(), "x", SvgWriter.px(x.from() - 10), "y", SvgWriter.px(y), "dy", "0.32em",
                "text-anchor", "end", "fill", ChartFrame.INK, "font-weight", r.summary() ? "600" : null);
        String interval = NumberText.ratioWithInterval(r.ratio(), r.low(), r.high());
        if (Double.isFinite(r.low()) && Double.isFinite(r.high())) {
            svg.withTitle("line", r.label() + ": " + interval + ", " + r.verdict().label(), "class", "ci",
                    "x1", SvgWriter.px(x.map(r.low())), "x2", SvgWriter.px(x.map(r.high())), "y1", SvgWriter.px(y),
                    "y2", SvgWriter.px(y), "stroke", look.colour(), "stroke-width", "2.5",
                    "data-low", SvgWriter.exact(r.low()), "data-high", SvgWriter.exact(r.high()));
        }
        if (Double.isFinite(r.ratio()) && r.ratio() > 0) {
            look.shape().draw(svg, x.map(r.ratio()), y, 4.5, look.colour(), look.filled() ? look.colour() : null,
                    r.label() + ": " + interval + ", " + r.verdict().label(), "class", "ratio",
                    "data-value", SvgWriter.exact(r.ratio()));
        }
        svg.text("text", interval, "x", SvgWriter.px(plotRight + 12), "y", SvgWriter.px(y), "dy", "0.32em",
                "fill", ChartFrame.INK);
        svg.text("text", r.verdict().label(), "class", "verdict", "x", SvgWriter.px(width - 12), "y",
                SvgWriter.px(y), "dy", "0.32em", "text-anchor", "end", "fill", look.colour(), "font-weight", "600");
        svg.close("g");
    }

    private static void legend(SvgWriter svg, List<Row> rows) {
        double y = 66;
        double x = 12;
        for (Verdict v : Verdict.values()) {
            Look look = LOOKS.get(v);
            look.shape().draw(svg, x + 6, y, 4.5, look.colour(), look.filled() ? look.colour() : null, v.label(),
                    "class", "legend");
            svg.text("text", v.label(), "x", SvgWriter.px(x + 16), "y", SvgWriter.px(y + 4), "fill", ChartFrame.INK);
            x += 16 + v.label().length() * 7.2 + 18;
        }
        double bandX = x;
        rows.stream().findFirst().ifPresent(r -> {
            svg.empty("rect", "x", SvgWriter.px(bandX), "y", SvgWriter.px(y - 7), "width", "22", "height", "14",
                    "fill", BAND, "fill-opacity", "0.14");
            svg.text("text", "equivalent if the whole interval lies in " + SvgWriter.label(r.bandLow()) + " to "
                    + SvgWriter.label(r.bandHigh()), "x", SvgWriter.px(bandX + 28), "y", SvgWriter.px(y + 4), "fill",
                    ChartFrame.INK);
        });
    }

    private static SvgChart.Numbers numbers(List<Row> rows, String confidence) {
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(List.of(r.label(), NumberText.ratioWithInterval(r.ratio(), r.low(), r.high()),
                    SvgWriter.label(r.bandLow()) + " to " + SvgWriter.label(r.bandHigh()), r.verdict().label()));
        }
        return new SvgChart.Numbers(List.of("row", "OTHER/BASE [" + confidence + " CI]", "equivalent within",
                "verdict"), lines);
    }
}
