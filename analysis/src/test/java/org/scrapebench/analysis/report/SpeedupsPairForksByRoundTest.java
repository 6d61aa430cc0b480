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
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.record.TestRecords;

/**
 * A run taken in rounds pairs each fork with the baseline's fork of the same round, so a host that
 * drifts between rounds (every fork of round r slower by the same factor) does not widen the speedup;
 * the report says by how much pairing narrowed the intervals. A run without rounds, or a row whose
 * forks were re-measured, is not paired.
 */
class SpeedupsPairForksByRoundTest {

    private static final String SCRAPE = "org.scrapebench.bench.IoBoundBenchmark.scrape";
    /** How much slower the host ran in each of four rounds. */
    private static final double[] DRIFT = {1.00, 1.12, 0.95, 1.08};

    @TempDir
    Path dir;

    private static BenchmarkResult row(String model, double score) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (int round = 0; round < DRIFT.length; round++) {
            double d = DRIFT[round];
            forks.add(List.of(new Iteration(score * d * 0.995, 1), new Iteration(score * d, 1),
                    new Iteration(score * d * 1.005, 1)));
        }
        return new BenchmarkResult("1.37", SCRAPE, BenchmarkMode.AVERAGE_TIME, 1, DRIFT.length, List.of(), "25.0.1", "VM",
                "25", 6, "1 s", 3, "1 s", new TreeMap<>(Map.of("model", model)),
                new Metric(score, score * 0.05, "ms/op", forks), Map.of());
    }

    private String report(String name, RunRecord.ForkAgreement agreement) throws Exception {
        BenchmarkResult serial = row("SERIAL", 2000);
        BenchmarkResult pool = row("FIXED_THREAD_POOL", 250);
        RunRecord record = TestRecords.withForkAgreement(List.of(TestRecords.row(serial, 1, false, 1, 2000.0),
                TestRecords.row(pool, 2, true, 16, 200.0)), null, agreement, List.of());
        Path runDir = Files.createDirectories(dir.resolve(name));
        RunDirectory run = new RunDirectory(runDir, new ResultFile(runDir.resolve("jmh-result.json"), "synthetic",
                "0123abcd", List.of(serial, pool)), Optional.of(record));
        return Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write());
    }

    /** The pool's speedup interval as [low, high]. */
    private static double[] speedupInterval(String report) {
        String poolLine = report.lines().filter(l -> l.startsWith("| FIXED_THREAD_POOL |")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("\\| 8(?:\\.0+)? \\[([0-9.]+), ([0-9.]+)\\] \\|").matcher(poolLine);
        assertTrue(m.find(), poolLine);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void aDriftBetweenRoundsStaysOutOfTheSpeedupWhenForksPairUp() throws Exception {
        String rounds = report("rounds", new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of()));
        String apart = report("apart", null);
        double[] paired = speedupInterval(rounds);
        double[] unpaired = speedupInterval(apart);
        assertTrue(paired[0] <= 8 && 8 <= paired[1], rounds);
        assertTrue(paired[1] - paired[0] < 0.2 * (unpaired[1] - unpaired[0]),
                "paired " + paired[0] + "-" + paired[1] + ", unpaired " + unpaired[0] + "-" + unpaired[1]);
        assertTrue(rounds.contains("pair each fork with SERIAL's fork of the same round"), rounds);
        Matcher note = Pattern.compile("pairing by round: the 1 paired speedup intervals are ([0-9]+)% \\(median")
                .matcher(rounds);
        assertTrue(note.find(), rounds);
        assertTrue(Integer.parseInt(note.group(1)) < 20, note.group());
        assertFalse(apart.contains("pairing by round"), "a run without rounds cannot pair");
    }

    @Test
    void aReMeasuredRowIsNotPaired() throws Exception {
        String remeasured = report("remeasured", new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of(
                new RunRecord.Remeasured(SCRAPE, Map.of("model", "FIXED_THREAD_POOL"), 2, 2, 0, false))));
        String apart = report("apart", null);
        assertFalse(remeasured.contains("pairing by round"), remeasured);
        assertEquals(speedupInterval(apart)[0], speedupInterval(remeasured)[0]);
    }
}
