package org.scrapebench.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.CliRun;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.record.TestRecords;
import org.scrapebench.analysis.jmh.BenchmarkMode;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;

class BoundTest {

    private static final List<BenchmarkResult> RUN =
            RunDirectory.load(CliRun.resource("runs/2026-11-23-jdk25")).results().results();
    private static final Calibration CALIBRATION = new Calibration(RUN);

    private static BenchmarkResult row(String unit, double score, Map<String, String> params) {
        return new BenchmarkResult("1.37", "org.scrapebench.bench.MixedBenchmark.scrape", BenchmarkMode.AVERAGE_TIME,
                1, 1, List.of(), "25.0.1", "VM", "25", 1, "1 s", 1, "1 s", new TreeMap<>(params),
                new Metric(score, 0, unit, List.of(List.of(new Iteration(score, 1)))), Map.of());
    }

    @Test
    void latencyFloors() {
        assertEquals(0.0, LatencySpec.floorMillis("none", 18).orElseThrow(), 0.0);
        assertEquals(20.0, LatencySpec.floorMillis("fixed:20", 18).orElseThrow(), 0.0);
        assertEquals(30.0, LatencySpec.floorMillis("lognormal:50:0.5:30", 18).orElseThrow(), 0.0);
        assertEquals(50.0, LatencySpec.floorMillis("lognormal:50:0.5:400", 18).orElseThrow(), 0.0);
        // 64 KB at 256 KB/s is 250 ms after a 10 ms first byte
        assertEquals(260.0, LatencySpec.floorMillis("bandwidth:10:256", 64).orElseThrow(), 1e-9);
        assertTrue(LatencySpec.floorMillis("jitter:5", 18).isEmpty());
    }

    private static Optional<RunRecord> facts(RunRecord.Row... rows) {
        return Optional.of(TestRecords.withRows(List.of(rows)));
    }

    private static double low(String method, String params) {
        Metric m = RUN.stream().filter(r -> r.benchmark().endsWith(method)
                && BenchmarkResult.paramsText(r.params()).equals(params)).findFirst().orElseThrow().primary();
        return m.score() - m.scoreError();
    }

    private static double high(String method, String params) {
        Metric m = RUN.stream().filter(r -> r.benchmark().endsWith(method)
                && BenchmarkResult.paramsText(r.params()).equals(params)).findFirst().orElseThrow().primary();
        return m.score() + m.scoreError();
    }

    @Test
    void theSitesOwnFloorIsTheLatencyTermAndCalibrationEntersAtItsConservativeEnd() {
        BenchmarkResult vt = RUN.stream().filter(r -> r.benchmark().endsWith("IoBoundBenchmark.scrape")
                && "VIRTUAL_THREADS".equals(r.params().get("model"))).findFirst().orElseThrow();
        Optional<RunRecord> facts = facts(TestRecords.row(vt, 2, true, 64, 123.0));
        Bound b = Bound.of(vt, CALIBRATION, Optional.of(2), facts, "SERIAL");
        assertEquals(123.0, b.latencyMs(), 1e-9);
        // this old run has no serialJob rows: 2 threads are assumed to give 2x, and the note says so
        double parseMs = low("parsePerProduct", "computeRounds=0;pageKb=18") / 1000;
        double ceilingPerSecond = high("serverCeiling", "pageKb=18");
        assertEquals(200 * parseMs / 2 + 204 / ceilingPerSecond * 1000, b.cpuMs(), 1e-9);
        assertEquals(Math.max(b.latencyMs(), b.cpuMs()) / vt.primary().score(), b.efficiency(), 1e-12);
        assertEquals((200 + 4) / (vt.primary().score() / 1000), b.demand(), 1e-9);
        assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("parallel capacity not calibrated")), b.notes().toString());
    }

    @Test
    void withoutTheSitesFloorTheClosedFormStandsInAndSaysSo() {
        BenchmarkResult vt = RUN.stream().filter(r -> r.benchmark().endsWith("IoBoundBenchmark.scrape")
                && "VIRTUAL_THREADS".equals(r.params().get("model"))).findFirst().orElseThrow();
        Bound b = Bound.of(vt, CALIBRATION, Optional.of(2), Optional.empty(), "SERIAL");
        // 200 products, 50 per page, 64 in flight: max(4 + ceil(50/64), 1 + ceil(200/64)) x 20 ms
        assertEquals(100.0, b.latencyMs(), 1e-9);
        assertTrue(b.notes().stream().anyMatch(n -> n.contains("closed form")), b.notes().toString());
    }

    @Test
    void aOneAtATimeModelPaysWaitingAndComputingInTurnAndAFasterResultIsFlagged() {
        // one page of 10 products at 5 ms, one request at a time: (1 + 10) x 5 = 55 ms, plus its CPU
        BenchmarkResult serial = row("ops/s", 20, Map.of("model", "SERIAL", "products", "10", "concurrency", "8",
                "latency", "fixed:5", "pageKb", "18"));
        Bound b = Bound.of(serial, CALIBRATION, Optional.of(2), Optional.empty(), "SERIAL");
        assertEquals(55.0, b.latencyMs(), 1e-9);
        assertEquals(b.latencyMs() + b.cpuMs(), b.boundMs(), 1e-9);
        assertEquals(50.0, b.measuredMs(), 1e-9, "20 ops/s is 50 ms/op");
        assertTrue(b.aboveBound(), "50 ms measured under a 55+ ms floor proves the floor wrong");
    }

    @Test
    void aForkFasterThanTheBoundProvesItWrongEvenWhenTheMeanIsSlower() {
        Map<String, String> params = Map.of("model", "SERIAL", "products", "10", "concurrency", "8",
                "latency", "fixed:5", "pageKb", "18");
        Bound b = Bound.of(row("ms/op", 70, params), CALIBRATION, Optional.of(2), Optional.empty(), "SERIAL");
        double floor = b.boundMs();
        BenchmarkResult oneFastFork = new BenchmarkResult("1.37", "org.scrapebench.bench.MixedBenchmark.scrape",
                BenchmarkMode.AVERAGE_TIME, 1, 2, List.of(), "25.0.1", "VM", "25", 1, "1 s", 2, "1 s",
                new TreeMap<>(params), new Metric(floor * 1.1, 0, "ms/op", List.of(
                        List.of(new Iteration(floor * 1.25, 1), new Iteration(floor * 1.25, 1)),
                        List.of(new Iteration(floor * 0.9, 1), new Iteration(floor * 1.0, 1)))), Map.of());
        BenchmarkResult everyForkSlower = new BenchmarkResult("1.37", "org.scrapebench.bench.MixedBenchmark.scrape",
                BenchmarkMode.AVERAGE_TIME, 1, 2, List.of(), "25.0.1", "VM", "25", 1, "1 s", 2, "1 s",
                new TreeMap<>(params), new Metric(floor * 1.1, 0, "ms/op", List.of(
                        List.of(new Iteration(floor * 1.15, 1), new Iteration(floor * 1.15, 1)),
                        List.of(new Iteration(floor * 0.99, 1), new Iteration(floor * 1.11, 1)))), Map.of());
        Bound mean = Bound.of(oneFastFork, CALIBRATION, Optional.of(2), Optional.empty(), "SERIAL");
        assertFalse(mean.aboveBound(), "the mean is 10% above the floor");
        assertTrue(mean.beatenByAFork(oneFastFork), "a fork averaging 95% of the floor proves it wrong");
        assertFalse(mean.beatenByAFork(everyForkSlower),
                "one iteration below the floor is noise within a fork; each fork's mean is above it");
    }

    @Test
    void theCpuBoundJobUsesTheMeasuredCapacityOfTheCores() {
        Map<String, String> job = Map.of("products", "200", "productsPerPage", "25", "pageKb", "64", "computeRounds", "20");
        BenchmarkResult one = calibrationRow("serialJobOneThread", 300, 3, job);
        BenchmarkResult every = calibrationRow("serialJobEveryCore", 340, 4, job);
        Calibration calibration = new Calibration(List.of(one, every));
        java.util.Map<String, String> p = new java.util.HashMap<>(job);
        p.put("model", "FIXED_THREAD_POOL");
        BenchmarkResult pool = row("ms/op", 200, p);
        Bound b = Bound.of(pool, calibration, Optional.of(2), facts(TestRecords.row(pool, 2, true, 2, null)), "SERIAL");
        // capacity at its high end: 2 x (300 + 3) / (340 - 4); time at its low end: 300 - 3
        double capacity = 2 * 303.0 / 336.0;
        assertEquals(297.0 / capacity, b.cpuMs(), 1e-9);
        assertEquals(0.0, b.latencyMs(), 0.0, "no latency param: no network");
        p.put("model", "SERIAL");
        BenchmarkResult serial = row("ms/op", 300, p);
        Bound s = Bound.of(serial, calibration, Optional.of(2), facts(TestRecords.row(serial, 1, false, 1, null)), "SERIAL");
        assertEquals(297.0, s.cpuMs(), 1e-9, "a one-thread model's bound is one core");
        assertEquals(297.0 / 300, s.efficiency(), 1e-12);
    }

    @Test
    void aOneCoreFloorIsNoSlowerThanTheFastestOneThreadIterationOfTheSameJobInTheRun() {
        Map<String, String> job = Map.of("products", "200", "productsPerPage", "25", "pageKb", "64", "computeRounds", "20");
        java.util.Map<String, String> p = new java.util.HashMap<>(job);
        p.put("model", "SERIAL");
        // the calibration ran when the host was slower than when SERIAL did
        BenchmarkResult serial = new BenchmarkResult("1.37", "org.scrapebench.bench.CpuBoundBenchmark.scrape",
                BenchmarkMode.AVERAGE_TIME, 1, 1, List.of(), "25.0.1", "VM", "25", 1, "1 s", 1, "1 s", new TreeMap<>(p),
                new Metric(285, 5, "ms/op", List.of(List.of(new Iteration(290, 1), new Iteration(280, 1)))), Map.of());
        p.put("model", "FIXED_THREAD_POOL");
        BenchmarkResult pool = new BenchmarkResult("1.37", "org.scrapebench.bench.CpuBoundBenchmark.scrape",
                BenchmarkMode.AVERAGE_TIME, 1, 1, List.of(), "25.0.1", "VM", "25", 1, "1 s", 1, "1 s", new TreeMap<>(p),
                new Metric(150, 5, "ms/op", List.of(List.of(new Iteration(150, 1)))), Map.of());
        BenchmarkResult one = calibrationRow("serialJobOneThread", 300, 3, job);
        BenchmarkResult every = calibrationRow("serialJobEveryCore", 340, 4, job);
        Calibration calibration = new Calibration(List.of(one, every, serial, pool));
        Optional<RunRecord> facts = facts(TestRecords.row(serial, 1, false, 1, null), TestRecords.row(pool, 2, true, 2, null));
        Bound s = Bound.of(serial, calibration, Optional.of(2), facts, "SERIAL");
        assertEquals(280.0, s.cpuMs(), 1e-9, "the fastest one-thread iteration, not the calibration's 297");
        assertFalse(s.aboveBound());
        // the pool's 150 ms iteration ran on two cores, so it says nothing of one core
        Bound b = Bound.of(pool, calibration, Optional.of(2), facts, "SERIAL");
        assertEquals(280.0 / (2 * 303.0 / 336.0), b.cpuMs(), 1e-9);
    }

    private static BenchmarkResult calibrationRow(String method, double score, double error, Map<String, String> params) {
        return new BenchmarkResult("1.37", "org.scrapebench.bench.CalibrationBenchmark." + method,
                BenchmarkMode.AVERAGE_TIME, 1, 1, List.of(), "25.0.1", "VM", "25", 1, "1 s", 1, "1 s",
                new TreeMap<>(params), new Metric(score, error, "ms/op", List.of(List.of(new Iteration(score, 1)))),
                Map.of());
    }

    @Test
    void nearestCalibrationIsUsedAndSaid() {
        BenchmarkResult cpu = row("ms/op", 100, Map.of("model", "FORK_JOIN", "products", "100", "pageKb", "64",
                "computeRounds", "50"));
        Bound b = Bound.of(cpu, CALIBRATION, Optional.of(4), Optional.empty(), "SERIAL");
        assertTrue(b.notes().stream().anyMatch(n -> n.contains("used the nearest, computeRounds=100;pageKb=64")),
                b.notes().toString());
        assertTrue(Double.isNaN(b.demand()));
        assertFalse(b.serverBound());
    }

    @Test
    void missingCalibrationOrCoresLeavesTheBoundOut() {
        BenchmarkResult r = row("ms/op", 100, Map.of("model", "SERIAL", "products", "10", "latency", "none"));
        assertTrue(Double.isNaN(Bound.of(r, new Calibration(List.of()), Optional.of(2), Optional.empty(), "SERIAL").boundMs()));
        assertTrue(Double.isNaN(Bound.of(r, CALIBRATION, Optional.empty(), Optional.empty(), "SERIAL").boundMs()));
    }

    @Test
    void regimeNamesAreKebabCaseWithoutTheSuffix() {
        assertEquals("io-bound", Regime.labelOf("IoBoundBenchmark"));
        assertEquals("concurrency-sweep", Regime.labelOf("ConcurrencySweepBenchmark"));
        assertEquals("fault", Regime.labelOf("FaultBenchmark"));
        assertEquals("tls-handshake", Regime.labelOf("TlsHandshakeBenchmark"));
    }
}
