package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.chart.SvgDoc;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.jmh.BenchmarkMode;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.record.TestRecords;

/**
 * The regime map section of a report, from a synthetic run whose lines cross where the test says:
 * per product the parse costs 0.1 ms and a round 5 us, so the levels are 0.1 to 30.1 ms.
 */
class RegimeMapReportTest {

    @TempDir
    Path dir;

    private static final int[] ROUNDS = {0, 40, 180, 580, 1980, 6000};

    private static BenchmarkResult row(String method, String unit, double score, Map<String, String> params) {
        String className = method.contains(".") ? method : "CalibrationBenchmark." + method;
        // two forks of three iterations, 1% apart
        List<List<Iteration>> forks = List.of(
                List.of(new Iteration(score * 0.99, 1), new Iteration(score, 1), new Iteration(score * 1.01, 1)),
                List.of(new Iteration(score * 1.005, 1), new Iteration(score * 0.995, 1), new Iteration(score, 1)));
        return new BenchmarkResult("1.37", "org.scrapebench.bench." + className, BenchmarkMode.AVERAGE_TIME, 1, 2,
                List.of(), "25.0.1", "VM", "25", 6, "1 s", 3, "1 s", new TreeMap<>(params),
                new Metric(score, score * 0.01, unit, forks), Map.of());
    }

    private static Map<String, String> job(String model, String gil, int rounds) {
        return Map.of("model", model, "gil", gil, "computeRounds", Integer.toString(rounds), "products", "40",
                "productsPerPage", "20", "pageKb", "4", "latency", "fixed:50", "concurrency", "16");
    }

    private RunDirectory run(boolean withPool) throws IOException {
        return run(withPool, false);
    }

    /**
     * With {@code firstLevelElsewhere}, the rows without compute are the I/O-bound regimes' rows (as
     * in the suite, where the map does not measure that level again), beside two I/O-bound rows that
     * are no point of the map: a model it has no line of, and its pool at another concurrency.
     */
    private RunDirectory run(boolean withPool, boolean firstLevelElsewhere) throws IOException {
        List<BenchmarkResult> rows = new ArrayList<>();
        rows.add(row("parsePerProduct", "us/op", 100, Map.of("pageKb", "4", "computeRounds", "0")));
        rows.add(row("computePerRound", "us/op", 5, Map.of("pageKb", "4")));
        rows.add(row("serverCeiling", "ops/s", 2000, Map.of("pageKb", "4")));
        List<RunRecord.Row> facts = new ArrayList<>();
        for (int r : ROUNDS) {
            double c = 0.1 + r * 0.005;
            boolean elsewhere = firstLevelElsewhere && r == 0;
            String map = elsewhere ? "IoBoundBenchmark.scrape" : "RegimeMapBenchmark.scrape";
            String gilMap = elsewhere ? "GilIoBoundBenchmark.scrape" : "GilRegimeMapBenchmark.scrape";
            BenchmarkResult loop = row(map, "ms/op", Math.max(210, 40 * c + 30), job("EVENT_LOOP", "off", r));
            rows.add(loop);
            facts.add(TestRecords.row(loop, 1, true, 16, 200.0));
            if (withPool) {
                BenchmarkResult pool = row(map, "ms/op", Math.max(220, 20 * c + 30),
                        job("FIXED_THREAD_POOL", "off", r));
                rows.add(pool);
                facts.add(TestRecords.row(pool, 2, true, 16, 200.0));
            }
            BenchmarkResult gilPool = row(gilMap, "ms/op", Math.max(225, 40 * c + 30),
                    job("FIXED_THREAD_POOL", "on", r));
            BenchmarkResult gilWorkers = row(gilMap, "ms/op", Math.max(240, 20 * c + 40),
                    job("WORKER_PROCESSES", "on", r));
            rows.add(gilPool);
            rows.add(gilWorkers);
            facts.add(TestRecords.row(gilPool, 1, true, 16, 200.0));
            facts.add(TestRecords.row(gilWorkers, 2, true, 16, 200.0));
        }
        if (firstLevelElsewhere) {
            BenchmarkResult noLine = row("IoBoundBenchmark.scrape", "ms/op", 150, job("COMPLETABLE_FUTURE", "off", 0));
            Map<String, String> fewer = new TreeMap<>(job("FIXED_THREAD_POOL", "off", 0));
            fewer.put("concurrency", "8");
            BenchmarkResult otherKnobs = row("IoBoundBenchmark.scrape", "ms/op", 150, fewer);
            rows.add(noLine);
            rows.add(otherKnobs);
            facts.add(TestRecords.row(noLine, 2, true, 16, 200.0));
            facts.add(TestRecords.row(otherKnobs, 2, true, 8, 200.0));
        }
        Path runDir = Files.createDirectories(dir.resolve("2026-12-05-jdk25"));
        return new RunDirectory(runDir, new ResultFile(runDir.resolve("jmh-result.json"), "synthetic", "0123abcd", rows),
                Optional.of(TestRecords.withRows(facts)));
    }

    private static String section(String report) {
        int start = report.indexOf("## Regime map");
        assertTrue(start >= 0, "no regime map section");
        return report.substring(start, report.indexOf("\n## ", start + 3));
    }

    @Test
    void theReportNamesEachCrossoverWithItsIntervalOrSaysWhyThereIsNone() throws IOException {
        RunDirectory run = run(true);
        String map = section(Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, true).write()));
        // the event loop reaches the pool where 40 c + 30 = 220, c = 4.75 ms, between the levels 3 and 10 ms
        Matcher loop = Pattern.compile("\\| EVENT_LOOP vs FIXED_THREAD_POOL \\| EVENT_LOOP faster below ([0-9.]+) ms "
                + "\\[([0-9.]+), ([0-9.]+)\\], FIXED_THREAD_POOL above \\|").matcher(map);
        assertTrue(loop.find(), map);
        double at = Double.parseDouble(loop.group(1));
        assertTrue(at > 3 && at < 10.1, map);
        assertTrue(Double.parseDouble(loop.group(2)) <= at && at <= Double.parseDouble(loop.group(3)), map);
        assertTrue(map.contains("| FIXED_THREAD_POOL vs WORKER_PROCESSES | n/a: not in this run (WORKER_PROCESSES) |"), map);
        assertTrue(map.contains("| FIXED_THREAD_POOL gil=on vs WORKER_PROCESSES gil=on | FIXED_THREAD_POOL gil=on faster below"), map);
        // which model when: the event loop at the lowest level, the pool at the highest
        assertTrue(map.contains("| 0.10 ms to 3.0 ms | EVENT_LOOP |"), map);
        assertTrue(map.contains("| 10 ms to 30 ms | FIXED_THREAD_POOL | 1.87x [1.86, 1.88] ahead of EVENT_LOOP at 10 ms"), map);
        assertTrue(map.contains("Which model when, under the GIL"), map);
    }

    @Test
    void theFirstLevelIsTheIoBoundRowsWhenTheMapDoesNotMeasureIt() throws IOException {
        RunDirectory run = run(true, true);
        RegimeMap regimeMap = new RunReport(run, ComparisonSettings.DEFAULTS, false).regimeMap().orElseThrow();
        assertEquals(List.of("FIXED_THREAD_POOL", "EVENT_LOOP", "FIXED_THREAD_POOL gil=on", "WORKER_PROCESSES gil=on"),
                regimeMap.lines().stream().map(RegimeMap.Line::label).toList(), "no line for a model the map lacks");
        for (RegimeMap.Line line : regimeMap.lines()) {
            assertEquals(ROUNDS.length, line.points().size(), line.label());
            String first = line.points().get(0).row().className();
            assertEquals(line.gil() ? "GilIoBoundBenchmark" : "IoBoundBenchmark", first, line.label());
            assertEquals("16", line.points().get(0).row().params().get("concurrency"), line.label());
        }
        assertEquals(List.of("io-bound", "gil-io-bound"), regimeMap.borrowedFrom());
        String map = section(Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write()));
        assertTrue(map.contains("same job as the io-bound and gil-io-bound rows of this run"), map);
        assertTrue(map.contains("| 0.10 ms to 3.0 ms | EVENT_LOOP |"), map);
        assertFalse(section(Files.readString(new RunReport(run(true, false), ComparisonSettings.DEFAULTS, false).write()))
                .contains("same job as the"), "a map that measures its first level borrows nothing");
    }

    @Test
    void everyPointIsSetAgainstWhatTheCalibratedCostsPredict() throws IOException {
        RunDirectory run = run(true);
        String map = section(Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write()));
        assertTrue(map.contains("| model | 0.10 ms | 0.30 ms | 1.0 ms | 3.0 ms | 10 ms | 30 ms |"), map);
        Matcher loop = Pattern.compile("\\| EVENT_LOOP((?: \\| [0-9.]+){6}) \\|").matcher(map);
        assertTrue(loop.find(), map);
        String[] cells = loop.group(1).substring(3).split(" \\| ");
        // at 30 ms the one thread's CPU is all: 40 x the low end of the calibrated 30.1 ms, plus 42 requests at
        // the high end of the server's ceiling, against 40 x 30.1 + 30 ms measured
        double predicted = 40 * (0.099 + 6000 * 0.00495) + 42 / 2020.0 * 1000;
        assertEquals((40 * 30.1 + 30) / predicted, Double.parseDouble(cells[5]), 0.01);
        assertFalse(map.contains("n/a |"), map);
    }

    @Test
    void theChartHasALineAndBandPerModelTheBoundAndTheCrossovers() throws IOException {
        RunDirectory run = run(true);
        new RunReport(run, ComparisonSettings.DEFAULTS, true).write();
        SvgDoc svg = SvgDoc.parse(Files.readString(run.dir().resolve("charts/regime-map.svg")));
        assertEquals(4, svg.byClass("measured").size());
        assertEquals(4, svg.byClass("band").size());
        assertTrue(svg.byClass("bound").size() >= 2, "one-core and two-core bounds at least");
        assertEquals(2, svg.byClass("crossover").size(), "event loop / pool, and the pair under the GIL");
        String html = Files.readString(run.dir().resolve("report.html"));
        assertTrue(html.contains("data-chart=\"regime-map\""), "inline in report.html");
    }

    @Test
    void theReadmeSummaryCitesTheMapWhenTheRunHoldsItAndOnlyThen() throws IOException {
        RunDirectory map = run(true);
        List<BenchmarkResult> withIo = new ArrayList<>(map.results().results());
        withIo.add(row("IoBoundBenchmark.scrape", "ms/op", 220, job("FIXED_THREAD_POOL", "off", 0)));
        RunDirectory run = new RunDirectory(map.dir(), new ResultFile(map.dir().resolve("jmh-result.json"), "a", "1",
                withIo), map.record());
        RunDirectory again = new RunDirectory(dir.resolve("again"), new ResultFile(dir.resolve("again/x.json"), "b", "2",
                withIo), map.record());
        RunDirectory older = new RunDirectory(dir.resolve("older"), new ResultFile(dir.resolve("older/x.json"), "c", "3",
                onJdk17(withIo)), Optional.empty());
        String summary = new Summary(run, again, older, ComparisonSettings.DEFAULTS).markdown();
        assertTrue(summary.contains("The regime map on JDK 25"), summary);
        assertTrue(summary.contains("| EVENT_LOOP vs FIXED_THREAD_POOL | EVENT_LOOP faster below"), summary);
        assertTrue(summary.contains("| 10 ms to 30 ms | FIXED_THREAD_POOL |"), summary);
        assertFalse(summary.contains("under the GIL on"), summary);
        assertTrue(summary.contains("The same crossovers in the A/A half (again, JDK 25 measured again in the same run)"),
                summary);

        List<BenchmarkResult> ioOnly = List.of(withIo.get(withIo.size() - 1));
        String without = new Summary(new RunDirectory(run.dir(), new ResultFile(run.dir(), "a", "1", ioOnly), run.record()),
                new RunDirectory(again.dir(), new ResultFile(again.dir(), "b", "2", ioOnly), again.record()),
                new RunDirectory(older.dir(), new ResultFile(older.dir(), "c", "3", List.of(older.results().results()
                        .get(older.results().results().size() - 1))), Optional.empty()),
                ComparisonSettings.DEFAULTS).markdown();
        assertFalse(without.contains("regime map"), without);
    }

    /** A part of a baseline holding {@code rows}: named {@code name}, again, and on JDK 17. */
    private Summary.Part part(String name, List<BenchmarkResult> rows, Optional<RunRecord> record) {
        RunDirectory run = new RunDirectory(dir.resolve(name), new ResultFile(dir.resolve(name + "/x.json"), "a", "1", rows),
                record);
        RunDirectory again = new RunDirectory(dir.resolve(name + "-2"), new ResultFile(dir.resolve(name + "-2/x.json"), "b",
                "2", rows), record);
        RunDirectory older = new RunDirectory(dir.resolve(name + "-17"), new ResultFile(dir.resolve(name + "-17/x.json"), "c",
                "3", onJdk17(rows)), Optional.empty());
        return new Summary.Part(run, again, older);
    }

    /** The same rows as measured on JDK 17, for the older half of a part. */
    private static List<BenchmarkResult> onJdk17(List<BenchmarkResult> rows) {
        return rows.stream().map(r -> new BenchmarkResult(r.jmhVersion(), r.benchmark(), r.mode(), r.threads(),
                r.forks(), r.jvmArgs(), "17.0.9", r.vmName(), r.vmVersion(), r.warmupIterations(), r.warmupTime(),
                r.measurementIterations(), r.measurementTime(), r.params(), r.primary(), r.secondary())).toList();
    }

    @Test
    void aMapWhoseHalvesComeFromTwoPartsIsCitedFromEachWithItsOwnPairs() throws IOException {
        RunDirectory map = run(true);
        BenchmarkResult io = row("IoBoundBenchmark.scrape", "ms/op", 220, job("FIXED_THREAD_POOL", "off", 0));
        List<BenchmarkResult> jvm = new ArrayList<>(map.results().results().stream()
                .filter(r -> !r.className().startsWith("Gil")).toList());
        jvm.add(io);
        List<BenchmarkResult> gil = new ArrayList<>(map.results().results().stream()
                .filter(r -> !r.className().equals("RegimeMapBenchmark")).toList());
        gil.add(io);

        String summary = new Summary(List.of(part("jvm", jvm, map.record()), part("gil", gil, map.record())),
                ComparisonSettings.DEFAULTS).markdown();

        int jvmAt = summary.indexOf("The regime map on JDK 25 (jvm):");
        int gilAt = summary.indexOf("The regime map under the GIL on JDK 25 (gil):");
        assertTrue(jvmAt >= 0 && gilAt > jvmAt, summary);
        String jvmSection = summary.substring(jvmAt, gilAt);
        String gilSection = summary.substring(gilAt);
        assertTrue(jvmSection.contains("| EVENT_LOOP vs FIXED_THREAD_POOL | EVENT_LOOP faster below"), jvmSection);
        assertFalse(jvmSection.contains("gil=on"), jvmSection);
        assertTrue(gilSection.contains("| FIXED_THREAD_POOL gil=on vs WORKER_PROCESSES gil=on | "
                + "FIXED_THREAD_POOL gil=on faster below"), gilSection);
        assertTrue(gilSection.contains("Which model when, under the GIL"), gilSection);
        assertFalse(gilSection.contains("EVENT_LOOP"), gilSection);
    }

    @Test
    void aRunWithoutTheMapHasNoSection() throws IOException {
        RunDirectory run = new RunDirectory(dir, new ResultFile(dir.resolve("x.json"), "x", "0", List.of(
                row("IoBoundBenchmark.scrape", "ms/op", 220, job("FIXED_THREAD_POOL", "off", 0)))), Optional.empty());
        assertFalse(Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write()).contains("Regime map"));
    }
}
