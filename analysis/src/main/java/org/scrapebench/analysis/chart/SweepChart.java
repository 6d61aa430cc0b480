package org.scrapebench.analysis.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.scrapebench.analysis.NumberText;

/**
 * A sweep on log-log axes: per model the measured mean with its interval
 * (solid) and the bound at the same n (dashed, same colour), so "time falls
 * like 1/n until the chain is the floor" is a straight line that bends; under
 * it, the efficiency (bound / measured) on a linear axis with 1.0 marked.
 */
public final class SweepChart {
    static final double WIDTH = 760;
    static final double LEFT = 80;
    static final double PLOT_RIGHT = 560;
    static final double TOP = 44;
    static final double TIME_HEIGHT = 280;
    static final double GAP = 62;
    static final double EFFICIENCY_HEIGHT = 130;
    /** Okabe-Ito: told apart with the common colour-vision deficiencies. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#000000", "#F0E442");

    /** One model's line: values at each x, in the chart's unit; NaN where missing. */
    public record Series(String label, List<Double> x, List<Double> mean, List<Double> low, List<Double> high,
                         List<Double> bound, List<Double> efficiency) {
    }

    private SweepChart() {
    }

    public static SvgChart render(String name, String title, String xTitle, String unit, boolean higherIsBetter,
                                  String confidence, List<Series> series) {
        List<Double> xs = series.stream().flatMap(s -> s.x().stream()).toList();
        List<Double> ys = new ArrayList<>();
        List<Double> efficiencies = new ArrayList<>(List.of(0.0, 1.0));
        for (Series s : series) {
            ys.addAll(s.mean());
            ys.addAll(s.low());
            ys.addAll(s.high());
            ys.addAll(s.bound());
            efficiencies.addAll(s.efficiency());
        }
        Scale x = Scale.fit(xs, LEFT, PLOT_RIGHT, true);
        double timeBottom = TOP + TIME_HEIGHT;
        Scale y = Scale.fit(ys, timeBottom, TOP, true);
        double effTop = timeBottom + GAP;
        double effBottom = effTop + EFFICIENCY_HEIGHT;
        double effMax = Math.max(1.1, efficiencies.stream().filter(Double::isFinite).mapToDouble(d -> d).max()
                .orElse(1) * 1.05);
        Scale eff = new Scale(0, effMax, effBottom, effTop, false);

        SvgChart.Numbers numbers = numbers(series, xTitle, unit, confidence);
        String summary = "Mean " + unit + " per " + xTitle + " on log-log axes, per model, with the " + confidence
                + " interval, and the bound at each " + xTitle + " as a dashed line; below, efficiency = bound / "
                + "measured (1.0 = at the bound). " + (higherIsBetter ? "Higher" : "Lower") + " is better.";
        SvgWriter svg = ChartFrame.begin(name, WIDTH, effBottom + 46, title, summary, numbers);
        ChartFrame.yAxis(svg, y, LEFT, PLOT_RIGHT, unit + " (log)");
        ChartFrame.xAxis(svg, x, TOP, timeBottom, xTitle + " (log scale)");
        ChartFrame.yAxis(svg, eff, LEFT, PLOT_RIGHT, "efficiency");
        ChartFrame.xAxis(svg, x, effTop, effBottom, xTitle);
        svg.withTitle("line", "efficiency 1.0: at the bound", "class", "at-bound", "x1", SvgWriter.px(LEFT),
                "x2", SvgWriter.px(PLOT_RIGHT), "y1", SvgWriter.px(eff.map(1)), "y2", SvgWriter.px(eff.map(1)),
                "stroke", StripPlot.BOUND, "stroke-width", "1.5", "stroke-dasharray", "4 3");
        // one bound for every model (the usual case) is drawn once, in grey, instead of hidden under each other
        boolean shared = series.stream().allMatch(s -> s.x().equals(series.get(0).x())
                && s.bound().equals(series.get(0).bound()));
        if (shared && !series.isEmpty()) {
            polyline(svg, "bound", series.get(0).x(), series.get(0).bound(), x, y, ChartFrame.MUTED, "5 4",
                    "bound (every model)");
        }
        for (int i = 0; i < series.size(); i++) {
            drawSeries(svg, series.get(i), i, x, y, eff, unit, xTitle, !shared);
        }
        legend(svg, series, confidence, shared);
        return new SvgChart(name, title, summary, numbers, ChartFrame.end(svg));
    }

    private static void drawSeries(SvgWriter svg, Series s, int index, Scale x, Scale y, Scale eff, String unit,
                                   String xTitle, boolean ownBound) {
        String colour = PALETTE.get(index % PALETTE.size());
        Marker shape = Marker.nth(index);
        svg.open("g", "class", "series", "data-label", s.label());
        if (ownBound) {
            polyline(svg, "bound", s.x(), s.bound(), x, y, colour, "5 4", s.label() + " bound");
        }
        polyline(svg, "measured", s.x(), s.mean(), x, y, colour, null, s.label() + " measured");
        polyline(svg, "efficiency", s.x(), s.efficiency(), x, eff, colour, null, s.label() + " efficiency");
        for (int i = 0; i < s.x().size(); i++) {
            double at = x.map(s.x().get(i));
            String where = s.label() + " at " + xTitle + " " + SvgWriter.label(s.x().get(i)) + ": ";
            if (Double.isFinite(s.low().get(i)) && Double.isFinite(s.high().get(i))) {
                svg.withTitle("line", where + "interval [" + NumberText.significant(s.low().get(i), 4) + ", "
                                + NumberText.significant(s.high().get(i), 4) + "] " + unit, "class", "ci",
                        "x1", SvgWriter.px(at), "x2", SvgWriter.px(at), "y1", SvgWriter.px(y.map(s.low().get(i))),
                        "y2", SvgWriter.px(y.map(s.high().get(i))), "stroke", colour, "stroke-width", "2",
                        "data-low", SvgWriter.exact(s.low().get(i)), "data-high", SvgWriter.exact(s.high().get(i)));
            }
            if (Double.isFinite(s.mean().get(i))) {
                shape.draw(svg, at, y.map(s.mean().get(i)), 4, colour, colour, where + "mean "
                        + NumberText.significant(s.mean().get(i), 4) + " " + unit, "class", "mean",
                        "data-value", SvgWriter.exact(s.mean().get(i)));
            }
            if (Double.isFinite(s.efficiency().get(i))) {
                shape.draw(svg, at, eff.map(s.efficiency().get(i)), 3.5, colour, colour, where + "efficiency "
                        + NumberText.fixed(s.efficiency().get(i), 2), "class", "efficiency-point",
                        "data-value", SvgWriter.exact(s.efficiency().get(i)));
            }
        }
        svg.close("g");
    }

    /** A line through the finite points, with the values in {@code data-values} (x:y pairs). */
    static void polyline(SvgWriter svg, String kind, List<Double> xs, List<Double> ys, Scale x, Scale y,
                                 String colour, String dash, String title) {
        List<Integer> drawn = IntStream.range(0, xs.size()).filter(i -> Double.isFinite(ys.get(i))).boxed().toList();
        if (drawn.isEmpty()) {
            return;
        }
        String points = drawn.stream().map(i -> SvgWriter.px(x.map(xs.get(i))) + "," + SvgWriter.px(y.map(ys.get(i))))
                .collect(Collectors.joining(" "));
        String values = drawn.stream().map(i -> SvgWriter.exact(xs.get(i)) + ":" + SvgWriter.exact(ys.get(i)))
                .collect(Collectors.joining(" "));
        svg.withTitle("polyline", title, "class", kind, "points", points, "fill", "none", "stroke", colour,
                "stroke-width", dash == null ? "2" : "1.6", "stroke-dasharray", dash, "data-values", values);
    }

    /** One legend entry per line (its colour and marker, as drawn), from {@code y} down; returns the next free y. */
    static double seriesLegend(SvgWriter svg, List<String> labels, double left, double y, double markerRadius) {
        for (int i = 0; i < labels.size(); i++) {
            String colour = PALETTE.get(i % PALETTE.size());
            svg.empty("line", "x1", SvgWriter.px(left), "x2", SvgWriter.px(left + 22), "y1", SvgWriter.px(y),
                    "y2", SvgWriter.px(y), "stroke", colour, "stroke-width", "2");
            Marker.nth(i).draw(svg, left + 11, y, markerRadius, colour, colour, labels.get(i), "class", "legend");
            svg.text("text", labels.get(i), "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4), "fill",
                    ChartFrame.INK);
            y += 20;
        }
        return y;
    }

    private static void legend(SvgWriter svg, List<Series> series, String confidence, boolean sharedBound) {
        double left = PLOT_RIGHT + 24;
        double y = TOP + 8;
        y = seriesLegend(svg, series.stream().map(Series::label).toList(), left, y, 4);
        y += 6;
        svg.empty("line", "x1", SvgWriter.px(left), "x2", SvgWriter.px(left + 22), "y1", SvgWriter.px(y),
                "y2", SvgWriter.px(y), "stroke", ChartFrame.MUTED, "stroke-width", "1.6", "stroke-dasharray", "5 4");
        svg.text("text", sharedBound ? "bound (every model)" : "bound (same colour)", "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4), "fill",
                ChartFrame.INK);
        y += 20;
        svg.empty("line", "x1", SvgWriter.px(left + 11), "x2", SvgWriter.px(left + 11), "y1", SvgWriter.px(y - 7),
                "y2", SvgWriter.px(y + 7), "stroke", ChartFrame.MUTED, "stroke-width", "2");
        svg.text("text", confidence + " interval", "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4), "fill",
                ChartFrame.INK);
    }

    private static SvgChart.Numbers numbers(List<Series> series, String xTitle, String unit, String confidence) {
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            for (int i = 0; i < s.x().size(); i++) {
                rows.add(List.of(s.label(), SvgWriter.label(s.x().get(i)), NumberText.significant(s.mean().get(i), 4),
                        Double.isFinite(s.low().get(i)) ? "[" + NumberText.significant(s.low().get(i), 4) + ", "
                                + NumberText.significant(s.high().get(i), 4) + "]" : "n/a",
                        NumberText.significant(s.bound().get(i), 3), NumberText.fixed(s.efficiency().get(i), 2)));
            }
        }
        return new SvgChart.Numbers(List.of("model", xTitle, "mean (" + unit + ")", confidence + " CI", "bound",
                "efficiency"), rows);
    }
}
