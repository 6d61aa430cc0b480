package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job swept over the number of products, with 5 ms latency: how each model's cost
 * grows with the work. A model with n in flight grows by one latency per n
 * products plus one per category page, until CPU or the server takes over. One fork and fewer
 * iterations per point.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SizeSweep}
 */
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
public class SizeSweepBenchmark extends ScrapeBenchmark {

    /** SERIAL is left out: it is N x latency (see IoBoundBenchmark), and at 1,000 products it alone would take minutes. */
    @Param({"FIXED_THREAD_POOL", "FORK_JOIN", "VIRTUAL_THREADS", "COMPLETABLE_FUTURE", "WORKER_PROCESSES"})
    public Model model;

    @Param({"10", "100", "1000"})
    public int products;

    @Param("50")
    public int productsPerPage;

    @Param("fixed:5")
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
    @Param("2")
    public int serverWarmUpSeconds;

    @Override
    protected ScrapeTrial openTrial() {
        return ScrapeTrial.overHttp(model, new CatalogSpec(ScrapeTrial.SEED, products, productsPerPage, pageKb),
                latency, siteUrl, serverWarmUpSeconds, concurrency, computeRounds);
    }
}
