package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job swept over the concurrency limit (threads, processes or requests in flight):
 * time falls like 1 / n while latency dominates and flattens once the category chain, the CPU or
 * the server is the limit. SERIAL is left out (it has no such knob); see {@link IoBoundBenchmark}.
 * One fork and fewer iterations per point: the sweep shows a shape, the regime benchmarks give
 * the precise numbers.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConcurrencySweep}
 */
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class ConcurrencySweepBenchmark extends ScrapeBenchmark {

    /**
     * Platform threads, virtual threads and processes: the three ways to hold n blocking calls.
     * FORK_JOIN and COMPLETABLE_FUTURE cap n the same way (their I/O-bound rows match the pool's);
     * add them with {@code -p model=...} when wanted.
     */
    @Param({"FIXED_THREAD_POOL", "VIRTUAL_THREADS", "WORKER_PROCESSES"})
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
    @Param({"1", "4", "16"})
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
