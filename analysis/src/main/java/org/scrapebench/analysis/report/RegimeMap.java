package org.scrapebench.analysis.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.stats.Crossover;
import org.scrapebench.analysis.stats.HierarchicalBootstrap;
import org.scrapebench.analysis.stats.MeanInterval;

/**
 * The regime map of a run: the rows of the map's classes ({@link Regime#map()}) as one line per
 * model along CPU per product, the crossovers of the pairs a user weighs, which model is fastest
 * where, and each point against the bound the calibrated costs predict. The tables are written
 * here; the picture is {@link org.scrapebench.analysis.chart.RegimeMapChart}'s.
 */
public final class RegimeMap {

    /** The param whose levels make the axis. */
    static final String AXIS = "computeRounds";
    /** Params that name a line rather than a point of it. */
    private static final Set<String> NOT_IN_LABEL = Set.of("model", AXIS, "gil");

    /**
     * The choices a user weighs, each as (A, B): one event loop thread against a pool of threads,
     * threads against processes, and the same under the GIL. A label is the model's name, with
     * {@code gil=on} where the lock is on.
     */
    static final List<Pair> PAIRS = List.of(
            new Pair("EVENT_LOOP", "FIXED_THREAD_POOL"),
            new Pair("FIXED_THREAD_POOL", "WORKER_PROCESSES"),
            new Pair("FIXED_THREAD_POOL gil=on", "WORKER_PROCESSES gil=on"));

    public record Pair(String a, String b) {
        /** Whether the pair weighs models under the GIL. */
        boolean gil() {
            return a.endsWith(" gil=on");
        }
    }

    /** One measured point: its row, its place on the axis, its mean with interval, and its bound. */
    public record Point(BenchmarkResult row, double x, MeanInterval mean, Bound bound) {
        /** Measured over predicted (the bound): 1 at the floor the calibrated costs allow. */
        public double overPredicted() {
            return mean.mean() / bound.boundMs();
        }
    }

    /** One model's line, its points in increasing x. */
    public record Line(String label, boolean gil, List<Point> points) {}

    /** A pair's crossover, or why there is none to compute. */
    public record Found(Pair pair, Optional<Crossover.Result> result, String missing) {}

    private final List<Line> lines;
    private final List<Pair> pairs;
    private final boolean calibrated;
    private final ComparisonSettings settings;

    private RegimeMap(List<Line> lines, List<Pair> pairs, boolean calibrated, ComparisonSettings settings) {
        this.lines = lines;
        this.pairs = pairs;
        this.calibrated = calibrated;
        this.settings = settings;
    }

    /**
     * The map of {@code results}, if it holds rows of the map's classes. The axis is CPU per product
     * in ms from the calibration; without a calibration of the parse, the rounds themselves.
     */
    public static Optional<RegimeMap> of(List<BenchmarkResult> results, Calibration calibration,
                                         Function<BenchmarkResult, Bound> bounds, Function<Metric, MeanInterval> mean,
                                         java.util.function.ToIntFunction<String> modelRank, ComparisonSettings settings) {
        List<BenchmarkResult> measured = results.stream().filter(RegimeMap::inMap)
                .filter(RegimeMap::onAxis).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        List<BenchmarkResult> rows = new ArrayList<>(measured);
        results.stream().filter(RegimeMap::onAxis).filter(r -> startsALine(r, measured)).forEach(rows::add);
        boolean calibrated = rows.stream().allMatch(r -> calibration.cpuPerProduct(r.params()).isPresent());
        List<String> varying = varying(rows);
        Map<String, List<Point>> byLabel = new LinkedHashMap<>();
        Map<String, Boolean> gil = new LinkedHashMap<>();
        for (BenchmarkResult r : rows) {
            double x = calibrated ? calibration.cpuPerProduct(r.params()).orElseThrow().millis(false)
                    : RunReport.number(r.params().get(AXIS));
            String label = label(r.params(), varying);
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(new Point(r, x, mean.apply(r.primary()), bounds.apply(r)));
            gil.put(label, "on".equals(r.params().get("gil")));
        }
        List<Line> lines = new ArrayList<>();
        byLabel.forEach((label, points) -> lines.add(new Line(label, gil.get(label),
                points.stream().sorted(Comparator.comparingDouble(Point::x)).toList())));
        // the JVM's lines in the report's model order, then those under the GIL
        lines.sort(Comparator.comparing(Line::gil).thenComparingInt(
                l -> modelRank.applyAsInt(l.points().get(0).row().params().get("model"))));
        return Optional.of(new RegimeMap(lines, PAIRS, calibrated, settings));
    }

    /**
     * The lines with the GIL ({@code gil}) or without, and only the pairs among them, if the map
     * has such lines: the half of the map one part of a baseline gives when the other half comes
     * from another part.
     */
    public Optional<RegimeMap> only(boolean gil) {
        List<Line> group = lines.stream().filter(l -> l.gil() == gil).toList();
        return group.isEmpty() ? Optional.empty() : Optional.of(new RegimeMap(group,
                pairs.stream().filter(p -> p.gil() == gil).toList(), calibrated, settings));
    }

    static boolean inMap(BenchmarkResult r) {
        return Regime.ofClass(r.className()).map(Regime::map).orElse(false);
    }

    private static boolean onAxis(BenchmarkResult r) {
        return RunReport.number(r.params().get(AXIS)) != null && r.primary().hasRawData();
    }

    /**
     * Whether {@code r}, a row of another regime, is a point of the map: its regime gives a map
     * class's first level ({@link Regime#mapStartOf()}), a line of that class has the same params
     * apart from the axis, and the map did not measure that level itself.
     */
    static boolean startsALine(BenchmarkResult r, List<BenchmarkResult> measured) {
        Optional<String> mapClass = Regime.ofClass(r.className()).flatMap(Regime::mapStartOf);
        if (mapClass.isEmpty()) {
            return false;
        }
        Map<String, String> knobs = withoutAxis(r.params());
        List<BenchmarkResult> line = measured.stream().filter(m -> m.className().equals(mapClass.get()))
                .filter(m -> withoutAxis(m.params()).equals(knobs)).toList();
        return !line.isEmpty() && line.stream().noneMatch(m -> r.params().get(AXIS).equals(m.params().get(AXIS)));
    }

    private static Map<String, String> withoutAxis(Map<String, String> params) {
        Map<String, String> knobs = new TreeMap<>(params);
        knobs.remove(AXIS);
        return knobs;
    }

    /** The model's name, {@code gil=on} where the lock is on, and any other param the map's rows vary. */
    static String label(Map<String, String> params, List<String> varying) {
        StringBuilder label = new StringBuilder(params.getOrDefault("model", "-"));
        if ("on".equals(params.get("gil"))) {
            label.append(" gil=on");
        }
        varying.forEach(k -> label.append(' ').append(k).append('=').append(params.getOrDefault(k, "-")));
        return label.toString();
    }

    private static List<String> varying(List<BenchmarkResult> rows) {
        Map<String, Set<String>> values = new TreeMap<>();
        rows.forEach(r -> r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1 && !NOT_IN_LABEL.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    public List<Line> lines() {
        return lines;
    }

    /** The regimes (by label) whose rows give the map points it did not measure itself, in the report's order. */
    public List<String> borrowedFrom() {
        return lines.stream().flatMap(l -> l.points().stream()).map(p -> p.row().className()).distinct()
                .flatMap(c -> Regime.ofClass(c).stream()).filter(r -> !r.map()).sorted().map(Regime::label).toList();
    }

    /** Whether the axis is CPU per product in ms (else the compute rounds, for a run without calibration). */
    public boolean calibrated() {
        return calibrated;
    }

    public String axisTitle() {
        return calibrated ? "CPU per product (ms)" : AXIS;
    }

    /** "2.4 ms" or "720 rounds": a place on the axis in words. */
    public String at(double x) {
        return calibrated ? NumberText.significant(x, 2) + " ms" : NumberText.significant(x, 3) + " rounds";
    }

    private Optional<Line> line(String label) {
        return lines.stream().filter(l -> l.label().equals(label)).findFirst();
    }

    /** Each pair's crossover over the levels both lines have, or why it cannot be computed. */
    public List<Found> crossovers() {
        List<Found> found = new ArrayList<>();
        for (Pair pair : pairs) {
            Optional<Line> a = line(pair.a());
            Optional<Line> b = line(pair.b());
            if (a.isEmpty() || b.isEmpty()) {
                found.add(new Found(pair, Optional.empty(), "not in this run (" + (a.isEmpty() ? pair.a() : pair.b()) + ")"));
                continue;
            }
            List<Crossover.Level> levels = new ArrayList<>();
            for (Point p : a.get().points()) {
                b.get().points().stream().filter(q -> q.x() == p.x()).findFirst().ifPresent(q -> levels.add(
                        new Crossover.Level(p.x(), p.row().primary().forks(), q.row().primary().forks())));
            }
            if (levels.size() < 2) {
                found.add(new Found(pair, Optional.empty(), "fewer than two levels in common"));
                continue;
            }
            long seed = settings.seed() * 31 + (pair.a() + "|" + pair.b()).hashCode();
            found.add(new Found(pair, Optional.of(Crossover.find(levels, settings.resamples(), seed,
                    settings.confidence())), null));
        }
        return found;
    }

    /** A crossover in words: where, with its interval, and which one is faster on each side. */
    public String describe(Found f) {
        if (f.result().isEmpty()) {
            return "n/a: " + f.missing();
        }
        Crossover.Result r = f.result().get();
        String below = r.aFasterBelow() ? f.pair().a() : f.pair().b();
        String above = r.aFasterBelow() ? f.pair().b() : f.pair().a();
        if (!r.found()) {
            String range = "no crossover in the range (" + at(lowest()) + " to " + at(highest()) + "): ";
            return r.separated() ? range + below + " is faster or within the noise throughout"
                    : range + "neither is faster beyond the noise at any level";
        }
        String where = at(r.at()) + " [" + NumberText.significant(r.low(), 2) + ", "
                + NumberText.significant(r.high(), 2) + "]";
        if (r.changes() > 1) {
            return above + " faster above " + where + " to the end of the range, " + below + " just below; lower, the two"
                    + " cross " + (r.changes() - 1) + " more time" + (r.changes() > 2 ? "s" : "")
                    + " beyond the noise of single levels";
        }
        return below + " faster below " + where + ", " + above + " above";
    }

    private double lowest() {
        return lines.stream().flatMap(l -> l.points().stream()).mapToDouble(Point::x).min().orElse(Double.NaN);
    }

    private double highest() {
        return lines.stream().flatMap(l -> l.points().stream()).mapToDouble(Point::x).max().orElse(Double.NaN);
    }

    /** One range of the axis with the same fastest model(s), and their lead over the next at each level. */
    public record When(double from, double to, List<String> fastest, List<String> leads) {}

    /**
     * For the lines with the GIL {@code gil} or without: at each level the fastest model by mean,
     * with those whose interval of the ratio to it includes 1 (within the noise), and its lead over
     * the fastest of the rest; neighbouring levels with the same fastest set make one range.
     */
    public List<When> whichModelWhen(boolean gil) {
        List<Line> group = lines.stream().filter(l -> l.gil() == gil).toList();
        TreeSet<Double> xs = group.stream().flatMap(l -> l.points().stream()).map(Point::x)
                .collect(Collectors.toCollection(TreeSet::new));
        List<When> ranges = new ArrayList<>();
        for (double x : xs) {
            Map<String, Point> at = new LinkedHashMap<>();
            group.forEach(l -> l.points().stream().filter(p -> p.x() == x).findFirst().ifPresent(p -> at.put(l.label(), p)));
            if (at.size() < 2) {
                continue;
            }
            String best = at.entrySet().stream().min(Comparator.comparingDouble(e -> e.getValue().mean().mean()))
                    .orElseThrow().getKey();
            List<String> fastest = new ArrayList<>(List.of(best));
            Map<String, double[]> rest = new LinkedHashMap<>();
            for (Map.Entry<String, Point> e : at.entrySet()) {
                if (e.getKey().equals(best)) {
                    continue;
                }
                double ratio = e.getValue().mean().mean() / at.get(best).mean().mean();
                double[] ci = ratioInterval(at.get(best), e.getValue());
                if (ci[0] <= 1) {
                    fastest.add(e.getKey());
                } else {
                    rest.put(e.getKey(), new double[] {ratio, ci[0], ci[1]});
                }
            }
            String lead = rest.entrySet().stream().min(Comparator.comparingDouble(e -> e.getValue()[0]))
                    .map(e -> NumberText.ratioWithInterval(e.getValue()[0], "x", e.getValue()[1], e.getValue()[2])
                            + " ahead of " + e.getKey())
                    .orElse("no other model clearly slower");
            When last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && new TreeSet<>(last.fastest()).equals(new TreeSet<>(fastest))) {
                List<String> leads = new ArrayList<>(last.leads());
                leads.add(lead);
                ranges.set(ranges.size() - 1, new When(last.from(), x, last.fastest(), leads));
            } else {
                ranges.add(new When(x, x, fastest, List.of(lead)));
            }
        }
        return ranges;
    }

    private double[] ratioInterval(Point base, Point other) {
        long seed = settings.seed() * 31 + (base.row().key() + "|" + other.row().key()).hashCode();
        return HierarchicalBootstrap.percentileInterval(HierarchicalBootstrap.ratioReplicates(
                base.row().primary().forks(), other.row().primary().forks(), settings.resamples(), seed),
                settings.confidence());
    }

    /** The x values of every line, in order. */
    List<Double> levels() {
        return lines.stream().flatMap(l -> l.points().stream()).map(Point::x).distinct().sorted().toList();
    }

    /** The crossover table and the "which model when" tables, as Markdown. */
    public void crossoverTables(PrintWriter out) {
        crossoverTable(out);
        String confidence = NumberText.percent(settings.confidence());
        for (boolean gil : List.of(false, true)) {
            List<When> when = whichModelWhen(gil);
            if (when.isEmpty()) {
                continue;
            }
            out.println();
            out.println("Which model when" + (gil ? ", under the GIL" : "") + " (fastest by mean; a model whose "
                    + confidence + " interval of the ratio to it includes 1 is listed with it):");
            out.println();
            out.println("| " + axisTitle() + " | fastest | lead over the next (at each end of the range) |");
            out.println("|---|---|---|");
            for (When w : when) {
                String range = w.from() == w.to() ? at(w.from()) : at(w.from()) + " to " + at(w.to());
                String lead = w.from() == w.to() ? w.leads().get(0) : w.leads().get(0) + " at " + at(w.from()) + "; "
                        + w.leads().get(w.leads().size() - 1) + " at " + at(w.to());
                out.println("| " + range + " | " + String.join(", ", w.fastest()) + " | " + lead + " |");
            }
        }
    }

    /** Each pair's crossover, as a Markdown table. */
    public void crossoverTable(PrintWriter out) {
        out.println("| pair | crossover, " + NumberText.percent(settings.confidence())
                + " interval from the fork-then-iteration bootstrap |");
        out.println("|---|---|");
        for (Found f : crossovers()) {
            out.println("| " + f.pair().a() + " vs " + f.pair().b() + " | " + describe(f) + " |");
        }
    }

    /** Measured / predicted (the bound from the calibrated costs) per model and level, as Markdown. */
    public void predictionTable(PrintWriter out) {
        List<Double> levels = levels();
        out.println("| model | " + levels.stream().map(this::at).collect(Collectors.joining(" | ")) + " |");
        out.println("|---|" + "---:|".repeat(levels.size()));
        for (Line line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.label()));
            for (double x : levels) {
                cells.add(line.points().stream().filter(p -> p.x() == x).findFirst()
                        .map(p -> Double.isFinite(p.overPredicted()) ? NumberText.fixed(p.overPredicted(), 2) : "n/a")
                        .orElse("-"));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
    }

    /** A bound curve along the axis, and the lines whose bound it is. */
    public record BoundCurve(List<Double> x, List<Double> ms, List<String> labels) {}

    /** The distinct bound curves: lines whose models can use the same cores share one. */
    public List<BoundCurve> boundCurves() {
        List<BoundCurve> curves = new ArrayList<>();
        for (Line line : lines) {
            List<Double> x = line.points().stream().map(Point::x).toList();
            List<Double> ms = line.points().stream().map(p -> p.bound().boundMs()).toList();
            Optional<BoundCurve> same = curves.stream().filter(c -> c.x().equals(x) && c.ms().equals(ms)).findFirst();
            if (same.isPresent()) {
                same.get().labels().add(line.label());
            } else {
                curves.add(new BoundCurve(x, ms, new ArrayList<>(List.of(line.label()))));
            }
        }
        return curves;
    }
}
