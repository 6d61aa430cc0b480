package org.scrapebench.bench;

import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.models.Model;

/**
 * The regime map: the I/O-bound job (fixed latency, n = 16 in flight, light pages) with CPU per
 * product as its axis, from none to well past the latency's share per core. The question: as each
 * product costs more CPU, where does the fastest model change? One event loop thread keeps up while
 * its CPU time hides inside the waiting; threads keep up until the cores are full; under the GIL,
 * processes overtake threads. The report states the axis in ms per product (the calibration's
 * {@code parsePerProduct} plus {@code computeRounds} x {@code computePerRound}), draws every model
 * along it against the bound, and finds the crossovers with their intervals.
 *
 * <p>The axis is the compute step, not the page weight: its rounds add CPU on the client alone, so
 * the fixture server's work, the bytes moved and the latency floor stay those of the I/O-bound job
 * at every level, and one calibration row (the cost of a round) states every level in ms.
 *
 * <p>Levels: none, then a factor of about 3 per step up to about four times the CPU per product at
 * which n requests in flight fill one core (latency / n), so that the two-core threads, the
 * one-thread models and the GIL each cross from waiting-bound to CPU-bound inside the range, with
 * a level on each side of every crossing. The level without compute is not measured here: it is
 * the I/O-bound regime's row of each model (and the GIL I/O-bound regime's, for the lines under the
 * GIL), the same job with the same knobs, and the report takes it from there; a run of the map
 * alone has its five levels with compute.
 *
 * <p>Two forks per point, as the regimes (inherited), and two measured iterations, the fewest that
 * give the bootstrap a spread. One fork was tried first: a point's interval then holds only one
 * fork's iterations, not how far forks differ, and the A/A halves of the run that measured it
 * ({@code results/2026-12-07-jdk25-map} and {@code -map-2}) placed the crossovers differently
 * while each claimed them beyond its interval. With two, the bootstrap resamples forks and the
 * fork check re-measures a point whose forks disagree. The warm-up is the regimes' (inherited),
 * since with one iteration the sweeps read up to 1.22x their warm rows; a SERIAL iteration is one
 * job of two seconds or more, so SERIAL costs most of the time.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RegimeMap}
 */
@Measurement(iterations = 2, time = 1)
public class RegimeMapBenchmark extends HttpScrapeBenchmark {

    /** For the quick run, one level past one core's share; the level without compute comes from the I/O-bound rows. */
    static final String[] QUICK_LEVELS = {"720"};

    /** The baseline and one model of each kind: threads, virtual threads, one event loop, stages, processes. */
    @Param({"SERIAL", "FIXED_THREAD_POOL", "VIRTUAL_THREADS", "EVENT_LOOP", "PIPELINE", "WORKER_PROCESSES"})
    public Model model;

    /** The axis: SHA-256 rounds over each product page, a few microseconds each on a 4 KB page. */
    @Param({"80", "240", "720", "2200", "6600"})
    public int computeRounds;
}
