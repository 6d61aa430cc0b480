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
import org.scrapebench.analysis.compare.RegimeNames;
import org.scrapebench.analysis.jmh.BenchmarkMode;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.Metric;

class BoundTest {

    private static final List<BenchmarkResult> RUN =
            RunDirectory.load(CliRun.resource("runs/2026-11-23-jdk25")).results().results();
    private static final Calibration CALIBRATION = new Calibration(RUN);

    private static double calibrated(String method, String params) {
        return RUN.stream().filter(r -> r.benchmark().endsWith(method)
                && BenchmarkResult.paramsText(r.params()).equals(params)).findFirst().orElseThrow().primary().score();
    }

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

    @Test
    void ioBoundRowFollowsTheFormula() {
        BenchmarkResult vt = RUN.stream().filter(r -> r.benchmark().endsWith("IoBoundBenchmark.scrape")
                && "VIRTUAL_THREADS".equals(r.params().get("model"))).findFirst().orElseThrow();
        Bound b = Bound.of(vt, CALIBRATION, Optional.of(2));
        // 200 products, 50 per page, 64 in flight: the 4-page chain then ceil(50/64) = 1 round for
        // the last page's products, or 1 page then ceil(200/64) = 4 rounds: max(5, 5) x 20 ms
        assertEquals(100.0, b.latencyMs(), 1e-9);
        // parsing shares the 2 cores; the 204 requests cannot go faster than the server's ceiling
        double parseMs = calibrated("parsePerProduct", "computeRounds=0;pageKb=18") / 1000;
        double ceilingPerSecond = calibrated("serverCeiling", "pageKb=18");
        assertEquals(200 * parseMs / 2 + 204 / ceilingPerSecond * 1000, b.cpuMs(), 1e-9);
        // 204 requests in 100 ms would be twice this server's ceiling: the requests, not the latency, bound it
        assertEquals("cpu", b.dominant());
        assertEquals(b.cpuMs() / vt.primary().score(), b.efficiency(), 1e-12);
        assertEquals((200 + 4) / (vt.primary().score() / 1000), b.demand(), 1e-9);
        assertTrue(b.notes().isEmpty(), b.notes().toString());
    }

    @Test
    void serialIgnoresConcurrencyAndThroughputIsConverted() {
        // SERIAL: c_eff = 1; one page; 10 requests of 5 ms => 5 + 10 x 5 = 55 ms; 20 ops/s is 50 ms/op
        BenchmarkResult serial = row("ops/s", 20, Map.of("model", "SERIAL", "products", "10", "concurrency", "8",
                "latency", "fixed:5", "pageKb", "18"));
        Bound b = Bound.of(serial, CALIBRATION, Optional.of(2));
        assertEquals(55.0, b.latencyMs(), 1e-9);
        assertEquals(50.0, b.measuredMs(), 1e-9);
        assertTrue(b.aboveBound());
    }

    @Test
    void nearestCalibrationIsUsedAndSaid() {
        BenchmarkResult cpu = row("ms/op", 100, Map.of("model", "FORK_JOIN", "products", "100", "pageKb", "64",
                "computeRounds", "50"));
        Bound b = Bound.of(cpu, CALIBRATION, Optional.of(4));
        assertEquals(0.0, b.latencyMs(), 0.0, "no latency param: no network");
        assertEquals(100 * calibrated("parsePerProduct", "computeRounds=100;pageKb=64") / 1000 / 4, b.cpuMs(), 1e-9);
        assertEquals("cpu", b.dominant());
        assertTrue(b.notes().get(0).contains("used the nearest, computeRounds=100;pageKb=64"), b.notes().toString());
        assertTrue(Double.isNaN(b.demand()));
        assertFalse(b.serverBound());
    }

    @Test
    void missingCalibrationOrCoresLeavesTheBoundOut() {
        BenchmarkResult r = row("ms/op", 100, Map.of("model", "SERIAL", "products", "10", "latency", "none"));
        assertTrue(Double.isNaN(Bound.of(r, new Calibration(List.of()), Optional.of(2)).boundMs()));
        assertTrue(Double.isNaN(Bound.of(r, CALIBRATION, Optional.empty()).boundMs()));
    }

    @Test
    void regimeNamesAreKebabCaseWithoutTheSuffix() {
        assertEquals("io-bound", RegimeNames.of("IoBoundBenchmark"));
        assertEquals("concurrency-sweep", RegimeNames.of("ConcurrencySweepBenchmark"));
        assertEquals("fault", RegimeNames.of("FaultBenchmark"));
        assertEquals("tls-handshake", RegimeNames.of("TlsHandshakeBenchmark"));
    }
}
