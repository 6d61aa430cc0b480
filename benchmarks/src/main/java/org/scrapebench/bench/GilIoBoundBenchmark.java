package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The I/O-bound job with the GIL switch on: the lock is released around every request, as
 * CPython releases it around blocking I/O, so threads that mostly wait should barely notice it.
 * Compare each row with its {@code gil=off} row in the I/O-bound regime. Worker processes are here
 * too, each with a lock of its own: their row is also where the GIL regime map's line of processes
 * starts (no compute), so it has the regimes' two forks (inherited), as the map's points do.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GilIoBound}
 */
public class GilIoBoundBenchmark extends IoBoundBenchmark {

    @Param({"FIXED_THREAD_POOL", "VIRTUAL_THREADS", "COMPLETABLE_FUTURE", "WORKER_PROCESSES"})
    public Model model;

    @Param("on")
    public String gil;
}
