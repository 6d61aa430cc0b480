package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job (50 ms latency, n = 16) swept over the number of products, 10 to 1,000: how
 * each model's cost grows with the work. With n in flight the time grows by one latency per n
 * products (plus the category chain) until CPU or the server takes over; a model's fixed cost per
 * job shows at 10 products, its cost per product at 1,000. One fork and few measured iterations
 * per point (the sweep shows a shape, the regime benchmarks give the precise numbers), but the
 * regimes' warm-up (results/README.md, "The sweeps warm up as the regimes do").
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SizeSweep}
 */
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Measurement(iterations = 3, time = 1)
public class SizeSweepBenchmark extends HttpScrapeBenchmark {

    /**
     * A thread pool and async requests, the same two on every JDK. SERIAL is left out: it is N x
     * latency (see IoBoundBenchmark), and at 1,000 products it alone would take minutes.
     * VIRTUAL_THREADS is left out to save run time: with n = 16 in flight it is held to the same
     * rounds as the pool (their I/O-bound and concurrency-sweep rows agree). WORKER_PROCESSES is
     * left out too: its 16 JVMs each compile the job on their own (with one warm-up iteration, at 10
     * products the three measured iterations gave 2.7 s, 0.26 s and 0.22 s), and warming them for
     * each size would cost more than the rest of the sweep; the concurrency
     * sweep shows the processes' curve. Add any of them with {@code -p model=...}.
     */
    @Param({"FIXED_THREAD_POOL", "COMPLETABLE_FUTURE"})
    public Model model;

    @Param({"10", "100", "1000"})
    public int products;

    @Param("50")
    public int productsPerPage;
}
