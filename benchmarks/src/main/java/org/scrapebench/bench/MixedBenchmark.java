package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * Mixed: real latency with a long tail (log-normal, median 30 ms, sigma 0.5, capped at 300 ms; each
 * page keeps its own delay, so every model meets the same slow pages) and heavy pages (64 KB of
 * realistic markup), so that a model must both overlap waits and keep the cores busy parsing:
 * parsing and serving the 63 pages costs about as much CPU time as a third of the latency floor.
 * A model that overlaps waits but parses on one thread, or parses in parallel but blocks per
 * request, falls behind here.
 *
 * <p>Trap: the slowest page of each round sets the pace, so the bound (which counts the median
 * delay) is not reachable here; compare models with each other, and with the I/O-bound regime.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Mixed}
 */
public class MixedBenchmark extends HttpScrapeBenchmark {

    @Param("lognormal:30:0.5:300")
    public String latency;

    @Param("64")
    public int pageKb;
}
