package org.scrapebench.analysis.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.compare.Comparison;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.compare.MarkdownComparison;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.html.HtmlReport;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.stats.HierarchicalBootstrap;
import org.scrapebench.analysis.stats.MeanInterval;

/**
 * {@code RUN_DIR/report.md}: the run's header, calibration, one section per
 * regime (score, speedup over the baseline model, bound, efficiency, server-bound flag,
 * allocation), charts, and a cross-JDK comparison against the newest run of
 * each other JDK found beside RUN_DIR.
 */
public final class RunReport {

    static final String ALLOCATION = "gc.alloc.rate.norm";
    static final List<String> COUNTERS = List.of("requests", "retries", "failures", "stalls");
    /** The aux counter of operations: JMH sums EVENTS counters over all iterations, so per op = counter / scrapes. */
    static final String OPERATIONS_COUNTER = "scrapes";

    private final RunDirectory run;
    private final ComparisonSettings settings;
    private final ReportCharts charts;
    private final Calibration calibration;
    /** The models in report order: as the run recorded them, else as they first appear in the file. */
    private final List<String> modelOrder;

    public RunReport(RunDirectory run, ComparisonSettings settings, boolean drawCharts) {
        this.run = run;
        this.settings = settings;
        this.calibration = new Calibration(run.results().results());
        this.modelOrder = modelOrder(run);
        this.charts = new ReportCharts(run.dir().resolve("charts"), drawCharts, settings, this::bound, this::mean);
    }

    /** Writes report.md, report.html beside it (and the charts); returns the path of report.md. */
    public Path write() {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            header(out);
            calibrationSection(out);
            Map<String, List<BenchmarkResult>> byRegime = regimes(run.results().results());
            byRegime.forEach((regime, rows) -> regimeSection(out, regime, rows));
            measuredTwiceSection(out, byRegime);
            regimeMap().ifPresent(map -> mapSection(out, map));
            crossJdk(out);
        }
        Path report = run.dir().resolve("report.md");
        String markdown = text.toString().replace("\r\n", "\n");
        try {
            Files.writeString(report, markdown);
        } catch (IOException e) {
            throw new BadInputException(report + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
        HtmlReport.write(run.dir().resolve(HtmlReport.FILE), markdown, charts.all());
        return report;
    }

    static List<String> modelOrder(RunDirectory run) {
        if (run.record().isPresent()) {
            return run.record().get().modelOrder();
        }
        // JMH runs an enum param's constants in declaration order, which is the report order
        return run.results().results().stream().map(r -> r.params().get("model")).filter(java.util.Objects::nonNull)
                .distinct().toList();
    }

    /** The model every speedup is against: the first in report order (the one-at-a-time baseline). */
    String baselineModel() {
        return modelOrder.isEmpty() ? "" : modelOrder.get(0);
    }

    Bound bound(BenchmarkResult row) {
        return Bound.of(row, calibration, run.cores(), run.record(), baselineModel());
    }

    int modelRank(String model) {
        int i = model == null ? -1 : modelOrder.indexOf(model);
        return i < 0 ? modelOrder.size() : i;
    }

    public List<String> chartsWritten() {
        return charts.written();
    }

    private void header(PrintWriter out) {
        Optional<RunRecord> record = run.record();
        out.println("# scrapebench report: " + record.map(r -> r.run().id()).orElse(run.name()));
        out.println();
        out.println("| | |");
        out.println("|---|---|");
        String vm = (run.results().vmName() + " " + run.results().vmVersion()).trim();
        out.println("| JDK | " + run.results().jdkVersion() + " ("
                + record.map(r -> r.jdk().vendor() + ", ").orElse("") + vm + ") |");
        out.println("| JMH | " + run.results().jmhVersion()
                + record.map(r -> r.options().jmhArgs()).filter(a -> !a.isEmpty())
                        .map(a -> ", args `" + String.join(" ", a) + "`").orElse("") + " |");
        if (record.isPresent()) {
            RunRecord r = record.get();
            out.println("| machine | " + r.machine().cores() + " cores, "
                    + NumberText.fixed(r.machine().memoryBytes() / 1073741824.0, 1) + " GiB, " + r.machine().os() + " |");
            out.println("| commit | " + r.git().commit()
                    + (Boolean.TRUE.equals(r.git().dirty()) ? " (dirty: uncommitted changes)" : "") + " |");
            out.println("| started | " + r.run().startedAt() + " |");
            if (r.run().label() != null) {
                out.println("| label | " + r.run().label() + " |");
            }
            out.println("| fixture | mode " + r.fixture().mode() + (r.fixture().url() == null ? "" : ", url "
                    + r.fixture().url()) + ", seed " + r.fixture().seed() + " |");
        } else {
            out.println("| environment | environment not recorded (no " + RunRecord.FILE + "); no cores, so no CPU bound |");
        }
        out.println("| results | " + RunDirectory.RESULT_FILE + " (SHA-256 " + run.results().digest() + ") |");
        record.map(r -> r.options().notRun()).filter(n -> !n.isEmpty()).ifPresent(n -> out.println(
                "| stopped early | not run: " + String.join(", ", n) + "; the classes this report shows finished on"
                        + " every JDK of the run |"));
        out.println();
        record.ifPresent(r -> out.println(r.modelsLeftOut().isEmpty() ? "Models left out: none."
                : "Models left out: " + r.modelsLeftOut().stream().map(l -> l.model() + " (" + l.reason() + ")")
                        .collect(Collectors.joining(", ")) + "."));
        out.println();
        out.println("Scores are means \u00b1 the half-width of the " + confidence() + " t-interval over all "
                + "iterations; the median is that of the same iterations. Speedup = " + baselineModel()
                + " time / model time, with a " + confidence() + " CI from a bootstrap "
                + "that resamples forks, then iterations within forks (seed " + settings.seed() + "). The bound is "
                + "a floor on the time this machine allows: the fixture site's least time for the requests (from its "
                + "own per-page delays and fault plan, with the row's requests in flight) and the calibrated CPU "
                + "time over the measured capacity of the cores the model can use; efficiency = bound / measured "
                + "(at most 1.0; a faster result proves the bound wrong and is marked so). A row is server-bound "
                + "when it asked the fixture server for more than " + (int) (Bound.SERVER_SHARE * 100)
                + "% of its calibrated ceiling. A trial is marked when some of its measured iterations ran beside "
                + "other processes' CPU use or stolen CPU (environment.json has the figures).");
        record.map(RunRecord::quietCheck).filter(q -> !q.skipped()).ifPresent(q -> {
            out.println();
            out.println("Quiet check before the run: other processes used " + NumberText.fixed(100 * q.foreignCores(), 0)
                    + "% of a core (load average " + (q.loadAverage() == null ? "n/a" : NumberText.fixed(q.loadAverage(), 1))
                    + ")" + (q.busy() ? (q.forced() ? ": busy, run anyway (--force)." : ": busy.") : ": quiet."));
        });
    }

    private void calibrationSection(PrintWriter out) {
        out.println();
        out.println("## Calibration");
        out.println();
        if (calibration.isEmpty()) {
            out.println("No CalibrationBenchmark rows in this run: bounds and server-bound flags are n/a.");
            return;
        }
        out.println("| benchmark | params | score | unit |");
        out.println("|---|---|---:|---|");
        for (BenchmarkResult r : calibration.rows()) {
            MeanInterval m = mean(r.primary());
            out.println("| " + r.shortBenchmark() + " | " + cell(paramsShown(r.params())) + " | "
                    + NumberText.scoreWithError(m.mean(), m.halfWidth()) + " | " + r.primary().unit() + " |");
        }
    }

    /** Regime name to its rows, in the suite's regime order, then by name. */
    Map<String, List<BenchmarkResult>> regimes(List<BenchmarkResult> results) {
        List<String> order = Arrays.stream(Regime.values()).map(Regime::label).toList();
        Map<String, List<BenchmarkResult>> byRegime = new TreeMap<>(Comparator
                .comparingInt((String r) -> order.contains(r) ? order.indexOf(r) : order.size())
                .thenComparing(r -> r));
        for (BenchmarkResult r : results) {
            if (!Calibration.isCalibration(r)) {
                byRegime.computeIfAbsent(Regime.labelOf(r.className()), k -> new ArrayList<>()).add(r);
            }
        }
        byRegime.values().forEach(rows -> rows.sort(rowOrder()));
        return byRegime;
    }

    private Comparator<BenchmarkResult> rowOrder() {
        return Comparator
            .comparing((BenchmarkResult r) -> withoutModel(r.params()), RunReport::compareParams)
            .thenComparing(r -> modelRank(r.params().get("model")))
            .thenComparing(r -> String.valueOf(r.params().get("model")))
            .thenComparing(BenchmarkResult::benchmark)
            .thenComparingInt(BenchmarkResult::threads);
    }

    private void regimeSection(PrintWriter out, String regime, List<BenchmarkResult> rows) {
        out.println();
        out.println("## " + regime);
        out.println();
        Set<String> methods = rows.stream().map(BenchmarkResult::shortBenchmark).collect(Collectors.toCollection(TreeSet::new));
        List<String> varying = varyingParams(rows);
        SortedMap<String, String> fixed = new TreeMap<>(rows.get(0).params());
        fixed.keySet().removeAll(varying);
        fixed.remove("model");
        out.println("Benchmark " + String.join(", ", methods) + (fixed.isEmpty() ? "" : "; fixed params: "
                + cell(paramsShown(fixed))) + ".");
        out.println();
        boolean anyAllocation = rows.stream().anyMatch(r -> r.secondary().containsKey(ALLOCATION));
        List<String> counters = COUNTERS.stream()
                .filter(c -> rows.stream().anyMatch(r -> r.secondary().containsKey(c))).toList();
        boolean anyCounters = !counters.isEmpty();
        boolean multiMethod = methods.size() > 1;
        List<String> header = new ArrayList<>();
        if (multiMethod) {
            header.add("benchmark");
        }
        header.add("model");
        header.addAll(varying);
        header.addAll(List.of("score (" + rows.get(0).primary().unit() + ")", "median", "speedup vs " + baselineModel() + " [" + confidence()
                + " CI]", "bound (ms)", "dominant", "efficiency", "server demand / ceiling (req/s)"));
        if (anyAllocation) {
            header.add("alloc/op");
        }
        // files written before the scrapes counter only have totals over the whole run
        boolean perOp = rows.stream().allMatch(r -> r.secondary().containsKey(OPERATIONS_COUNTER));
        if (anyCounters) {
            header.add(String.join(" / ", counters) + " " + (perOp ? "per op" : "over all iterations"));
        }
        boolean anyTrials = rows.stream().anyMatch(r -> !trials(r).isEmpty());
        if (anyTrials) {
            header.add("foreign load");
        }
        Optional<RunRecord.HostCanary> canary = run.record().map(RunRecord::hostCanary)
                .filter(c -> c.referenceMillis() != null);
        if (canary.isPresent()) {
            header.add("host (canary)");
        }
        boolean agreementRecorded = run.record().map(RunRecord::forkAgreement).isPresent();
        if (agreementRecorded) {
            header.add("forks");
        }
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + header.stream().map(h -> h.startsWith("score") || h.equals("median") || h.startsWith("speedup")
                || h.startsWith("bound") || h.startsWith("efficiency") ? "---:" : "---").collect(Collectors.joining("|")) + "|");
        Set<String> notes = new LinkedHashSet<>();
        for (BenchmarkResult r : rows) {
            MeanInterval m = mean(r.primary());
            Bound bound = bound(r);
            notes.addAll(bound.notes());
            List<String> cells = new ArrayList<>();
            if (multiMethod) {
                cells.add(r.shortBenchmark());
            }
            cells.add(r.params().getOrDefault("model", "-") + (r.threads() != 1 ? " (" + r.threads() + " threads)" : ""));
            varying.forEach(k -> cells.add(cell(r.params().getOrDefault(k, "-"))));
            cells.add(NumberText.scoreWithError(m.mean(), m.halfWidth()));
            cells.add(median(r));
            cells.add(speedup(r, rows, notes));
            cells.add(Double.isNaN(bound.boundMs()) ? "n/a" : NumberText.significant(bound.boundMs(), 3));
            cells.add(bound.dominant());
            cells.add(efficiency(bound, r));
            cells.add(server(bound));
            if (anyAllocation) {
                cells.add(Optional.ofNullable(r.secondary().get(ALLOCATION)).map(a -> bytes(a.score())).orElse("-"));
            }
            if (anyCounters) {
                double ops = perOp ? r.secondary().get(OPERATIONS_COUNTER).score() : 1;
                cells.add(counters.stream().map(c -> Optional.ofNullable(r.secondary().get(c))
                        .map(x -> ops > 0 ? NumberText.significant(x.score() / ops, 4) : "n/a")
                        .orElse("-")).collect(Collectors.joining(" / ")));
            }
            if (anyTrials) {
                cells.add(foreignLoad(trials(r)));
            }
            canary.ifPresent(c -> cells.add(host(trials(r), c)));
            if (agreementRecorded) {
                cells.add(forks(r.forks(), run.record().flatMap(rec -> rec.remeasured(r.benchmark(), r.params()))));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        List<Double> narrowed = pairedOverUnpairedWidths(rows);
        if (!narrowed.isEmpty()) {
            double[] sorted = narrowed.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            notes.add(String.format(Locale.ROOT, "pairing by round: the %d paired speedup intervals are %.0f%% (median;"
                    + " %.0f-%.0f%%) as wide as the same forks give unpaired, as forks taken at different times must be",
                    sorted.length, 100 * new Median().evaluate(sorted), 100 * sorted[0],
                    100 * sorted[sorted.length - 1]));
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("- " + n));
        }
        regimeCharts(out, regime, rows);
    }

    /**
     * Rows that two classes measured with the same params, such as a sweep's point that is also a
     * regime's row: one job measured twice in one run, so the two should agree within the noise. A
     * gap says that one class measures the job differently (cold forks, say), not that the job changed.
     */
    private void measuredTwiceSection(PrintWriter out, Map<String, List<BenchmarkResult>> byRegime) {
        List<Map.Entry<String, BenchmarkResult>> rows = new ArrayList<>();
        byRegime.forEach((regime, regimeRows) -> regimeRows.forEach(r -> rows.add(Map.entry(regime, r))));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                BenchmarkResult first = rows.get(i).getValue();
                BenchmarkResult second = rows.get(j).getValue();
                if (first.className().equals(second.className()) || !first.params().equals(second.params())
                        || first.threads() != second.threads() || !first.primary().unit().equals(second.primary().unit())
                        || !first.primary().hasRawData() || !second.primary().hasRawData()) {
                    continue;
                }
                double ratio = mean(second.primary()).mean() / mean(first.primary()).mean();
                double[] interval = ratioInterval(first, second, false);
                SortedMap<String, String> shown = new TreeMap<>(second.params());
                shown.keySet().retainAll(varyingParams(byRegime.get(rows.get(j).getKey())));
                lines.add("| " + second.params().getOrDefault("model", "-") + " | " + cell(paramsShown(shown)) + " | "
                        + rows.get(i).getKey() + " | " + scoreText(first) + " | " + rows.get(j).getKey() + " | "
                        + scoreText(second) + " | " + NumberText.ratioWithInterval(ratio, interval[0], interval[1]) + " |");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("## Rows measured twice");
        out.println();
        out.println("Each of these jobs is a row of two classes with the same params, measured in the same run, so the"
                + " two should agree within their noise. The ratio is the second class's mean over the first's, with a "
                + confidence() + " CI from a bootstrap that resamples forks, then iterations within forks.");
        out.println();
        out.println("| model | params | first | score | second | score | second / first [" + confidence() + " CI] |");
        out.println("|---|---|---|---:|---|---:|---:|");
        lines.forEach(out::println);
    }

    /** bound / measured, or that the row or one of its forks beat the bound, which proves the bound wrong. */
    private static String efficiency(Bound bound, BenchmarkResult row) {
        if (Double.isNaN(bound.efficiency())) {
            return "n/a";
        }
        if (bound.aboveBound()) {
            return "**faster than its bound: the bound is wrong**";
        }
        String efficiency = NumberText.fixed(bound.efficiency(), 2);
        return bound.beatenByAFork(row) ? efficiency + " (**a fork ran faster than its bound: the bound is wrong**)"
                : efficiency;
    }

    /** "222.6 \u00b1 3.1 ms/op": the mean with its interval's half-width, and the unit. */
    private String scoreText(BenchmarkResult r) {
        MeanInterval m = mean(r.primary());
        return NumberText.scoreWithError(m.mean(), m.halfWidth()) + " " + r.primary().unit();
    }

    /** The run's regime map, if it holds rows of the map's classes. */
    Optional<RegimeMap> regimeMap() {
        return RegimeMap.of(run.results().results(), calibration, this::bound, this::mean, this::modelRank, settings);
    }

    private void mapSection(PrintWriter out, RegimeMap map) {
        out.println();
        out.println("## Regime map");
        out.println();
        out.println("The I/O-bound job along " + (map.calibrated()
                ? "CPU per product (the calibrated parse of a page plus computeRounds x computePerRound)"
                : "computeRounds (no parsePerProduct calibration in this run, so the axis is not in ms)")
                + ": where each model sits against the bound, and where the fastest model changes. The crossovers "
                + "are placed by interpolating the log ratio of the two models' means between levels; a crossover is "
                + "claimed only where some level shows one faster and a later one the other, each beyond its interval.");
        if (!map.borrowedFrom().isEmpty()) {
            out.println("The first level, without compute, is the same job as the "
                    + String.join(" and ", map.borrowedFrom()) + " rows of this run, so those rows are its points"
                    + " (with their forks) and the map does not measure it again.");
        }
        out.println();
        out.println(ReportCharts.markdownLink(charts.regimeMap(map)));
        out.println();
        map.crossoverTables(out);
        out.println();
        out.println("Measured / predicted: each point's mean over the bound the calibrated costs alone predict (latency, "
                + "CPU per product, the cores the model can use, n in flight); 1.00 is at the floor.");
        out.println();
        map.predictionTable(out);
    }

    /** "10.24 [9.97, 10.53]", "1 (baseline)" or why there is none. */
    String speedup(BenchmarkResult row, List<BenchmarkResult> rows, Set<String> notes) {
        return speedup(row, rows, notes, "");
    }

    /** As {@link #speedup(BenchmarkResult, List, Set)}, with {@code unit} after the ratio ("10.24x [...]"). */
    String speedup(BenchmarkResult row, List<BenchmarkResult> rows, Set<String> notes, String unit) {
        String model = row.params().get("model");
        if (model == null) {
            return "n/a";
        }
        if (unsettled(row)) {
            notes.add("an unsettled row's forks still disagreed after the forks added to re-measure it: it gets no"
                    + " speedup or verdict until it is measured again in a steadier hour");
            return "no verdict (unsettled)";
        }
        String baseline = baselineModel();
        if (model.equals(baseline)) {
            return "1 (baseline)";
        }
        Optional<BenchmarkResult> serial = baselineRow(row, rows, notes);
        if (serial.isEmpty()) {
            return "n/a (no " + baseline + " row)";
        }
        Metric s = serial.get().primary();
        Metric m = row.primary();
        if (!s.hasRawData() || !m.hasRawData() || !s.unit().equals(m.unit())) {
            return "n/a";
        }
        boolean paired = pairedByRound(serial.get(), row);
        if (paired) {
            notes.add("speedup intervals pair each fork with " + baseline + "'s fork of the same round (forks a few"
                    + " minutes apart), so a drift of the host between rounds stays out of them");
        }
        double ratio = mean(m).mean() / mean(s).mean();
        double[] ci = ratioInterval(serial.get(), row, paired);
        boolean higherIsBetter = row.mode().higherIsBetter();
        double speedup = higherIsBetter ? ratio : 1 / ratio;
        double low = higherIsBetter ? ci[0] : 1 / ci[1];
        double high = higherIsBetter ? ci[1] : 1 / ci[0];
        return NumberText.ratioWithInterval(speedup, unit, low, high);
    }

    /** The interval of mean(row) / mean(base), from forks paired by round or drawn apart. */
    private double[] ratioInterval(BenchmarkResult base, BenchmarkResult row, boolean paired) {
        long seed = settings.seed() * 31 + row.key().toString().hashCode();
        List<List<Iteration>> b = base.primary().forks();
        List<List<Iteration>> o = row.primary().forks();
        return HierarchicalBootstrap.percentileInterval(paired
                ? HierarchicalBootstrap.pairedRatioReplicates(b, o, settings.resamples(), seed)
                : HierarchicalBootstrap.ratioReplicates(b, o, settings.resamples(), seed), settings.confidence());
    }

    /**
     * Whether the forks of {@code base} and {@code row} pair up by round: the run took its forks in
     * rounds (a record with fork agreement), and neither row had forks added or set aside, so fork i
     * of each ran in round i.
     */
    boolean pairedByRound(BenchmarkResult base, BenchmarkResult row) {
        if (run.record().map(RunRecord::forkAgreement).isEmpty()) {
            return false;
        }
        int forks = base.primary().forks().size();
        return forks >= 2 && row.primary().forks().size() == forks
                && run.record().flatMap(rec -> rec.remeasured(base.benchmark(), base.params())).isEmpty()
                && run.record().flatMap(rec -> rec.remeasured(row.benchmark(), row.params())).isEmpty();
    }

    /**
     * How much pairing by round narrowed the speedup intervals of {@code rows}: for each row whose
     * forks pair with the baseline's, the width of its paired interval over the width of the
     * unpaired one from the same forks (what forks taken at different times would have to use).
     */
    List<Double> pairedOverUnpairedWidths(List<BenchmarkResult> rows) {
        List<Double> ratios = new ArrayList<>();
        for (BenchmarkResult row : rows) {
            if (row.params().get("model") == null || row.params().get("model").equals(baselineModel())) {
                continue;
            }
            Optional<BenchmarkResult> base = baselineRow(row, rows, new LinkedHashSet<>());
            if (base.isEmpty() || !base.get().primary().hasRawData() || !row.primary().hasRawData()
                    || !pairedByRound(base.get(), row)) {
                continue;
            }
            double[] paired = ratioInterval(base.get(), row, true);
            double[] unpaired = ratioInterval(base.get(), row, false);
            if (unpaired[1] > unpaired[0]) {
                ratios.add((paired[1] - paired[0]) / (unpaired[1] - unpaired[0]));
            }
        }
        return ratios;
    }

    /** The baseline model's row that {@code row}'s speedup is against, if the rows hold one. */
    private Optional<BenchmarkResult> baselineRow(BenchmarkResult row, List<BenchmarkResult> rows, Set<String> notes) {
        String baseline = baselineModel();
        Map<String, String> want = withoutModel(row.params());
        Optional<BenchmarkResult> serial = rows.stream()
                .filter(r -> baseline.equals(r.params().get("model")) && r.threads() == row.threads()
                        && r.benchmark().equals(row.benchmark()) && withoutModel(r.params()).equals(want))
                .findFirst();
        if (serial.isEmpty()) {
            // the baseline ignores concurrency, so a sweep may hold it at one concurrency only
            Map<String, String> wantLoose = new TreeMap<>(want);
            wantLoose.remove("concurrency");
            serial = rows.stream()
                    .filter(r -> baseline.equals(r.params().get("model")) && r.threads() == row.threads()
                            && r.benchmark().equals(row.benchmark()))
                    .filter(r -> {
                        Map<String, String> p = new TreeMap<>(withoutModel(r.params()));
                        p.remove("concurrency");
                        return p.equals(wantLoose);
                    })
                    .findFirst();
            serial.ifPresent(s -> notes.add("speedup against " + baseline + " at concurrency="
                    + s.params().getOrDefault("concurrency", "-") + " where no " + baseline
                    + " row had the same concurrency (it ignores it)"));
        }
        return serial;
    }

    /** "clean", or how many measured iterations of how many ran beside foreign load, and the worst of it. */
    /** The trials of the forks the row's score counts (those set aside are in set-aside.json). */
    private List<RunRecord.Trial> trials(BenchmarkResult r) {
        return run.record().map(rec -> rec.trials(r.benchmark(), r.params())).orElse(List.of()).stream()
                .filter(t -> t.setAside() == null).toList();
    }

    /** Whether the row's counted forks still disagree after the forks added to re-measure it. */
    private boolean unsettled(BenchmarkResult r) {
        return run.record().flatMap(rec -> rec.remeasured(r.benchmark(), r.params()))
                .map(RunRecord.Remeasured::unsettled).orElse(false);
    }

    /**
     * "2", or "3 (1 added, 1 set aside)" for a row re-measured because its forks disagreed or
     * were marked, or "**unsettled**" with the same counts when its counted forks still disagree.
     */
    static String forks(int counted, Optional<RunRecord.Remeasured> remeasured) {
        if (remeasured.isEmpty()) {
            return String.valueOf(counted);
        }
        RunRecord.Remeasured row = remeasured.get();
        List<String> parts = new ArrayList<>();
        if (row.addedForks() > 0) {
            parts.add(row.addedForks() + " added");
        }
        if (row.setAsideForks() > 0) {
            parts.add(row.setAsideForks() + " set aside");
        }
        String text = counted + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        return row.unsettled() ? "**unsettled: " + text + ", still disagreeing**" : text;
    }

    static String foreignLoad(List<RunRecord.Trial> trials) {
        if (trials.isEmpty()) {
            return "n/a";
        }
        int measured = trials.stream().mapToInt(RunRecord.Trial::measuredIterations).sum();
        int contaminated = trials.stream().mapToInt(RunRecord.Trial::contaminatedIterations).sum();
        if (contaminated == 0) {
            return "clean";
        }
        double worst = trials.stream().map(RunRecord.Trial::maxForeignCores).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return "**contaminated: " + contaminated + " of " + measured + " iterations** (up to "
                + NumberText.fixed(100 * worst, 0) + "% of a core)";
    }

    /**
     * "steady (+2%)", or how many of the row's trials started while the host canary read slower than
     * the run's typical reading by more than its tolerance: their forks are in the score, so the row says so.
     */
    static String host(List<RunRecord.Trial> trials, RunRecord.HostCanary canary) {
        List<Double> readings = trials.stream().map(RunRecord.Trial::hostCanaryMillis)
                .filter(java.util.Objects::nonNull).toList();
        if (readings.isEmpty()) {
            return "n/a";
        }
        double worst = readings.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double share = 100 * (worst / canary.referenceMillis() - 1);
        String over = (share >= 0 ? "+" : "") + NumberText.fixed(share, 0) + "%";
        long slow = readings.stream().filter(canary::slow).count();
        return slow == 0 ? "steady (" + over + ")"
                : "**slow host: " + slow + " of " + readings.size() + " trials, up to " + over + "**";
    }

    private static String server(Bound bound) {
        if (Double.isNaN(bound.demand())) {
            return "n/a";
        }
        if (Double.isNaN(bound.ceiling())) {
            return NumberText.significant(bound.demand(), 3) + " / n/a";
        }
        return NumberText.significant(bound.demand(), 3) + " / " + NumberText.significant(bound.ceiling(), 3)
                + (bound.serverBound() ? " **server-bound**" : "");
    }

    private void regimeCharts(PrintWriter out, String regime, List<BenchmarkResult> rows) {
        out.println();
        charts.regime(regime, rows).forEach(chart -> out.println(ReportCharts.markdownLink(chart)));
    }

    /**
     * Which of the other JDKs' runs to compare with: the runs this one was interleaved with, where
     * recorded; else those measured from the same commit; else every one (the newest per JDK wins).
     */
    private List<RunDirectory> partners(List<RunDirectory> others) {
        List<String> paired = run.record().map(r -> r.run().pairedWith()).orElse(List.of());
        if (!paired.isEmpty()) {
            return others.stream().filter(o -> paired.contains(o.name())).toList();
        }
        Optional<String> commit = run.record().map(r -> r.git().commit());
        List<RunDirectory> sameCommit = others.stream()
                .filter(o -> commit.isPresent() && o.record().map(r -> r.git().commit()).equals(commit))
                .toList();
        return sameCommit.isEmpty() ? others : sameCommit;
    }

    private void crossJdk(PrintWriter out) {
        Path parent = run.dir().toAbsolutePath().normalize().getParent();
        List<RunDirectory> others = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (parent != null) {
            try (Stream<Path> siblings = Files.list(parent)) {
                for (Path dir : siblings.filter(Files::isDirectory).sorted().toList()) {
                    if (dir.getFileName().equals(run.dir().toAbsolutePath().normalize().getFileName())
                            || !Files.isRegularFile(dir.resolve(RunDirectory.RESULT_FILE))) {
                        continue;
                    }
                    try {
                        RunDirectory other = RunDirectory.load(dir);
                        if (other.jdkMajor() != run.jdkMajor()) {
                            others.add(other);
                        }
                    } catch (BadInputException e) {
                        skipped.add(e.getMessage());
                    }
                }
            } catch (IOException e) {
                skipped.add(parent + ": cannot list (" + e.getClass().getSimpleName() + ")");
            }
        }
        Map<Integer, RunDirectory> newestByMajor = new TreeMap<>();
        for (RunDirectory other : partners(others)) {
            newestByMajor.merge(other.jdkMajor(), other,
                    (a, b) -> a.orderKey().compareTo(b.orderKey()) >= 0 ? a : b);
        }
        out.println();
        out.println("## Cross-JDK");
        out.println();
        if (newestByMajor.isEmpty()) {
            out.println("No run of another JDK beside this one (" + (parent == null ? "no parent" : parent.getFileName())
                    + "/); run the suite on another JDK to get a comparison here.");
        }
        skipped.forEach(s -> out.println("- skipped " + s));
        for (RunDirectory other : newestByMajor.values()) {
            boolean otherIsOlder = other.jdkMajor() < run.jdkMajor();
            RunDirectory base = otherIsOlder ? other : run;
            RunDirectory newer = otherIsOlder ? run : other;
            out.println("### JDK " + base.jdkMajor() + " -> JDK " + newer.jdkMajor() + " (" + base.name() + " vs "
                    + newer.name() + ")");
            out.println();
            Comparison comparison;
            try {
                comparison = Comparison.of(base.results(), newer.results(), settings);
            } catch (BadInputException e) {
                out.println("Nothing to compare: the two runs have no result in common.");
                continue;
            }
            MarkdownComparison.write(out, comparison, "####");
            out.println();
            out.println(ReportCharts.markdownLink(charts.comparison("jdk" + base.jdkMajor() + "-vs-jdk"
                    + newer.jdkMajor(), "JDK " + newer.jdkMajor() + " / JDK " + base.jdkMajor() + " (" + newer.name()
                    + " / " + base.name() + ")", comparison)));
        }
    }

    static String barLabel(BenchmarkResult r) {
        String model = r.params().get("model");
        String label = model != null ? model : r.shortBenchmark();
        return r.threads() != 1 ? label + " x" + r.threads() : label;
    }

    /** Rows grouped by their params without {@code ignored}, in row order. */
    static Map<Map<String, String>, List<BenchmarkResult>> group(List<BenchmarkResult> rows, Set<String> ignored) {
        Map<Map<String, String>, List<BenchmarkResult>> groups = new LinkedHashMap<>();
        for (BenchmarkResult r : rows) {
            SortedMap<String, String> key = new TreeMap<>(r.params());
            key.keySet().removeAll(ignored);
            if (!r.benchmark().equals(rows.get(0).benchmark())) {
                key.put("benchmark", r.shortBenchmark());
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** The median of all iterations, four digits: on shared cores a few slow iterations pull the mean. */
    static String median(BenchmarkResult r) {
        return r.primary().hasRawData() ? NumberText.significant(new Median().evaluate(r.primary().pooledValues()), 4) : "n/a";
    }

    MeanInterval mean(Metric metric) {
        MeanInterval m = MeanInterval.of(metric.forks(), settings.confidence());
        // without raw data, fall back to what JMH printed (its error is a 99.9% interval)
        return m.n() == 0 ? new MeanInterval(metric.score(), metric.scoreError(), 0) : m;
    }

    private String confidence() {
        return NumberText.percent(settings.confidence());
    }

    /** Params (other than model) with more than one value among the rows, in key order. */
    private static List<String> varyingParams(List<BenchmarkResult> rows) {
        Map<String, Set<String>> values = new TreeMap<>();
        rows.forEach(r -> r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        rows.forEach(r -> values.keySet().forEach(k -> {
            if (!r.params().containsKey(k)) {
                values.get(k).add("-");
            }
        }));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1 && !e.getKey().equals("model"))
                .map(Map.Entry::getKey).toList();
    }

    private static SortedMap<String, String> withoutModel(Map<String, String> params) {
        SortedMap<String, String> p = new TreeMap<>(params);
        p.remove("model");
        return p;
    }



    /** Compares param maps value by value, numbers numerically, so 4 sorts before 16. */
    private static int compareParams(SortedMap<String, String> a, SortedMap<String, String> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String x = a.getOrDefault(k, "");
            String y = b.getOrDefault(k, "");
            Double nx = number(x);
            Double ny = number(y);
            int c = nx != null && ny != null ? Double.compare(nx, ny) : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String paramsShown(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A chart file suffix from the params that tell this group from the others in its regime. */
    static String comboText(Map<String, String> combo, List<BenchmarkResult> regimeRows) {
        List<String> varying = varyingParams(regimeRows);
        return combo.entrySet().stream().filter(e -> varying.contains(e.getKey()) || e.getKey().equals("benchmark")).map(e -> e.getKey() + "-" + e.getValue()).collect(Collectors.joining("_"))
                .toLowerCase(Locale.ROOT);
    }

    private static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return "n/a";
        }
        if (b < 1024) {
            return NumberText.significant(b, 3) + " B";
        }
        if (b < 1024 * 1024) {
            return NumberText.fixed(b / 1024, 1) + " KiB";
        }
        return NumberText.fixed(b / (1024 * 1024), 2) + " MiB";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
