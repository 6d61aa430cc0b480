package org.scrapebench.bench;

/**
 * I/O-bound: real HTTP to the fixture server (in its own process) with a fixed latency per
 * response and light pages, so that waiting dominates and CPU is nearly idle. The question: how
 * well does each model overlap waits? SERIAL pays about (pages + products) x latency; a model with
 * n in flight about (category pages + ceil(products / n)) x latency, the bound in the report.
 *
 * <p>Trap: with too little latency or too many requests the fixture server, sharing the two cores,
 * becomes what is measured (WireMock costs about 1-2 ms of CPU per request here); the latency of
 * 50 ms keeps the demand near a tenth of the calibrated ceiling (about 220 of 2,000 requests/s).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IoBound}
 */
public class IoBoundBenchmark extends HttpScrapeBenchmark {
    // every knob and its default is the shared HTTP one
}
