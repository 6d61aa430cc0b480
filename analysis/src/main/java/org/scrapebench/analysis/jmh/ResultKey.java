package org.scrapebench.analysis.jmh;

import java.util.SortedMap;

/** What makes two results comparable: the same benchmark, mode, params and threads. */
public record ResultKey(String benchmark, BenchmarkMode mode, SortedMap<String, String> params, int threads) {

    @Override
    public String toString() {
        String p = BenchmarkResult.paramsText(params);
        return benchmark + " " + mode.shortName() + (p.isEmpty() ? "" : " " + p) + " threads=" + threads;
    }
}
