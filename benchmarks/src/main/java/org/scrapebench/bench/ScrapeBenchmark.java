package org.scrapebench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.scrapebench.scrape.ScrapeResult;

/**
 * What every regime shares: one whole scrape job per operation, timed as average time per job; the
 * trial (fixture server, model, threads, worker processes, expected answer) made once per fork in
 * setup and closed in teardown; every result validated. Subclasses declare the knobs as
 * {@code @Param}s and say how to open the trial.
 *
 * <p>Fork and iteration counts are sized for 2 shared cores: several forks, so that fork-to-fork
 * variance shows in the error, and iterations long enough to hold several jobs of the fast models.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public abstract class ScrapeBenchmark {

    private ScrapeTrial trial;

    protected abstract ScrapeTrial openTrial();

    @Setup(Level.Trial)
    public void openTrialOnce() {
        trial = openTrial();
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
