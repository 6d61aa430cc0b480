package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job with the GIL switch on: the lock is released around every request, as
 * CPython releases it around blocking I/O, so threads that mostly wait should barely notice it.
 * Compare each row with its {@code gil=off} row in the I/O-bound regime.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GilIoBound}
 */
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
public class GilIoBoundBenchmark extends IoBoundBenchmark {

    @Param({"FIXED_THREAD_POOL", "VIRTUAL_THREADS", "COMPLETABLE_FUTURE"})
    public Model model;

    @Param("on")
    public String gil;
}
