package org.scrapebench.analysis.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.CliRun;

class JmhJsonReaderTest {

    private final JmhJsonReader reader = new JmhJsonReader();

    @Test
    void throughputWithParamsAndNewGcKeys() {
        ResultFile file = reader.read(CliRun.resource("jmh/thrpt.json"));
        assertEquals(2, file.results().size());
        BenchmarkResult r = file.results().get(0);
        assertEquals("org.example.bench.HashBenchmark.put", r.benchmark());
        assertEquals("HashBenchmark.put", r.shortBenchmark());
        assertEquals(BenchmarkMode.THROUGHPUT, r.mode());
        assertEquals(Map.of("kind", "linear", "size", "10"), r.params());
        assertEquals("kind=linear;size=10", BenchmarkResult.paramsText(r.params()));
        assertEquals("ops/s", r.primary().unit());
        assertEquals("2x3", r.primary().shape());
        assertEquals(51999914.4, r.primary().forks().get(0).get(0).value(), 0.0);
        assertEquals(List.of("-Xms1g", "-Xmx1g"), r.jvmArgs());
        assertEquals(2, r.forks());
        assertEquals(3, r.measurementIterations());
        assertEquals("1.37", file.jmhVersion());
        assertEquals(17, file.jdkMajor());
        assertEquals(48.0, r.secondary().get("gc.alloc.rate.norm").score(), 0.0);
        // "NaN" written as a string, and an empty fork, are read without complaint
        Metric gcCount = r.secondary().get("gc.count");
        assertTrue(Double.isNaN(gcCount.scoreError()));
        assertEquals(1, gcCount.sampleCount());
        assertEquals(6, file.digest().length());
    }

    @Test
    void averageTimeWithoutParamsAndOldGcKeys() {
        ResultFile file = reader.read(CliRun.resource("jmh/avgt-old-gc.json"));
        BenchmarkResult single = file.results().get(0);
        assertEquals(BenchmarkMode.AVERAGE_TIME, single.mode());
        assertTrue(single.params().isEmpty());
        assertTrue(Double.isNaN(single.primary().scoreError()));
        assertEquals(412.5, single.primary().score(), 0.0);
        assertEquals("1x1", single.primary().shape());
        // the old middle-dot prefix is dropped, so both spellings are one name
        assertEquals(96.0, single.secondary().get("gc.alloc.rate.norm").score(), 0.0);
        assertTrue(single.secondary().containsKey("gc.churn.G1_Eden_Space.norm"));
        assertFalse(single.secondary().keySet().stream().anyMatch(k -> k.startsWith("\u00b7")));
        assertEquals(8, file.jdkMajor());
        assertEquals("us/op", file.results().get(1).primary().unit());
    }

    @Test
    void sampleModeHistogramBecomesWeightedIterationMeans() {
        BenchmarkResult r = reader.read(CliRun.resource("jmh/sample.json")).results().get(0);
        assertEquals(BenchmarkMode.SAMPLE_TIME, r.mode());
        assertEquals("2x2", r.primary().shape());
        // fork 1, iteration 1: [10 x3, 12 x1] -> mean 10.5 over 4 samples
        Iteration first = r.primary().forks().get(0).get(0);
        assertEquals(10.5, first.value(), 1e-12);
        assertEquals(4.0, first.weight(), 0.0);
        // count-weighted mean of all 16 samples equals JMH's score
        assertEquals(16.0, r.primary().forks().stream().flatMap(List::stream).mapToDouble(Iteration::weight).sum());
        double weighted = r.primary().forks().stream().flatMap(List::stream)
                .mapToDouble(i -> i.value() * i.weight()).sum() / 16;
        assertEquals(r.primary().score(), weighted, 1e-9);
        assertEquals(16.0, r.secondary().get("gc.alloc.rate.norm").score(), 0.0);
    }

    @Test
    void singleShotHasOneValuePerIteration() {
        BenchmarkResult r = reader.read(CliRun.resource("jmh/ss.json")).results().get(0);
        assertEquals(BenchmarkMode.SINGLE_SHOT_TIME, r.mode());
        assertEquals("3x4", r.primary().shape());
        assertEquals(12, r.primary().pooledValues().length);
        assertEquals("ms/op", r.primary().unit());
        assertEquals(21, JdkVersions.major(r.jdkVersion()));
    }

    @Test
    void unitsConvert() {
        ScoreUnit ms = ScoreUnit.parse("ms/op").orElseThrow();
        ScoreUnit us = ScoreUnit.parse("us/op").orElseThrow();
        assertEquals(1000.0, ms.factorTo(us), 1e-9);
        assertEquals(2.5, ScoreUnit.parse("s/op").orElseThrow().millisPerOp(0.0025), 1e-12);
        assertEquals(4.0, ScoreUnit.parse("ops/s").orElseThrow().millisPerOp(250), 1e-12);
        assertEquals(0.5, ScoreUnit.parse("ops/ms").orElseThrow().millisPerOp(2), 1e-12);
        assertEquals(1000.0, ScoreUnit.parse("ops/ms").orElseThrow().factorTo(ScoreUnit.parse("ops/s").orElseThrow()),
                1e-9);
        assertTrue(ScoreUnit.parse("B/op").isEmpty());
    }
}
