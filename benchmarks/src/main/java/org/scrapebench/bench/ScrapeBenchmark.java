package org.scrapebench.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.ScrapeResult;

/**
 * What every regime shares: one whole scrape job per operation, timed as average time per job; the
 * trial (fixture server, model, threads, worker processes, expected answer) made once per fork in
 * setup and closed in teardown; every result validated. The knobs every regime has are declared
 * here once (JMH reads {@code @Param} fields of superclasses); a subclass declares only the knobs
 * of its own, or those whose defaults differ. What the params mean is {@link RowParams}'s: the
 * trial is opened from them, the same way the runner describes the row.
 *
 * <p>Every fork runs with the same named settings ({@link ForkFlags}), never the JDK's defaults,
 * which differ between JDKs and machines: a fixed heap (-Xms = -Xmx, so no resizing pauses land
 * in some iterations and not others), touched at start-up (-XX:+AlwaysPreTouch: page faults stay
 * out of the measurement), and G1 named (the default collector of both JDKs on this machine, so
 * the numbers stay those a user of either JDK gets). A 1 GB heap was compared with the JDK's
 * default heap, a 4 GB heap and the parallel collector on the CPU-bound job, the regime that
 * allocates most: collection took under 1% of the run in every setting, and the differences
 * between settings were smaller than between two runs of the same setting minutes apart
 * (results/README.md, "How the fork settings were chosen").
 *
 * <p>Fork and iteration counts are sized for 2 shared cores: two forks, so that fork-to-fork
 * variance shows in the error (an interleaved run alternates them over the JDKs); six warm-up
 * iterations of two seconds after the fixture server's own warm-up, because how long a cold fork
 * takes to reach its steady speed depends on the host's hour: at about the sixth second in a quick
 * hour, the twelfth or later in a slow one, where the JIT's compiler threads take longer and with
 * six seconds the measured iterations were still falling (a sweep or map row inherits this warm-up,
 * so that its warm row matches the regime's); five measured iterations, because JMH's error is a
 * 99.9% interval whose t factor falls steeply with the sample count (2 x 5 samples give an error
 * a fifth smaller than 2 x 4 for the same spread). A model that starts JVMs of its own gets a
 * further warm-up in setup ({@code childJvmWarmUpSeconds}): each of its JVMs compiles the
 * job separately and needs longer. The measurements are in results/README.md, "How the fork
 * settings were chosen"; the committed A/A pair says whether this is enough.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public abstract class ScrapeBenchmark {

    /** Every model by default; {@code -p model=A,B} picks some. */
    @Param
    public Model model;

    /** Hold one lock per process for CPU work, as CPython's threads do: {@code off} or {@code on}. */
    @Param("off")
    public String gil;

    /** Worker processes, for the models that start them; 0 = one per core. */
    @Param("0")
    public int processes;

    /** PIPELINE: capacity of each queue between its stages; 0 = the model's default. Other models ignore it. */
    @Param("0")
    public int queueCapacity;

    /** PIPELINE: threads of its parse stage; 0 = one per core. Other models ignore it. */
    @Param("0")
    public int parseWorkers;

    /** Cluster member JVMs, for the models that start them; 0 = one per core. */
    @Param("0")
    public int members;

    /**
     * {@code NAME@host:port;host:port...}: cluster members already running elsewhere, joined instead of
     * starting members here (semicolons or spaces between addresses: JMH splits values at commas).
     */
    @Param("")
    public String clusterMembers;

    /**
     * Seconds the trial runs the job before JMH's warm-up when the model starts JVMs of its own
     * (other models ignore it): each of them compiles the job separately and reaches its steady
     * speed several times later than one JVM's threads (results/README.md, "How the fork settings
     * were chosen").
     */
    @Param("8")
    public int childJvmWarmUpSeconds;

    private ScrapeTrial trial;

    @Setup(Level.Trial)
    public void openTrialOnce() throws InterruptedException {
        RowParams row = RowParams.of(this);
        trial = ScrapeTrial.open(row);
        try {
            trial.warmUpChildJvms(Duration.ofSeconds(row.childJvmWarmUpSeconds()));
        } catch (RuntimeException | InterruptedException e) {
            closeTrial();
            throw e;
        }
    }

    @Benchmark
    public ScrapeResult scrape(ScrapeCounters counters) throws InterruptedException {
        return trial.scrape(counters);
    }

    @TearDown(Level.Trial)
    public void closeTrial() {
        if (trial != null) {
            trial.close();
            trial = null;
        }
    }
}
