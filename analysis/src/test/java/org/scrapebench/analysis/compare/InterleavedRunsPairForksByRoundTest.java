package org.scrapebench.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.jmh.BenchmarkMode;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.record.TestRecords;

/**
 * Two runs interleaved in rounds (fork i of each in round i) compare fork by round: a host that
 * drifts between rounds moves both sides alike and does not widen the ratio's interval. Runs that
 * were not taken together compare unpaired.
 */
class InterleavedRunsPairForksByRoundTest {

    private static final double[] DRIFT = {1.00, 1.10, 0.94, 1.06};

    @TempDir
    Path dir;

    private ResultFile file(String run, double score) throws Exception {
        List<List<Iteration>> forks = new ArrayList<>();
        for (double d : DRIFT) {
            forks.add(List.of(new Iteration(score * d * 0.996, 1), new Iteration(score * d, 1),
                    new Iteration(score * d * 1.004, 1)));
        }
        BenchmarkResult row = new BenchmarkResult("1.37", "org.scrapebench.bench.IoBoundBenchmark.scrape",
                BenchmarkMode.AVERAGE_TIME, 1, DRIFT.length, List.of(), "25.0.1", "VM", "25", 6, "1 s", 3, "1 s",
                new TreeMap<>(Map.of("model", "FIXED_THREAD_POOL")), new Metric(score, score * 0.05, "ms/op", forks),
                Map.of());
        Path runDir = Files.createDirectories(dir.resolve(run));
        return new ResultFile(runDir.resolve("jmh-result.json"), "synthetic", "0123abcd", List.of(row));
    }

    private static double width(Comparison c) {
        ComparisonRow row = c.rows().get(0);
        assertTrue(row.ratioLow() <= 0.9 && 0.9 <= row.ratioHigh(), row.ratioLow() + "-" + row.ratioHigh());
        return row.ratioHigh() - row.ratioLow();
    }

    @Test
    void runsTakenTogetherPairTheirForksByRound() throws Exception {
        ResultFile jdk17 = file("2026-12-06-jdk17", 250);
        ResultFile jdk25 = file("2026-12-06-jdk25", 225);
        double apart = width(Comparison.of(jdk17, jdk25, ComparisonSettings.DEFAULTS));

        TestRecords.interleaved("2026-12-06-jdk17", "2026-12-06-jdk25").write(dir.resolve("2026-12-06-jdk17/environment.json"));
        TestRecords.interleaved("2026-12-06-jdk25", "2026-12-06-jdk17").write(dir.resolve("2026-12-06-jdk25/environment.json"));
        double paired = width(Comparison.of(jdk17, jdk25, ComparisonSettings.DEFAULTS));
        assertTrue(paired < 0.2 * apart, "paired " + paired + " vs unpaired " + apart);

        TestRecords.interleaved("2026-12-06-jdk25", "2026-12-05-jdk17").write(dir.resolve("2026-12-06-jdk25/environment.json"));
        double notPartners = width(Comparison.of(jdk17, jdk25, ComparisonSettings.DEFAULTS));
        assertTrue(Math.abs(notPartners - apart) < 1e-12, "runs taken apart do not pair: " + notPartners + " vs " + apart);
    }
}
