package org.scrapebench.analysis.chart;

import java.util.ArrayList;
import java.util.List;
import org.scrapebench.analysis.NumberText;

/**
 * One regime at a glance: per model, every measured iteration as a point on
 * its fork's line (shape = fork), the mean with its interval under them, and
 * the bound as a dashed line, on a log axis when the values span more than
 * ten times. Noise, fork-to-fork spread and distance to the limit in one
 * picture.
 */
public final class StripPlot {
    static final double WIDTH = 760;
    static final double LEFT = 180;
    static final double RIGHT = 24;
    static final double TOP = 62;
    static final double FORK_STEP = 9;
    static final String POINT = "#0072B2";
    static final String BOUND = "#D55E00";

    /**
     * One model's row.
     *
     * @param forks iteration values per fork, in the chart's unit
     * @param bound the best possible value in the chart's unit, NaN when there is none
     * @param efficiency bound / measured, NaN when there is no bound
     */
    public record Row(String label, List<List<Double>> forks, double mean, double low, double high, double bound,
                      double efficiency) {
    }

    private StripPlot() {
    }

    /** {@code confidence} names the interval ("95%"); {@code higherIsBetter} words the axis. */
    public static SvgChart render(String name, String title, String unit, boolean higherIsBetter, String confidence,
                                  List<Row> rows) {
        List<Double> values = new ArrayList<>();
        for (Row r : rows) {
            r.forks().forEach(values::addAll);
            values.addAll(List.of(r.mean(), r.low(), r.high(), r.bound()));
        }
        Scale x = Scale.fit(values, LEFT, WIDTH - RIGHT, false);
        double[] tops = new double[rows.size() + 1];
        tops[0] = TOP;
        for (int i = 0; i < rows.size(); i++) {
            tops[i + 1] = tops[i] + rowHeight(rows.get(i));
        }
        double bottom = tops[rows.size()];
        double height = bottom + 50;
        SvgChart.Numbers numbers = numbers(rows, unit, confidence);
        String summary = "Every measured iteration per model, grouped by fork, with the mean and its " + confidence
                + " interval and the bound (best possible) as a dashed line; " + unit
                + (x.log() ? ", log scale" : "") + ", " + (higherIsBetter ? "higher" : "lower") + " is better.";
        SvgWriter svg = ChartFrame.begin(name, WIDTH, height, title, summary, numbers);
        legend(svg, confidence);
        ChartFrame.xAxis(svg, x, TOP, bottom, unit + (x.log() ? " (log scale)" : "") + ", "
                + (higherIsBetter ? "higher" : "lower") + " is better");
        for (int i = 0; i < rows.size(); i++) {
            row(svg, x, rows.get(i), tops[i], tops[i + 1], i, unit);
        }
        return new SvgChart(name, title, summary, numbers, ChartFrame.end(svg));
    }

    static double rowHeight(Row row) {
        return 12 + Math.max(1, row.forks().size()) * FORK_STEP + 16;
    }

    private static void legend(SvgWriter svg, String confidence) {
        double y = 42;
        Marker.CIRCLE.draw(svg, 16, y, 3.5, POINT, POINT, "an iteration of fork 1", "class", "legend");
        Marker.SQUARE.draw(svg, 28, y, 3.5, POINT, POINT, "an iteration of fork 2", "class", "legend");
        svg.text("text", "iterations (shape and line = fork)", "x", "38", "y", SvgWriter.px(y + 4), "fill",
                ChartFrame.INK);
        svg.empty("line", "x1", "250", "x2", "280", "y1", SvgWriter.px(y), "y2", SvgWriter.px(y), "stroke",
                ChartFrame.INK, "stroke-width", "2");
        Marker.DIAMOND.draw(svg, 265, y, 4, ChartFrame.INK, ChartFrame.INK, "mean", "class", "legend");
        svg.text("text", "mean and " + confidence + " interval", "x", "288", "y", SvgWriter.px(y + 4), "fill",
                ChartFrame.INK);
        svg.empty("line", "x1", "470", "x2", "470", "y1", SvgWriter.px(y - 8), "y2", SvgWriter.px(y + 8), "stroke",
                BOUND, "stroke-width", "2", "stroke-dasharray", "4 3");
        svg.text("text", "bound: the best this machine allows", "x", "478", "y", SvgWriter.px(y + 4), "fill",
                ChartFrame.INK);
    }

    private static void row(SvgWriter svg, Scale x, Row row, double top, double bottom, int index, String unit) {
        svg.open("g", "class", "row", "data-label", row.label());
        if (index % 2 == 0) {
            svg.empty("rect", "x", SvgWriter.px(x.from()), "y", SvgWriter.px(top), "width",
                    SvgWriter.px(x.to() - x.from()), "height", SvgWriter.px(bottom - top), "fill", "#f6f8fa",
                    "fill-opacity", "0.8");
        }
        svg.text("text", row.label(), "x", SvgWriter.px(LEFT - 8), "y", SvgWriter.px((top + bottom) / 2), "dy",
                "0.32em", "text-anchor", "end", "fill", ChartFrame.INK);
        for (int f = 0; f < row.forks().size(); f++) {
            double y = top + 10 + f * FORK_STEP;
            Marker shape = Marker.nth(f);
            List<Double> fork = row.forks().get(f);
            for (int i = 0; i < fork.size(); i++) {
                double v = fork.get(i);
                shape.draw(svg, x.map(v), y, 3.2, POINT, POINT, row.label() + ", fork " + (f + 1) + ", iteration "
                        + (i + 1) + ": " + NumberText.significant(v, 4) + " " + unit,
                        "class", "point", "data-fork", Integer.toString(f + 1), "data-value", SvgWriter.exact(v),
                        "fill-opacity", "0.55");
            }
        }
        double y = bottom - 11;
        if (Double.isFinite(row.low()) && Double.isFinite(row.high())) {
            svg.withTitle("line", confidence(row, unit), "class", "ci", "x1", SvgWriter.px(x.map(row.low())),
                    "x2", SvgWriter.px(x.map(row.high())), "y1", SvgWriter.px(y), "y2", SvgWriter.px(y),
                    "stroke", ChartFrame.INK, "stroke-width", "2",
                    "data-low", SvgWriter.exact(row.low()), "data-high", SvgWriter.exact(row.high()));
            for (double end : new double[] {row.low(), row.high()}) {
                svg.empty("line", "x1", SvgWriter.px(x.map(end)), "x2", SvgWriter.px(x.map(end)), "y1",
                        SvgWriter.px(y - 4), "y2", SvgWriter.px(y + 4), "stroke", ChartFrame.INK, "stroke-width", "2");
            }
        }
        if (Double.isFinite(row.mean())) {
            Marker.DIAMOND.draw(svg, x.map(row.mean()), y, 4, ChartFrame.INK, ChartFrame.INK, confidence(row, unit),
                    "class", "mean", "data-value", SvgWriter.exact(row.mean()));
        }
        if (Double.isFinite(row.bound())) {
            String at = SvgWriter.px(x.map(row.bound()));
            svg.withTitle("line", "bound " + NumberText.significant(row.bound(), 3) + " " + unit
                            + (Double.isFinite(row.efficiency()) ? ", efficiency " + NumberText.fixed(row.efficiency(), 2) : ""),
                    "class", "bound", "x1", at, "x2", at, "y1", SvgWriter.px(top + 2), "y2", SvgWriter.px(bottom - 2),
                    "stroke", BOUND, "stroke-width", "2", "stroke-dasharray", "4 3",
                    "data-value", SvgWriter.exact(row.bound()));
        }
        svg.close("g");
    }

    private static String confidence(Row row, String unit) {
        return row.label() + ": mean " + NumberText.scoreWithError(row.mean(), (row.high() - row.low()) / 2) + " "
                + unit + " [" + NumberText.significant(row.low(), 4) + ", " + NumberText.significant(row.high(), 4) + "]";
    }

    /** "2 x 5" when every fork has as many iterations, else the total. */
    private static String shape(List<List<Double>> forks) {
        boolean even = forks.stream().allMatch(f -> f.size() == forks.get(0).size());
        return forks.isEmpty() ? "0" : even ? forks.size() + " x " + forks.get(0).size()
                : forks.stream().mapToInt(List::size).sum() + " in " + forks.size() + " forks";
    }

    private static SvgChart.Numbers numbers(List<Row> rows, String unit, String confidence) {
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            List<Double> all = r.forks().stream().flatMap(List::stream).sorted().toList();
            lines.add(List.of(r.label(),
                    shape(r.forks()),
                    all.isEmpty() ? "n/a" : NumberText.significant(all.get(0), 4),
                    all.isEmpty() ? "n/a" : NumberText.significant(all.get(all.size() - 1), 4),
                    NumberText.significant(r.mean(), 4),
                    Double.isFinite(r.low()) ? "[" + NumberText.significant(r.low(), 4) + ", "
                            + NumberText.significant(r.high(), 4) + "]" : "n/a",
                    NumberText.significant(r.bound(), 3),
                    NumberText.fixed(r.efficiency(), 2)));
        }
        return new SvgChart.Numbers(List.of("model", "forks x iterations", "min (" + unit + ")", "max", "mean",
                confidence + " CI", "bound", "efficiency"), lines);
    }
}
