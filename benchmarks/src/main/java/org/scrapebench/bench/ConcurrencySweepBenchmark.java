package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
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
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Warmup(iterations = 1, time = 1)
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
