package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;

/**
 * Mixed: real latency with a long tail (log-normal, median 50 ms, capped at 400 ms) and heavy
 * pages (64 KB of realistic markup), so that a model must both overlap waits and keep the cores
 * busy parsing. Models that overlap waits but parse on one thread, or that parse in parallel but
 * block per request, fall behind here.
 *
 * <p>Trap: the log-normal tail makes single jobs vary; each job has 60 products, so a job's time
 * is dominated by the slowest of many draws, which is stable enough for a 5% error.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Mixed}
 */
public class MixedBenchmark extends ScrapeBenchmark {

    @Param
    public Model model;

    @Param("60")
    public int products;

    @Param("20")
    public int productsPerPage;

    @Param("lognormal:50:0.5:400")
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
    @Param("2")
    public int serverWarmUpSeconds;

    @Override
    protected ScrapeTrial openTrial() {
        return ScrapeTrial.overHttp(model, new CatalogSpec(ScrapeTrial.SEED, products, productsPerPage, pageKb),
                latency, siteUrl, serverWarmUpSeconds, concurrency, computeRounds);
    }
}
