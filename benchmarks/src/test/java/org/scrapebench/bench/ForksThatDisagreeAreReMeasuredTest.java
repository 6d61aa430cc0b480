package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.scrapebench.analysis.record.RunRecord;

/**
 * The runner's side of fork agreement, on forks made up here: a fork started while the canary read
 * slow gets its row re-measured on every JVM, then set aside with its reason; forks that keep
 * disagreeing leave the row unsettled.
 */
class ForksThatDisagreeAreReMeasuredTest {

    private static final String SCRAPE = CpuBoundBenchmark.class.getName() + ".scrape";
    private static final RunRecord.HostCanary CANARY = new RunRecord.HostCanary("work", 200.0, 0.40, 12, 0, 0);

    private final BenchRunner.Run a = run(17, "a");
    private final BenchRunner.Run b = run(25, "b");

    @Test
    void aForkAfterASlowCanaryReadingIsReMeasuredOnEveryJvmThenSetAside() {
        add(a, "SERIAL", 201.0, 100.0, 100.4, 99.8);
        add(b, "SERIAL", 199.0, 90.0, 90.2, 89.9);
        add(b, "SERIAL", 320.0, 131.0, 130.0, 132.0); // the host was slow: canary 60% over the reference
        add(a, "SERIAL", 205.0, 100.2, 100.1, 99.9);
        add(a, "FIXED_THREAD_POOL", 202.0, 55.0, 55.1, 54.9);
        add(a, "FIXED_THREAD_POOL", 203.0, 55.3, 55.0, 55.2);

        List<BenchRunner.ForkSlot> again = BenchRunner.remeasureSlots(CpuBoundBenchmark.class, List.of(a, b), 2, CANARY, 2);
        assertEquals(List.of(a, b), again.stream().map(BenchRunner.ForkSlot::run).toList(),
                "the row runs once more on both JVMs, so that they stay interleaved; the pool agreed and is left alone");
        assertTrue(again.stream().allMatch(s -> "SERIAL".equals(s.model()) && "SERIAL".equals(s.params().get("model"))
                && SCRAPE.equals(s.benchmark())), "the one row, by its exact params and method");
        assertEquals(List.of("bench: re-measuring CpuBoundBenchmark model=SERIAL, one more fork on each JVM: a fork is"
                        + " marked: the host canary read slow before the fork, and fork means 90.03 to 131.0 disagree on b"),
                BenchRunner.remeasureLines(CpuBoundBenchmark.class, List.of(a, b), again),
                "the console names the row by what sets it apart from the class's other rows, and says why");
        assertEquals(List.of(b, a), BenchRunner.remeasureSlots(CpuBoundBenchmark.class, List.of(a, b), 2, CANARY, 3).stream()
                .map(BenchRunner.ForkSlot::run).toList(), "an odd round runs backwards");

        add(a, "SERIAL", 198.0, 100.3, 100.0, 99.7);
        add(b, "SERIAL", 204.0, 90.1, 90.0, 90.3);
        assertEquals(List.of(), BenchRunner.remeasureSlots(CpuBoundBenchmark.class, List.of(a, b), 2, CANARY, 2));

        BenchRunner.Run.Outcome outcome = b.outcome(CANARY);
        assertEquals(2, outcome.counted().get(0).getBenchmarkResults().size(), "the score counts the two clean forks");
        assertEquals(90.1, outcome.counted().get(0).getAggregatedResult().getPrimaryResult().getScore(), 0.1);
        assertEquals(1, outcome.setAside().size());
        assertEquals(131.0, outcome.setAside().get(0).getAggregatedResult().getPrimaryResult().getScore(), 0.1);
        List<String> reasons = outcome.trials().stream().map(RunRecord.Trial::setAside).toList();
        assertEquals(3, reasons.size());
        assertNull(reasons.get(0));
        assertEquals("the host canary read slow before the fork", reasons.get(1));
        assertEquals(List.of(new RunRecord.Remeasured(SCRAPE, Map.of("model", "SERIAL"), 2, 1, 1, false)),
                outcome.agreement().rows());
        assertEquals(List.of(new RunRecord.Remeasured(SCRAPE, Map.of("model", "SERIAL"), 2, 1, 0, false)),
                a.outcome(CANARY).agreement().rows(), "the clean JVM's row: one fork added, none set aside");
    }

    @Test
    void forksThatKeepDisagreeingLeaveTheRowUnsettled() {
        add(a, "EVENT_LOOP", 200.0, 170.0, 171.0, 169.5);
        add(a, "EVENT_LOOP", 201.0, 250.0, 251.0, 249.0);
        List<BenchRunner.ForkSlot> again = BenchRunner.remeasureSlots(CpuBoundBenchmark.class, List.of(a), 2, CANARY, 2);
        assertEquals(1, again.size());
        assertEquals("fork means 170.2 to 250.0 disagree", again.get(0).why());
        add(a, "EVENT_LOOP", 199.0, 210.0, 209.0, 211.0);
        add(a, "EVENT_LOOP", 202.0, 175.0, 174.0, 176.0);
        BenchRunner.Run.Outcome outcome = a.outcome(CANARY);
        assertEquals(4, outcome.counted().get(0).getBenchmarkResults().size(), "nothing marked, nothing set aside");
        assertEquals(List.of(new RunRecord.Remeasured(SCRAPE, Map.of("model", "EVENT_LOOP"), 2, 2, 0, true)),
                outcome.agreement().rows());
    }

    private static BenchRunner.Run run(int major, String name) {
        return new BenchRunner.Run(new ForkJvm("/jdk" + major + "/bin/java",
                new RunRecord.Jdk(major, String.valueOf(major), "v", "vm", "vmv", "/jdk" + major)), Path.of(name));
    }

    /** One fork of the row with this model: its iterations in ms, and the canary reading before it. */
    private static void add(BenchRunner.Run run, String model, double canaryMillis, double... iterationMillis) {
        WorkloadParams values = new WorkloadParams();
        values.put("model", model, 0);
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, iterationMillis.length,
                TimeValue.seconds(1), 1);
        BenchmarkParams params = new BenchmarkParams(SCRAPE, "generated", false, 1, new int[] {1}, List.of(), 1, 0,
                warmup, measurement, Mode.AverageTime, values, TimeUnit.MILLISECONDS, 1, "java", List.of(), "17", "vm",
                "vmv", "1.37", TimeValue.minutes(10));
        List<IterationResult> iterations = new ArrayList<>();
        for (double millis : iterationMillis) {
            IterationResult iteration = new IterationResult(params, measurement, new IterationResultMetaData(0, 1));
            iteration.addResult(new AverageTimeResult(ResultRole.PRIMARY, "scrape", 1, (long) (millis * 1_000_000),
                    TimeUnit.MILLISECONDS));
            iterations.add(iteration);
        }
        RunRecord.Trial trial = new RunRecord.Trial(SCRAPE, Map.of("model", model), "2026-12-06T03:00:00Z",
                "2026-12-06T03:00:20Z", iterationMillis.length, 0, 0.0, 0.0, 0.0, false, canaryMillis, null);
        run.add(List.of(new RunResult(params, List.of(new BenchmarkResult(params, iterations)))), List.of(trial), 2);
    }
}
