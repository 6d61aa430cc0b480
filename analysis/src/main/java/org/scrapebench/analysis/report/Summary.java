package org.scrapebench.analysis.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.compare.Comparison;
import org.scrapebench.analysis.compare.ComparisonRow;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.compare.NoiseFloor;
import org.scrapebench.analysis.compare.Verdict;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.record.Regime;

/**
 * The headline tables of an interleaved run, for the README: per model and main regime the
 * median time and the speedup over the baseline model with its interval, from one run; then, per
 * regime, how far to trust them: the A/A ratios (the same JDK measured twice in the same run), the
 * intervals of the means, and the other JDK's verdicts against the A/A noise; where the run holds the regime map,
 * its crossovers and which model is fastest where. Generated, so that the README
 * never holds a hand-copied number.
 */
public final class Summary {

    /** The regimes the headline shows, in this order. */
    static final List<Regime> REGIMES = List.of(Regime.IO_BOUND, Regime.CPU_BOUND, Regime.MIXED, Regime.GIL_CPU_BOUND);

    private final RunDirectory run;
    private final RunDirectory again;
    private final RunDirectory otherJdk;
    private final ComparisonSettings settings;

    /**
     * @param run      the run the times and speedups come from
     * @param again    the same JDK measured again in the same interleaved run (the A/A pair)
     * @param otherJdk the other JDK of the same run
     */
    public Summary(RunDirectory run, RunDirectory again, RunDirectory otherJdk, ComparisonSettings settings) {
        if (run.jdkMajor() != again.jdkMajor()) {
            throw new BadInputException(again.name() + " is JDK " + again.jdkMajor() + ", not JDK " + run.jdkMajor()
                    + " again: the A/A pair must be one JDK measured twice");
        }
        if (otherJdk.jdkMajor() == run.jdkMajor()) {
            throw new BadInputException(otherJdk.name() + " is JDK " + otherJdk.jdkMajor()
                    + " too: give a run of the other JDK third");
        }
        this.run = run;
        this.again = again;
        this.otherJdk = otherJdk;
        this.settings = settings;
    }

    public String markdown() {
        RunReport report = new RunReport(run, settings, false);
        Map<Regime, List<BenchmarkResult>> rows = new LinkedHashMap<>();
        Map<String, List<BenchmarkResult>> byLabel = report.regimes(run.results().results());
        for (Regime regime : REGIMES) {
            List<BenchmarkResult> regimeRows = byLabel.getOrDefault(regime.label(), List.of());
            Set<String> models = new TreeSet<>();
            for (BenchmarkResult r : regimeRows) {
                if (!models.add(r.params().getOrDefault("model", ""))) {
                    throw new BadInputException(run.name() + ": " + regime.label() + " holds more than one row of "
                            + r.params().get("model") + "; the summary needs one row per model");
                }
            }
            if (!regimeRows.isEmpty()) {
                rows.put(regime, regimeRows);
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(run.name() + ": none of the regimes " + REGIMES.stream().map(Regime::label)
                    .collect(Collectors.joining(", ")) + " was run");
        }
        Comparison aa = Comparison.of(run.results(), again.results(), settings);
        RunDirectory older = otherJdk.jdkMajor() < run.jdkMajor() ? otherJdk : run;
        RunDirectory newer = older == run ? otherJdk : run;
        Comparison jdks = Comparison.of(older.results(), newer.results(), settings.withNoise(NoiseFloor.of(aa)));

        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            timesTable(out, report, rows);
            out.println();
            trustTable(out, report, rows, aa, jdks, older, newer);
            report.regimeMap().ifPresent(map -> {
                out.println();
                out.println("The regime map on JDK " + run.jdkMajor() + " (" + run.name() + "): the I/O-bound job along "
                        + map.axisTitle() + ", where one model starts to beat another, and which is fastest where:");
                out.println();
                map.crossoverTables(out);
            });
        }
        return text.toString().replace("\r\n", "\n");
    }

    private void timesTable(PrintWriter out, RunReport report, Map<Regime, List<BenchmarkResult>> rows) {
        String baseline = report.baselineModel();
        out.println("Median ms per job on JDK " + run.jdkMajor() + " (" + run.name() + "), and the speedup over "
                + baseline + " with its " + NumberText.percent(settings.confidence()) + " interval:");
        out.println();
        out.println("| model | " + rows.keySet().stream().map(Regime::label).collect(Collectors.joining(" | ")) + " |");
        out.println("|---|" + "---:|".repeat(rows.size()));
        List<String> models = new ArrayList<>();
        rows.values().forEach(list -> list.forEach(r -> {
            String model = r.params().get("model");
            if (model != null && !models.contains(model)) {
                models.add(model);
            }
        }));
        models.sort((a, b) -> Integer.compare(report.modelRank(a), report.modelRank(b)));
        for (String model : models) {
            List<String> cells = new ArrayList<>();
            cells.add("`" + model + "`");
            rows.forEach((regime, list) -> {
                Optional<BenchmarkResult> row = list.stream().filter(r -> model.equals(r.params().get("model"))).findFirst();
                cells.add(row.map(r -> cell(report, r, list)).orElse("-"));
            });
            out.println("| " + String.join(" | ", cells) + " |");
        }
    }

    private String cell(RunReport report, BenchmarkResult row, List<BenchmarkResult> regimeRows) {
        String median = RunReport.median(row);
        return row.params().get("model").equals(report.baselineModel()) ? median
                : median + ", " + report.speedup(row, regimeRows, new LinkedHashSet<>(), "x");
    }

    private void trustTable(PrintWriter out, RunReport report, Map<Regime, List<BenchmarkResult>> rows, Comparison aa, Comparison jdks,
                            RunDirectory older, RunDirectory newer) {
        out.println("How far to trust them, per regime: the A/A ratios (JDK " + run.jdkMajor() + " measured twice, "
                + run.name() + " and " + again.name() + "), each row's interval of the mean, and JDK " + newer.jdkMajor() + " against JDK "
                + older.jdkMajor() + " with each row's A/A noise as its margin:");
        out.println();
        out.println("| | " + rows.keySet().stream().map(Regime::label).collect(Collectors.joining(" | ")) + " |");
        out.println("|---|" + "---|".repeat(rows.size()));
        List<String> aaCells = new ArrayList<>();
        List<String> errorCells = new ArrayList<>();
        List<String> jdkCells = new ArrayList<>();
        for (Map.Entry<Regime, List<BenchmarkResult>> entry : rows.entrySet()) {
            String className = entry.getKey().className();
            aaCells.add(range(rowsOf(aa, className).stream().mapToDouble(ComparisonRow::ratio), 1, 2, ""));
            errorCells.add(range(entry.getValue().stream().map(r -> report.mean(r.primary()))
                    .mapToDouble(m -> m.halfWidth() / m.mean()), 100, 1, "%"));
            List<ComparisonRow> jdkRows = rowsOf(jdks, className);
            Map<Verdict, Long> verdicts = jdkRows.stream().collect(Collectors.groupingBy(ComparisonRow::verdict,
                    Collectors.counting()));
            jdkCells.add(jdkRows.isEmpty() ? "n/a" : java.util.Arrays.stream(Verdict.values())
                    .filter(verdicts::containsKey).map(v -> verdicts.get(v) + " " + v.label())
                    .collect(Collectors.joining(", ")));
        }
        out.println("| A/A ratio, lowest-highest | " + String.join(" | ", aaCells) + " |");
        out.println("| " + NumberText.percent(settings.confidence()) + " interval of the mean / mean, lowest-highest | "
                + String.join(" | ", errorCells) + " |");
        out.println("| JDK " + newer.jdkMajor() + " vs " + older.jdkMajor() + ", rows | " + String.join(" | ", jdkCells)
                + " |");
    }

    private static List<ComparisonRow> rowsOf(Comparison comparison, String className) {
        return comparison.rows().stream().filter(r -> r.base().className().equals(className)).toList();
    }

    /** "lowest-highest" of the values times {@code scale}, or "n/a" for none. */
    private static String range(DoubleStream values, double scale, int decimals, String suffix) {
        DoubleSummaryStatistics stats = values.map(v -> v * scale).summaryStatistics();
        return stats.getCount() == 0 ? "n/a"
                : NumberText.fixed(stats.getMin(), decimals) + "-" + NumberText.fixed(stats.getMax(), decimals) + suffix;
    }
}
