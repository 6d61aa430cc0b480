package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job with worker processes only, n = 16 requests in flight spread over P = 1, 2, 4
 * and 16 worker JVMs. P = 1 against the pool's I/O-bound row is what the process boundary itself
 * costs (a pipe round trip and a JSON encoding per product); P = 16 against P = 1 is what sixteen
 * JVMs on the same cores cost (sixteen JITs warming up and competing for the cores, sixteen heaps);
 * the points between show where that cost starts. Each worker scrapes its share concurrently.
 *
 * <p>Trap: a worker JIT-compiles its own copy of the parser and sees only its share of the products,
 * so at P = 16 each worker gets a sixteenth of the warm-up the pool gets from the same seconds, and
 * a warm-up sized for threads leaves the sixteen JVMs still compiling into the measurement (the
 * iterations keep falling). The trial's warm-up for models with JVMs of their own
 * ({@code childJvmWarmUpSeconds}) is for this; the regimes' warm-up (inherited, 12 s) follows it,
 * enough that at P = 16 every worker has parsed enough pages for its hot paths to be compiled.
 * If the measured iterations of a fork still fall, warm up longer ({@code -wi}, {@code -w}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProcessSweep}
 */
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Measurement(iterations = 5, time = 1)
public class ProcessSweepBenchmark extends HttpScrapeBenchmark {

    @Param("WORKER_PROCESSES")
    public Model model;

    /** Worker JVMs sharing the n = 16 requests in flight. */
    @Param({"1", "2", "4", "16"})
    public int processes;
}
