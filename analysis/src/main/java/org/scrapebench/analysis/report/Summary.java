package org.scrapebench.analysis.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
 *
 * <p>A baseline too long for one sitting is taken in parts, each an interleaved run of some of
 * the benchmark classes over the same JDKs. Each regime then comes from the first part that holds
 * it, and the tables say which part that is: the A/A pair and the JDK comparison of a regime are
 * always those of the run its times come from, never a mix of runs taken hours apart.
 */
public final class Summary {

    /** The regimes the headline shows, in this order. */
    static final List<Regime> REGIMES = List.of(Regime.IO_BOUND, Regime.CPU_BOUND, Regime.MIXED, Regime.GIL_CPU_BOUND);

    /**
     * One interleaved run.
     *
     * @param run      the run the times and speedups come from
     * @param again    the same JDK measured again in the same interleaved run (the A/A pair)
     * @param otherJdk the other JDK of the same run
     */
    public record Part(RunDirectory run, RunDirectory again, RunDirectory otherJdk) {
        public Part {
            if (run.jdkMajor() != again.jdkMajor()) {
                throw new BadInputException(again.name() + " is JDK " + again.jdkMajor() + ", not JDK " + run.jdkMajor()
                        + " again: the A/A pair must be one JDK measured twice");
            }
            if (otherJdk.jdkMajor() == run.jdkMajor()) {
                throw new BadInputException(otherJdk.name() + " is JDK " + otherJdk.jdkMajor()
                        + " too: give a run of the other JDK third");
            }
        }
    }

    private final List<Part> parts;
    private final ComparisonSettings settings;
    /** Whether the parts ran on more than one host CPU (a cloud host can change between sittings). */
    private final boolean mixedHosts;

    public Summary(RunDirectory run, RunDirectory again, RunDirectory otherJdk, ComparisonSettings settings) {
        this(List.of(new Part(run, again, otherJdk)), settings);
    }

    /** @param parts the parts of one baseline, each of the same two JDKs in the same roles */
    public Summary(List<Part> parts, ComparisonSettings settings) {
        if (parts.isEmpty()) {
            throw new BadInputException("no runs given");
        }
        Part first = parts.get(0);
        for (Part part : parts) {
            if (part.run().jdkMajor() != first.run().jdkMajor() || part.otherJdk().jdkMajor() != first.otherJdk().jdkMajor()) {
                throw new BadInputException(part.run().name() + " and " + part.otherJdk().name() + " are JDK "
                        + part.run().jdkMajor() + " and " + part.otherJdk().jdkMajor() + ", not JDK "
                        + first.run().jdkMajor() + " and " + first.otherJdk().jdkMajor()
                        + " as in the first part: every part compares the same JDKs");
            }
        }
        this.parts = List.copyOf(parts);
        this.settings = settings;
        this.mixedHosts = parts.stream().map(p -> cpuModel(p.run())).distinct().count() > 1;
    }

    private static String cpuModel(RunDirectory run) {
        return run.record().map(r -> r.machine().cpuModel()).orElse("an unrecorded CPU");
    }

    /** A part's run by name, and by host CPU where the parts ran on more than one. */
    private String named(Source source) {
        return mixedHosts ? source.runName() + " on " + cpuModel(source.part().run()) : source.runName();
    }

    /** A part with its report. */
    private record Source(Part part, RunReport report) {

        String runName() {
            return part.run().name();
        }
    }

    public String markdown() {
        List<Source> sources = new ArrayList<>();
        Map<Regime, List<BenchmarkResult>> rows = new LinkedHashMap<>();
        Map<Regime, Source> sourceOf = new EnumMap<>(Regime.class);
        for (Part part : parts) {
            sources.add(new Source(part, new RunReport(part.run(), settings, false)));
        }
        for (Regime regime : REGIMES) {
            for (Source source : sources) {
                List<BenchmarkResult> regimeRows = source.report().regimes(source.part().run().results().results())
                        .getOrDefault(regime.label(), List.of());
                if (regimeRows.isEmpty()) {
                    continue;
                }
                Set<String> models = new TreeSet<>();
                for (BenchmarkResult r : regimeRows) {
                    if (!models.add(r.params().getOrDefault("model", ""))) {
                        throw new BadInputException(source.runName() + ": " + regime.label() + " holds more than one row of "
                                + r.params().get("model") + "; the summary needs one row per model");
                    }
                }
                rows.put(regime, regimeRows);
                sourceOf.put(regime, source);
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(sources.stream().map(Source::runName).collect(Collectors.joining(", "))
                    + ": none of the regimes " + REGIMES.stream().map(Regime::label).collect(Collectors.joining(", "))
                    + " was run");
        }
        List<Source> used = sources.stream().filter(sourceOf::containsValue).toList();

        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            timesTable(out, rows, sourceOf, used);
            out.println();
            trustTable(out, rows, sourceOf, used);
            mapSections(out, sources);
        }
        return text.toString().replace("\r\n", "\n");
    }

    /**
     * The map's crossovers and "which model when": its lines without the GIL from the first part
     * that holds them, and those under the GIL likewise; one section where one part holds both.
     */
    private void mapSections(PrintWriter out, List<Source> sources) {
        Map<Source, Optional<RegimeMap>> maps = new IdentityHashMap<>();
        sources.forEach(s -> maps.put(s, s.report().regimeMap()));
        Map<Boolean, Source> sourceOfHalf = new LinkedHashMap<>();
        for (boolean gil : List.of(false, true)) {
            sources.stream().filter(s -> maps.get(s).flatMap(m -> m.only(gil)).isPresent()).findFirst()
                    .ifPresent(s -> sourceOfHalf.put(gil, s));
        }
        if (sourceOfHalf.size() == 2 && sourceOfHalf.get(false) == sourceOfHalf.get(true)) {
            Source both = sourceOfHalf.get(false);
            mapSection(out, both, maps.get(both), Optional.empty());
            return;
        }
        sourceOfHalf.forEach((gil, source) -> mapSection(out, source, maps.get(source), Optional.of(gil)));
    }

    /**
     * One map section, then the same crossovers in the part's A/A half: a crossover the second
     * measurement of the same hour does not place alike is not one to cite.
     */
    private void mapSection(PrintWriter out, Source source, Optional<RegimeMap> whole, Optional<Boolean> gil) {
        RegimeMap map = half(whole, gil).orElseThrow();
        String which = gil.orElse(false) ? " under the GIL" : "";
        out.println();
        out.println("The regime map" + which + " on JDK " + source.part().run().jdkMajor() + " (" + named(source)
                + "): the I/O-bound job along " + map.axisTitle()
                + ", where one model starts to beat another, and which is fastest where:");
        out.println();
        map.crossoverTables(out);
        half(new RunReport(source.part().again(), settings, false).regimeMap(), gil).ifPresent(m -> {
            out.println();
            out.println("The same crossovers in the A/A half (" + source.part().again().name()
                    + ", JDK " + source.part().again().jdkMajor() + " measured again in the same run):");
            out.println();
            m.crossoverTable(out);
        });
    }

    /** The lines with the GIL or without ({@code gil}), or the whole map (empty {@code gil}). */
    private static Optional<RegimeMap> half(Optional<RegimeMap> whole, Optional<Boolean> gil) {
        return gil.isEmpty() ? whole : whole.flatMap(m -> m.only(gil.get()));
    }

    /** "name" for one source, else "regime, regime: name; regime: name". */
    private static String namesByRegime(List<Source> used, Map<Regime, Source> sourceOf, Function<Source, String> name) {
        if (used.size() == 1) {
            return name.apply(used.get(0));
        }
        return used.stream().map(s -> sourceOf.entrySet().stream().filter(e -> e.getValue() == s)
                .map(e -> e.getKey().label()).collect(Collectors.joining(", ")) + ": " + name.apply(s))
                .collect(Collectors.joining("; "));
    }

    private void timesTable(PrintWriter out, Map<Regime, List<BenchmarkResult>> rows, Map<Regime, Source> sourceOf,
                            List<Source> used) {
        RunReport first = used.get(0).report();
        String baseline = first.baselineModel();
        out.println("Median ms per job on JDK " + used.get(0).part().run().jdkMajor() + " ("
                + namesByRegime(used, sourceOf, this::named) + "), and the speedup over "
                + baseline + " with its " + NumberText.percent(settings.confidence()) + " interval"
                + (mixedHosts ? " (the parts ran on different host CPUs: compare models within a column, not across columns)" : "")
                + ":");
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
        models.sort((a, b) -> Integer.compare(first.modelRank(a), first.modelRank(b)));
        for (String model : models) {
            List<String> cells = new ArrayList<>();
            cells.add("`" + model + "`");
            rows.forEach((regime, list) -> {
                Optional<BenchmarkResult> row = list.stream().filter(r -> model.equals(r.params().get("model"))).findFirst();
                cells.add(row.map(r -> cell(sourceOf.get(regime).report(), r, list)).orElse("-"));
            });
            out.println("| " + String.join(" | ", cells) + " |");
        }
    }

    private static String cell(RunReport report, BenchmarkResult row, List<BenchmarkResult> regimeRows) {
        String median = RunReport.median(row);
        return row.params().get("model").equals(report.baselineModel()) ? median
                : median + ", " + report.speedup(row, regimeRows, new LinkedHashSet<>(), "x");
    }

    private void trustTable(PrintWriter out, Map<Regime, List<BenchmarkResult>> rows, Map<Regime, Source> sourceOf,
                            List<Source> used) {
        Map<Source, Comparison> aaOf = new IdentityHashMap<>();
        Map<Source, Comparison> jdksOf = new IdentityHashMap<>();
        for (Source source : used) {
            Part part = source.part();
            Comparison aa = Comparison.of(part.run().results(), part.again().results(), settings);
            aaOf.put(source, aa);
            jdksOf.put(source, Comparison.of(older(part).results(), newer(part).results(),
                    settings.withNoise(NoiseFloor.of(aa))));
        }
        Part firstPart = used.get(0).part();
        out.println("How far to trust them, per regime: the A/A ratios (JDK " + firstPart.run().jdkMajor()
                + " measured twice, " + namesByRegime(used, sourceOf, s -> s.runName() + " and " + s.part().again().name())
                + "), each row's interval of the mean, and JDK " + newer(firstPart).jdkMajor() + " against JDK "
                + older(firstPart).jdkMajor() + " with each row's A/A noise as its margin:");
        out.println();
        out.println("| | " + rows.keySet().stream().map(Regime::label).collect(Collectors.joining(" | ")) + " |");
        out.println("|---|" + "---|".repeat(rows.size()));
        List<String> aaCells = new ArrayList<>();
        List<String> errorCells = new ArrayList<>();
        List<String> jdkCells = new ArrayList<>();
        for (Map.Entry<Regime, List<BenchmarkResult>> entry : rows.entrySet()) {
            Source source = sourceOf.get(entry.getKey());
            String className = entry.getKey().className();
            aaCells.add(range(rowsOf(aaOf.get(source), className).stream().mapToDouble(ComparisonRow::ratio), 1, 2, ""));
            errorCells.add(range(entry.getValue().stream().map(r -> source.report().mean(r.primary()))
                    .mapToDouble(m -> m.halfWidth() / m.mean()), 100, 1, "%"));
            List<ComparisonRow> jdkRows = rowsOf(jdksOf.get(source), className);
            Map<Verdict, Long> verdicts = jdkRows.stream().collect(Collectors.groupingBy(ComparisonRow::verdict,
                    Collectors.counting()));
            jdkCells.add(jdkRows.isEmpty() ? "n/a" : java.util.Arrays.stream(Verdict.values())
                    .filter(verdicts::containsKey).map(v -> verdicts.get(v) + " " + v.label())
                    .collect(Collectors.joining(", ")));
        }
        out.println("| A/A ratio, lowest-highest | " + String.join(" | ", aaCells) + " |");
        out.println("| " + NumberText.percent(settings.confidence()) + " interval of the mean / mean, lowest-highest | "
                + String.join(" | ", errorCells) + " |");
        out.println("| JDK " + newer(firstPart).jdkMajor() + " vs " + older(firstPart).jdkMajor() + ", rows | "
                + String.join(" | ", jdkCells) + " |");
    }

    private static RunDirectory older(Part part) {
        return part.otherJdk().jdkMajor() < part.run().jdkMajor() ? part.otherJdk() : part.run();
    }

    private static RunDirectory newer(Part part) {
        return older(part) == part.run() ? part.otherJdk() : part.run();
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
