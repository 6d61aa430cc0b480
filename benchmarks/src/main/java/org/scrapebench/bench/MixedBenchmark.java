package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;

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
public class MixedBenchmark extends ScrapeBenchmark {

    @Param
    public Model model;

    @Param("40")
    public int products;

    @Param("20")
    public int productsPerPage;

    @Param("lognormal:30:0.5:300")
    public String latency;

    @Param("64")
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
