package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

class ProgressTest {

    @Test
    void theForksPlannedAreJmhsExpansionOfMethodsParamsAndForks() throws Exception {
        var twoModels = new OptionsBuilder().include("^" + IoBoundBenchmark.class.getName() + "\\.")
                .parent(new CommandLineOptions("-f", "3", "-p", "model=SERIAL,EVENT_LOOP")).build();
        assertEquals(Map.of("IoBoundBenchmark", 6), Progress.plannedForks(twoModels));

        // a second param with two values doubles it; the class's own @Fork applies when none is given
        var sweep = new OptionsBuilder().include("^" + ProcessSweepBenchmark.class.getName() + "\\.")
                .param("model", "WORKER_PROCESSES").param("processes", "1", "2").build();
        int declared = ProcessSweepBenchmark.class.getAnnotation(org.openjdk.jmh.annotations.Fork.class).value();
        assertEquals(Map.of("ProcessSweepBenchmark", 2 * declared), Progress.plannedForks(sweep));
    }

    @Test
    void timeLeftIsEachClassesRemainingForksAtItsOwnMeanOrTheRunsMeanBeforeItsFirst() {
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(now::get);
        progress.plan("A", 2);
        progress.plan("B", 2);
        assertEquals("bench: progress: 0 of 4 forks done, 0:00 elapsed, time left known after the first fork",
                progress.line());

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        // A: one more at 10 s; B: two at the run's mean, 10 s
        assertEquals("bench: progress: 1 of 4 forks done, 0:10 elapsed, about 0:30 left", progress.forkDone("A"));

        now.addAndGet(TimeUnit.SECONDS.toNanos(5)); // the runner's own work between invocations
        progress.mark();
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        // A: one at 10 s; B: one at its own 20 s
        assertEquals("bench: progress: 2 of 4 forks done, 0:35 elapsed, about 0:30 left", progress.forkDone("B"));

        // forks added to re-measure a row count as planned, and say so
        progress.add(new OptionsBuilder().include("^" + IoBoundBenchmark.class.getName() + "\\.")
                .param("model", "SERIAL").forks(1).build());
        assertEquals("bench: progress: 2 of 5 forks done (1 added to re-measure), 0:35 elapsed, about 0:45 left",
                progress.line(), "A 10 s and B 20 s as before, and the added IoBoundBenchmark fork at the run's mean of 15 s");

        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertEquals("bench: stopped before the end: 2 of 5 forks done (1 added to re-measure), 0:38 elapsed;"
                + " no results written", progress.stoppedLine(List.of()));
        assertEquals("bench: stopped before the end: 2 of 5 forks done (1 added to re-measure), 0:38 elapsed;"
                + " the classes finished before the stop are kept (CalibrationBenchmark; environment.json names those"
                + " not run; `analysis report <run directory>` reports them)",
                progress.stoppedLine(List.of("CalibrationBenchmark")));
    }

    @Test
    void longRunsReadInHours() {
        assertEquals("14:03", Progress.clock(Duration.ofSeconds(14 * 60 + 3)));
        assertEquals("1:02:00", Progress.clock(Duration.ofMinutes(62)));
    }
}
