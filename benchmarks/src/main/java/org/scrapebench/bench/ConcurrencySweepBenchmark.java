package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job swept over the concurrency limit (threads, processes or requests in flight):
 * time falls like 1 / n while latency dominates and flattens once the category chain, the CPU or
 * the server is the limit. SERIAL is left out (it has no such knob); see {@link IoBoundBenchmark}.
 * One fork and fewer measured iterations per point (the sweep shows a shape, the regime
 * benchmarks give the precise numbers), but the regimes' warm-up: with one warm-up iteration the
 * n = 16 pool row read 1.22x the I/O-bound row of identical params (results/README.md, "The
 * sweeps warm up as the regimes do").
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConcurrencySweep}
 */
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Measurement(iterations = 3, time = 1)
public class ConcurrencySweepBenchmark extends HttpScrapeBenchmark {

    /**
     * Platform threads, virtual threads and processes: the three ways to hold n blocking calls.
     * FORK_JOIN and COMPLETABLE_FUTURE cap n the same way (their I/O-bound rows match the pool's);
     * add them with {@code -p model=...} when wanted.
     */
    @Param({"FIXED_THREAD_POOL", "VIRTUAL_THREADS", "WORKER_PROCESSES"})
    public Model model;

    /** Requests in flight. */
    @Param({"1", "4", "16"})
    public int concurrency;
}
