package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * What CPython threads would do with the CPU-bound job: the same job as {@link CpuBoundBenchmark}
 * with the GIL switch on, so that a thread must hold its process's one lock to parse or compute
 * and hands it over every 5 ms. Threads then take turns on one core however many there are, while
 * worker processes, each with a lock of its own, still use every core: CPython's reason for
 * multiprocessing, measured on the JVM. Compare each row with its {@code gil=off} row in the
 * CPU-bound regime.
 *
 * <p>Trap: the lock is only as fine as the work's checkpoints (between parsing and each compute
 * round); a parse holds it whole, as a C extension that keeps the GIL would.
 *
 * <p>Two forks, as in the CPU-bound regime it is compared with: with one, the JDK 17 baseline of
 * 2026-12-02 had the pool at 0.68x SERIAL, and a single-fork re-run gave 1.06x, so one fork
 * meeting a slow spell of the host decided the row.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GilCpuBound}
 */
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
public class GilCpuBoundBenchmark extends CpuBoundBenchmark {

    /** The baseline, two ways of holding threads, and processes. */
    @Param({"SERIAL", "FIXED_THREAD_POOL", "VIRTUAL_THREADS", "WORKER_PROCESSES"})
    public Model model;

    @Param("on")
    public String gil;
}
