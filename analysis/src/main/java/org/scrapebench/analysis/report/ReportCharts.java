package org.scrapebench.analysis.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.chart.ChartDirectory;
import org.scrapebench.analysis.chart.ForestPlot;
import org.scrapebench.analysis.chart.RegimeMapChart;
import org.scrapebench.analysis.chart.StripPlot;
import org.scrapebench.analysis.chart.SvgChart;
import org.scrapebench.analysis.chart.SweepChart;
import org.scrapebench.analysis.compare.Comparison;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ScoreUnit;
import org.scrapebench.analysis.stats.Crossover;
import org.scrapebench.analysis.stats.MeanInterval;

/**
 * The report's charts, drawn as SVG from the same rows as its tables: a strip
 * plot per regime (every iteration, mean and interval, bound), log-log lines
 * for the sweeps (with the bound curve and efficiency), and a forest plot per
 * cross-JDK comparison. Kept in memory for report.html, which inlines them,
 * and written to {@code RUN_DIR/charts/*.svg} for report.md unless disabled.
 */
public final class ReportCharts {
    private final ChartDirectory dir;
    private final boolean enabled;
    private final ComparisonSettings settings;
    private final Function<BenchmarkResult, Bound> boundOf;
    private final Function<Metric, MeanInterval> mean;
    private final List<SvgChart> drawn = new ArrayList<>();

    /** {@code mean} is the report's own mean and interval, so charts and tables agree. */
    public ReportCharts(Path dir, boolean enabled, ComparisonSettings settings, Function<BenchmarkResult, Bound> bounds,
                        Function<Metric, MeanInterval> mean) {
        this.dir = new ChartDirectory(dir);
        this.enabled = enabled;
        this.settings = settings;
        this.boundOf = bounds;
        this.mean = mean;
    }

    /** Every chart drawn so far, in order. */
    public List<SvgChart> all() {
        return List.copyOf(drawn);
    }

    /** File names written under the charts directory (none when disabled). */
    public List<String> written() {
        return enabled ? drawn.stream().map(SvgChart::fileName).toList() : List.of();
    }

    /** The Markdown image line of a chart, its title as the alternative text. */
    public static String markdownLink(SvgChart chart) {
        return "![" + chart.title().replace("]", "\\]") + "](charts/" + chart.fileName() + ")";
    }

    /** A regime's charts: a sweep chart per combination of the other params, or a strip plot per combination. */
    public List<SvgChart> regime(String regime, List<BenchmarkResult> rows) {
        Optional<Regime> known = java.util.Arrays.stream(Regime.values()).filter(r -> r.label().equals(regime)).findFirst();
        if (known.map(Regime::map).orElse(false)) {
            return List.of(); // drawn together with the other half of the map, as one picture
        }
        String axis = known.flatMap(Regime::sweepAxis).orElse(null);
        String unit = rows.get(0).primary().unit();
        boolean higherIsBetter = rows.get(0).mode().higherIsBetter();
        String better = higherIsBetter ? "higher is better" : "lower is better";
        String confidence = NumberText.percent(settings.confidence());
        boolean sweep = axis != null && rows.stream().allMatch(r -> RunReport.number(r.params().get(axis)) != null);
        Map<Map<String, String>, List<BenchmarkResult>> groups = RunReport.group(rows,
                sweep ? Set.of("model", axis) : Set.of("model"));
        List<SvgChart> charts = new ArrayList<>();
        groups.forEach((combo, members) -> {
            String suffix = groups.size() > 1 ? RunReport.comboText(combo, rows) : "";
            String name = uniqueName(regime + (suffix.isEmpty() ? "" : "-" + suffix));
            String title = regime + (suffix.isEmpty() ? "" : " (" + RunReport.paramsShown(combo) + ")") + ", " + better;
            charts.add(save(sweep
                    ? SweepChart.render(name, title, axis, unit, higherIsBetter, confidence, sweepSeries(members, axis))
                    : StripPlot.render(name, title, unit, higherIsBetter, confidence,
                            members.stream().map(this::stripRow).toList())));
        });
        return charts;
    }

    /** The regime map: every line along CPU per product, the bound curves and the crossovers found. */
    public SvgChart regimeMap(RegimeMap map) {
        String unit = map.lines().get(0).points().get(0).row().primary().unit();
        List<RegimeMapChart.Series> series = map.lines().stream().map(l -> new RegimeMapChart.Series(l.label(),
                l.points().stream().map(RegimeMap.Point::x).toList(),
                l.points().stream().map(p -> p.mean().mean()).toList(),
                l.points().stream().map(p -> p.mean().mean() - p.mean().halfWidth()).toList(),
                l.points().stream().map(p -> p.mean().mean() + p.mean().halfWidth()).toList())).toList();
        List<RegimeMapChart.BoundLine> bounds = map.boundCurves().stream().map(c -> new RegimeMapChart.BoundLine(
                String.join(", ", c.labels()), c.x(), c.ms().stream().map(ms -> inUnit(ms, unit)).toList())).toList();
        List<RegimeMapChart.Mark> marks = map.crossovers().stream()
                .filter(f -> f.result().map(Crossover.Result::found).orElse(false))
                .map(f -> new RegimeMapChart.Mark(f.pair().a() + " / " + f.pair().b(), f.result().get().at(),
                        f.result().get().low(), f.result().get().high())).toList();
        return save(RegimeMapChart.render(uniqueName("regime-map"), "Regime map: time per job against CPU per product, "
                + "lower is better", map.axisTitle(), unit, NumberText.percent(settings.confidence()), series, bounds, marks));
    }

    /** The forest plot of a comparison. */
    public SvgChart comparison(String name, String title, Comparison comparison) {
        return save(ForestPlot.of(uniqueName(name), title, comparison));
    }

    private StripPlot.Row stripRow(BenchmarkResult r) {
        MeanInterval m = mean.apply(r.primary());
        Bound bound = boundOf.apply(r);
        List<List<Double>> forks = r.primary().forks().stream()
                .map(f -> f.stream().map(Iteration::value).toList()).toList();
        return new StripPlot.Row(RunReport.barLabel(r), forks, m.mean(), m.mean() - m.halfWidth(),
                m.mean() + m.halfWidth(), inUnit(bound.boundMs(), r.primary().unit()), bound.efficiency());
    }

    private List<SweepChart.Series> sweepSeries(List<BenchmarkResult> members, String axis) {
        Map<String, List<BenchmarkResult>> byModel = new LinkedHashMap<>();
        // a stable sort on the axis alone keeps the models in the report's order
        members.stream().sorted(Comparator.comparing((BenchmarkResult r) -> RunReport.number(r.params().get(axis))))
                .forEach(r -> byModel.computeIfAbsent(RunReport.barLabel(r), k -> new ArrayList<>()).add(r));
        List<SweepChart.Series> series = new ArrayList<>();
        byModel.forEach((label, points) -> {
            List<MeanInterval> means = points.stream().map(p -> mean.apply(p.primary())).toList();
            List<Bound> bounds = points.stream().map(boundOf).toList();
            series.add(new SweepChart.Series(label,
                    points.stream().map(p -> RunReport.number(p.params().get(axis))).toList(),
                    means.stream().map(MeanInterval::mean).toList(),
                    means.stream().map(m -> m.mean() - m.halfWidth()).toList(),
                    means.stream().map(m -> m.mean() + m.halfWidth()).toList(),
                    bounds.stream().map(b -> inUnit(b.boundMs(), points.get(0).primary().unit())).toList(),
                    bounds.stream().map(Bound::efficiency).toList()));
        });
        return series;
    }

    /** A bound in ms per operation as a score in {@code unit}: a time, or for a rate the most operations possible. */
    static double inUnit(double boundMs, String unit) {
        return ScoreUnit.parse(unit).map(u -> u.kind() == ScoreUnit.Kind.TIME_PER_OP
                ? boundMs / (u.seconds() * 1e3) : u.seconds() * 1e3 / boundMs).orElse(Double.NaN);
    }

    private SvgChart save(SvgChart chart) {
        drawn.add(chart);
        if (enabled) {
            dir.write(chart);
        }
        return chart;
    }

    private String uniqueName(String name) {
        return dir.uniqueName(name);
    }
}
