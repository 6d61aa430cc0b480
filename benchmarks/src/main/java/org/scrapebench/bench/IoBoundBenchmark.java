package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;

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
public class IoBoundBenchmark extends ScrapeBenchmark {

    @Param
    public Model model;

    @Param("40")
    public int products;

    @Param("20")
    public int productsPerPage;

    @Param("fixed:50")
    public String latency;

    @Param("4")
    public int pageKb;

    @Param("0")
    public int computeRounds;

    /** Threads, processes or requests in flight; 0 = one per core. */
    @Param("16")
    public int concurrency;

    /** Category URL of an already running fixture site with the same knobs; empty = start one. */
    @Param("")
    public String siteUrl;

    /** Seconds the fresh fixture server is kept saturated before the first iteration (JIT warm-up). */
    @Param("1")
    public int serverWarmUpSeconds;

    @Override
    protected ScrapeTrial openTrial() {
        return ScrapeTrial.overHttp(model, new CatalogSpec(ScrapeTrial.SEED, products, productsPerPage, pageKb),
                latency, siteUrl, serverWarmUpSeconds, concurrency, computeRounds);
    }
}
