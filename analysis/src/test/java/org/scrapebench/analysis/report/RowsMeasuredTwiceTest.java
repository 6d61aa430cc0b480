package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.jmh.BenchmarkMode;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.record.TestRecords;

/**
 * A sweep's point with the params of a regime's row is the same job measured twice in one run: the
 * report sets the two side by side with the ratio of their means, so a sweep that measures the job
 * differently (cold, say) shows; rows whose params differ anywhere are not paired.
 */
class RowsMeasuredTwiceTest {

    private static final String IO_BOUND = "org.scrapebench.bench.IoBoundBenchmark.scrape";
    private static final String SWEEP = "org.scrapebench.bench.ConcurrencySweepBenchmark.scrape";

    @TempDir
    Path dir;

    private static BenchmarkResult row(String benchmark, String model, int concurrency, double score) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (double drift : new double[] {0.99, 1.01}) {
            forks.add(List.of(new Iteration(score * drift * 0.99, 1), new Iteration(score * drift, 1),
                    new Iteration(score * drift * 1.01, 1)));
        }
        return new BenchmarkResult("1.37", benchmark, BenchmarkMode.AVERAGE_TIME, 1, forks.size(), List.of(), "25.0.1",
                "VM", "25", 6, "2 s", 3, "1 s",
                new TreeMap<>(Map.of("model", model, "concurrency", String.valueOf(concurrency), "products", "40")),
                new Metric(score, score * 0.02, "ms/op", forks), Map.of());
    }

    private String report(String name, List<BenchmarkResult> rows) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name));
        RunDirectory run = new RunDirectory(runDir, new ResultFile(runDir.resolve("jmh-result.json"), "synthetic",
                "0123abcd", rows), Optional.of(TestRecords.withRows(List.of())));
        return Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write());
    }

    /** The ratio and its interval in the line of {@code model} in the "Rows measured twice" table. */
    private static double[] ratio(String report, String model) {
        String section = report.substring(report.indexOf("## Rows measured twice"));
        String line = section.lines().filter(l -> l.startsWith("| " + model + " |")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("\\| ([0-9.]+) \\[([0-9.]+), ([0-9.]+)\\] \\|$").matcher(line);
        assertTrue(m.find(), line);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3))};
    }

    @Test
    void aSweepPointThatRepeatsARegimeRowIsSetBesideIt() throws Exception {
        String report = report("repeated", List.of(
                row(IO_BOUND, "FIXED_THREAD_POOL", 16, 220),
                row(IO_BOUND, "SERIAL", 16, 2400),
                row(SWEEP, "FIXED_THREAD_POOL", 16, 270),
                row(SWEEP, "FIXED_THREAD_POOL", 4, 660),
                row(SWEEP, "SERIAL", 16, 2400)));
        assertTrue(report.contains("## Rows measured twice"), report);
        double[] pool = ratio(report, "FIXED_THREAD_POOL");
        assertEquals(270.0 / 220, pool[0], 0.01);
        assertTrue(pool[1] > 1.0, "a 23% gap lies outside the interval: " + pool[1]);
        double[] serial = ratio(report, "SERIAL");
        assertTrue(serial[1] <= 1.0 && 1.0 <= serial[2], "the same times agree: " + serial[1] + "-" + serial[2]);
        String section = report.substring(report.indexOf("## Rows measured twice"));
        assertTrue(section.contains("| FIXED_THREAD_POOL | concurrency=16 | io-bound |"), section);
        assertFalse(section.contains("concurrency=4"), "a sweep point no regime row repeats is not listed: " + section);
    }

    @Test
    void aRunWhoseClassesShareNoRowHasNoSuchSection() throws Exception {
        String report = report("apart", List.of(
                row(IO_BOUND, "FIXED_THREAD_POOL", 16, 220),
                row(SWEEP, "FIXED_THREAD_POOL", 4, 660)));
        assertFalse(report.contains("Rows measured twice"), report);
    }
}
