package org.scrapebench.analysis.jmh;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** One element of a JMH JSON result file, with the fields the analysis reads. */
public record BenchmarkResult(
        String jmhVersion,
        String benchmark,
        BenchmarkMode mode,
        int threads,
        int forks,
        List<String> jvmArgs,
        String jdkVersion,
        String vmName,
        String vmVersion,
        int warmupIterations,
        String warmupTime,
        int measurementIterations,
        String measurementTime,
        SortedMap<String, String> params,
        Metric primary,
        Map<String, Metric> secondary) {

    public ResultKey key() {
        return new ResultKey(benchmark, mode, params, threads);
    }

    /** "Class.method", the name a reader recognises. */
    public String shortBenchmark() {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    /** The simple class name, e.g. "IoBoundBenchmark". */
    public String className() {
        String shortName = shortBenchmark();
        int dot = shortName.indexOf('.');
        return dot < 0 ? shortName : shortName.substring(0, dot);
    }

    /** k=v pairs sorted by key, joined by ';' (the CSV's params column). */
    public static String paramsText(SortedMap<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
