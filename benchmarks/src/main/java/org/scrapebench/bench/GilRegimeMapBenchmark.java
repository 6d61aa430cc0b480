package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The regime map with the GIL switch on: threads and worker processes along the same levels of
 * CPU per product as {@link RegimeMapBenchmark}. The threads of one process take turns on one core
 * for their CPU work, each worker process has a lock of its own: CPython's choice between threads
 * and multiprocessing, with the crossover measured. A class of its own because JMH crosses every
 * param with every other: the GIL on for every model would double the map for rows nobody asks for.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GilRegimeMap}
 */
public class GilRegimeMapBenchmark extends RegimeMapBenchmark {

    @Param({"FIXED_THREAD_POOL", "WORKER_PROCESSES"})
    public Model model;

    @Param("on")
    public String gil;
}
