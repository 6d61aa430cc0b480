package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU-bound: no network. The pages are generated into memory once per trial (and once per worker
 * process, like a process pool's initializer), so what remains per product is decoding and
 * parsing a heavy page plus a compute step ({@code computeRounds} chained SHA-256 digests of it).
 * Concurrency buys nothing beyond the cores here; parallelism does. The JVM has no GIL, so
 * threads reach the cores without the process tax that CPython pays; the worker processes still
 * pay a round trip over two pipes per product, which stays in the measurement.
 *
 * <p>Trap: the default concurrency is 0 = one per core; more threads than cores only add
 * switching. The bound is products x (parse + compute per product, from the calibration) / cores.
 *
 * <p>Warm-up is 16 s (8 iterations of 2 s), not the 12 s of the HTTP regimes: there is no fixture
 * server to warm first, and with both cores busy parsing the JIT's compiler threads get little
 * CPU, so a cold fork of the thread pool reached its steady speed only after about ten seconds in
 * a quick hour and thirteen in a slow one (results/README.md, "How the fork settings were chosen").
 *
 * <p>100 products, not 200: the job is short enough for several jobs per iteration even
 * serially, and in a measurement of both sizes the half-size job varied less between forks
 * (results/README.md, "How the fork settings were chosen").
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CpuBound}
 */
@Warmup(iterations = 8, time = 2)
public class CpuBoundBenchmark extends ScrapeBenchmark {

    @Param("100")
    public int products;

    /**
     * Twice the HTTP regimes' default: with both cores parsing, worker JVMs were still getting
     * faster after the HTTP regimes' warm-up (results/README.md, "How the fork settings were chosen").
     */
    @Param("16")
    public int childJvmWarmUpSeconds;

    @Param("25")
    public int productsPerPage;

    @Param("64")
    public int pageKb;

    @Param("20")
    public int computeRounds;

    /** Threads or tasks in flight; 0 = one per core. */
    @Param("0")
    public int concurrency;
}
