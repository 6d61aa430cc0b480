package org.scrapebench.analysis.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.scrapebench.analysis.NumberText;

/**
 * The regime map on log-log axes: time per job against CPU per product, one line per model with
 * its interval as a band, the bound curves (the latency floor, then the CPU floor of the cores a
 * model can use) as dashed grey lines, and each crossover as a vertical mark with its interval as a
 * bar along the axis. Where the lines cross is where the fastest model changes.
 */
public final class RegimeMapChart {
    static final double WIDTH = 960;
    static final double LEFT = 80;
    static final double PLOT_RIGHT = 560;
    static final double TOP = 44;
    static final double HEIGHT = 340;

    /** One model's line: means with their interval at each x, in the chart's unit. */
    public record Series(String label, List<Double> x, List<Double> mean, List<Double> low, List<Double> high) {}

    /** A bound curve and the models whose bound it is. */
    public record BoundLine(String label, List<Double> x, List<Double> y) {}

    /** A crossover: where, and its interval. */
    public record Mark(String label, double at, double low, double high) {}

    private RegimeMapChart() {
    }

    public static SvgChart render(String name, String title, String xTitle, String unit, String confidence,
                                  List<Series> series, List<BoundLine> bounds, List<Mark> marks) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        series.forEach(s -> {
            xs.addAll(s.x());
            ys.addAll(s.mean());
            ys.addAll(s.low());
            ys.addAll(s.high());
        });
        bounds.forEach(b -> ys.addAll(b.y()));
        marks.forEach(m -> xs.addAll(List.of(m.at(), m.low(), m.high())));
        Scale x = Scale.fit(xs, LEFT, PLOT_RIGHT, true);
        double bottom = TOP + HEIGHT;
        Scale y = Scale.fit(ys.stream().filter(v -> v > 0).toList(), bottom, TOP, true);

        SvgChart.Numbers numbers = numbers(series, bounds, marks, xTitle, unit, confidence);
        String summary = "Mean " + unit + " per job against " + xTitle + " on log-log axes, one line per model with its "
                + confidence + " interval as a band; the bound (dashed grey) is the least time the calibrated costs "
                + "allow; a vertical mark is a crossover, its bar the " + confidence + " interval. Lower is better.";
        double height = bottom + 66 + 16 * marks.size();
        SvgWriter svg = ChartFrame.begin(name, WIDTH, Math.max(height, TOP + 30 + 20 * (series.size() + bounds.size() + 3)),
                title, summary, numbers);
        ChartFrame.yAxis(svg, y, LEFT, PLOT_RIGHT, unit + " (log)");
        ChartFrame.xAxis(svg, x, TOP, bottom, xTitle + (x.log() ? " (log scale)" : ""));
        for (BoundLine b : bounds) {
            SweepChart.polyline(svg, "bound", b.x(), positive(b.y()), x, y, ChartFrame.MUTED, "5 4", "bound of " + b.label());
        }
        for (int i = 0; i < series.size(); i++) {
            drawSeries(svg, series.get(i), i, x, y, unit, xTitle);
        }
        for (int i = 0; i < marks.size(); i++) {
            drawMark(svg, marks.get(i), x, bottom, i);
        }
        legend(svg, series, confidence);
        return new SvgChart(name, title, summary, numbers, ChartFrame.end(svg));
    }

    private static void drawSeries(SvgWriter svg, Series s, int index, Scale x, Scale y, String unit, String xTitle) {
        String colour = SweepChart.PALETTE.get(index % SweepChart.PALETTE.size());
        svg.open("g", "class", "series", "data-label", s.label());
        List<Integer> banded = IntStream.range(0, s.x().size())
                .filter(i -> Double.isFinite(s.low().get(i)) && Double.isFinite(s.high().get(i)) && s.low().get(i) > 0)
                .boxed().toList();
        if (!banded.isEmpty()) {
            List<String> corners = new ArrayList<>();
            banded.forEach(i -> corners.add(SvgWriter.px(x.map(s.x().get(i))) + "," + SvgWriter.px(y.map(s.high().get(i)))));
            for (int k = banded.size() - 1; k >= 0; k--) {
                int i = banded.get(k);
                corners.add(SvgWriter.px(x.map(s.x().get(i))) + "," + SvgWriter.px(y.map(s.low().get(i))));
            }
            svg.withTitle("polygon", s.label() + ": " + "interval band", "class", "band", "points",
                    String.join(" ", corners), "fill", colour, "fill-opacity", "0.18", "stroke", "none");
        }
        SweepChart.polyline(svg, "measured", s.x(), positive(s.mean()), x, y, colour, null, s.label() + " measured");
        Marker shape = Marker.nth(index);
        for (int i = 0; i < s.x().size(); i++) {
            if (Double.isFinite(s.mean().get(i))) {
                shape.draw(svg, x.map(s.x().get(i)), y.map(s.mean().get(i)), 3.5, colour, colour,
                        s.label() + " at " + xTitle + " " + NumberText.significant(s.x().get(i), 3) + ": mean "
                                + NumberText.significant(s.mean().get(i), 4) + " " + unit + " ["
                                + NumberText.significant(s.low().get(i), 4) + ", " + NumberText.significant(s.high().get(i), 4)
                                + "]", "class", "mean", "data-value", SvgWriter.exact(s.mean().get(i)));
            }
        }
        svg.close("g");
    }

    /** A dashed vertical line at the crossover, and under the plot its interval as a bar. */
    private static void drawMark(SvgWriter svg, Mark m, Scale x, double bottom, int index) {
        double at = x.map(m.at());
        // under the axis title, one row per crossover
        double barY = bottom + 52 + 16 * index;
        String title = m.label() + ": crossover at " + NumberText.significant(m.at(), 3) + " ["
                + NumberText.significant(m.low(), 3) + ", " + NumberText.significant(m.high(), 3) + "]";
        svg.open("g", "class", "crossover", "data-at", SvgWriter.exact(m.at()), "data-low", SvgWriter.exact(m.low()),
                "data-high", SvgWriter.exact(m.high()));
        svg.text("title", title);
        svg.empty("line", "x1", SvgWriter.px(at), "x2", SvgWriter.px(at), "y1", SvgWriter.px(TOP), "y2",
                SvgWriter.px(bottom), "stroke", ChartFrame.INK, "stroke-width", "1.2", "stroke-dasharray", "2 3");
        svg.empty("line", "x1", SvgWriter.px(x.map(m.low())), "x2", SvgWriter.px(x.map(m.high())), "y1",
                SvgWriter.px(barY), "y2", SvgWriter.px(barY), "stroke", ChartFrame.INK, "stroke-width", "3");
        svg.empty("circle", "cx", SvgWriter.px(at), "cy", SvgWriter.px(barY), "r", "3.5", "fill", "#ffffff",
                "stroke", ChartFrame.INK, "stroke-width", "1.5");
        svg.text("text", m.label(), "x", SvgWriter.px(PLOT_RIGHT + 24), "y", SvgWriter.px(barY + 4), "fill", ChartFrame.INK);
        svg.close("g");
    }

    /** On a log axis a value of zero or less has no place: left out of the line, as a missing one is. */
    private static List<Double> positive(List<Double> ys) {
        return ys.stream().map(v -> v != null && v > 0 ? v : Double.NaN).toList();
    }

    private static void legend(SvgWriter svg, List<Series> series, String confidence) {
        double left = PLOT_RIGHT + 24;
        double y = TOP + 8;
        y = SweepChart.seriesLegend(svg, series.stream().map(Series::label).toList(), left, y, 3.5);
        y += 6;
        svg.empty("line", "x1", SvgWriter.px(left), "x2", SvgWriter.px(left + 22), "y1", SvgWriter.px(y),
                "y2", SvgWriter.px(y), "stroke", ChartFrame.MUTED, "stroke-width", "1.6", "stroke-dasharray", "5 4");
        svg.text("text", "bound", "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4), "fill", ChartFrame.INK);
        y += 20;
        svg.empty("rect", "x", SvgWriter.px(left), "y", SvgWriter.px(y - 6), "width", "22", "height", "12",
                "fill", ChartFrame.MUTED, "fill-opacity", "0.25");
        svg.text("text", confidence + " interval", "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4),
                "fill", ChartFrame.INK);
        y += 20;
        svg.empty("line", "x1", SvgWriter.px(left + 11), "x2", SvgWriter.px(left + 11), "y1", SvgWriter.px(y - 7),
                "y2", SvgWriter.px(y + 7), "stroke", ChartFrame.INK, "stroke-width", "1.2", "stroke-dasharray", "2 3");
        svg.text("text", "crossover", "x", SvgWriter.px(left + 30), "y", SvgWriter.px(y + 4), "fill", ChartFrame.INK);
    }

    private static SvgChart.Numbers numbers(List<Series> series, List<BoundLine> bounds, List<Mark> marks,
                                            String xTitle, String unit, String confidence) {
        List<List<String>> rows = new ArrayList<>();
        for (Series s : series) {
            for (int i = 0; i < s.x().size(); i++) {
                rows.add(List.of(s.label(), NumberText.significant(s.x().get(i), 3),
                        NumberText.significant(s.mean().get(i), 4), "[" + NumberText.significant(s.low().get(i), 4)
                                + ", " + NumberText.significant(s.high().get(i), 4) + "]"));
            }
        }
        for (BoundLine b : bounds) {
            for (int i = 0; i < b.x().size(); i++) {
                rows.add(List.of("bound of " + b.label(), NumberText.significant(b.x().get(i), 3),
                        NumberText.significant(b.y().get(i), 4), "-"));
            }
        }
        for (Mark m : marks) {
            rows.add(List.of("crossover " + m.label(), NumberText.significant(m.at(), 3), "-",
                    "[" + NumberText.significant(m.low(), 3) + ", " + NumberText.significant(m.high(), 3) + "]"));
        }
        return new SvgChart.Numbers(List.of("line", xTitle, "mean (" + unit + ")", confidence + " CI"), rows);
    }
}
