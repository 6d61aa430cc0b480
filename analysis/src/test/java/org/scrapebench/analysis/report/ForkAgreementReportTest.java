package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

/** The report says how many forks a row counts, which were added or set aside, and gives an unsettled row no verdict. */
class ForkAgreementReportTest {

    private static final String SCRAPE = "org.scrapebench.bench.IoBoundBenchmark.scrape";
    private static final RunRecord.HostCanary CANARY = new RunRecord.HostCanary("work", 200.0, 0.40, 12, 0, 0);

    @TempDir
    Path dir;

    private static BenchmarkResult row(String model, double score) {
        List<List<Iteration>> forks = List.of(List.of(new Iteration(score * 0.99, 1), new Iteration(score * 1.01, 1)),
                List.of(new Iteration(score * 1.005, 1), new Iteration(score * 0.995, 1)));
        return new BenchmarkResult("1.37", SCRAPE, BenchmarkMode.AVERAGE_TIME, 1, 2, List.of(), "25.0.1", "VM", "25", 6,
                "1 s", 2, "1 s", new TreeMap<>(Map.of("model", model)), new Metric(score, score * 0.01, "ms/op", forks), Map.of());
    }

    private static RunRecord.Trial trial(String model, double canaryMillis, String setAside) {
        return new RunRecord.Trial(SCRAPE, Map.of("model", model), "2026-12-06T03:00:00Z", "2026-12-06T03:00:20Z", 2, 0,
                0.0, 0.0, 0.0, false, canaryMillis, setAside);
    }

    @Test
    void aSetAsideForkLeavesTheRowsHostColumnAndAnUnsettledRowGetsNoSpeedup() throws Exception {
        BenchmarkResult serial = row("SERIAL", 2100);
        BenchmarkResult pool = row("FIXED_THREAD_POOL", 230);
        RunRecord.ForkAgreement agreement = new RunRecord.ForkAgreement(0.01, 0.03, 0.05, 2, List.of(
                new RunRecord.Remeasured(SCRAPE, Map.of("model", "SERIAL"), 2, 1, 1, false),
                new RunRecord.Remeasured(SCRAPE, Map.of("model", "FIXED_THREAD_POOL"), 2, 2, 0, true)));
        List<RunRecord.Trial> trials = List.of(trial("SERIAL", 206, null), trial("SERIAL", 320, "the host canary read slow"),
                trial("SERIAL", 201, null), trial("FIXED_THREAD_POOL", 202, null), trial("FIXED_THREAD_POOL", 204, null));
        RunRecord record = TestRecords.withForkAgreement(List.of(TestRecords.row(serial, 1, false, 1, 2000.0),
                TestRecords.row(pool, 2, true, 16, 200.0)), CANARY, agreement, trials);
        Path runDir = Files.createDirectories(dir.resolve("2026-12-06-jdk25"));
        RunDirectory run = new RunDirectory(runDir, new ResultFile(runDir.resolve("jmh-result.json"), "synthetic", "0123abcd",
                List.of(serial, pool)), Optional.of(record));
        String report = Files.readString(new RunReport(run, ComparisonSettings.DEFAULTS, false).write());

        String serialLine = report.lines().filter(l -> l.startsWith("| SERIAL |")).findFirst().orElseThrow();
        String poolLine = report.lines().filter(l -> l.startsWith("| FIXED_THREAD_POOL |")).findFirst().orElseThrow();
        assertTrue(serialLine.contains("| 2 (1 added, 1 set aside) |"), serialLine);
        assertTrue(serialLine.contains("steady (+3%)"), "the slow fork is set aside, not in the score: " + serialLine);
        assertFalse(serialLine.contains("slow host"), serialLine);
        assertTrue(poolLine.contains("**unsettled: 2 (2 added), still disagreeing**"), poolLine);
        assertTrue(poolLine.contains("no verdict (unsettled)"), poolLine);
        assertTrue(report.contains("gets no speedup or verdict"), "the note says why");
    }

    @Test
    void aRowNobodyReMeasuredShowsItsForks() {
        assertEquals("2", RunReport.forks(2, Optional.empty()));
        assertEquals("3 (1 added)", RunReport.forks(3, Optional.of(
                new RunRecord.Remeasured(SCRAPE, Map.of(), 2, 1, 0, false))));
    }
}
