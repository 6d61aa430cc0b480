package org.scrapebench.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.LongSupplier;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How far a run is: the forks planned for each benchmark class (counted up front as JMH will
 * expand them, and those added to re-measure a row), the forks done, the time since the start, and an estimate of the time left: each
 * class's remaining forks at that class's mean time per fork so far, or the run's mean where the
 * class has none yet. A long run prints it between forks.
 */
final class Progress {

    private final LongSupplier nanoClock;
    private final long start;
    private final Map<String, Integer> planned = new LinkedHashMap<>();
    private final Map<String, Integer> done = new LinkedHashMap<>();
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private int added;
    private long mark;

    Progress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.mark = start;
    }

    /** Adds the forks that one JMH invocation with these options will run. */
    void plan(Options options) {
        plannedForks(options).forEach(this::plan);
    }

    void plan(String benchmarkClass, int forks) {
        planned.merge(benchmarkClass, forks, Integer::sum);
    }

    /** Adds forks that re-measure rows whose forks disagree (counted apart as well as planned). */
    void add(Options options) {
        plannedForks(options).forEach((benchmarkClass, forks) -> {
            plan(benchmarkClass, forks);
            added += forks;
        });
    }

    /** The time from here to the next fork's end is that fork's (not the runner's own work before). */
    void mark() {
        mark = nanoClock.getAsLong();
    }

    /** One fork of {@code benchmarkClass} (simple name) has ended; returns the progress line. */
    String forkDone(String benchmarkClass) {
        long now = nanoClock.getAsLong();
        done.merge(benchmarkClass, 1, Integer::sum);
        nanos.merge(benchmarkClass, now - mark, Long::sum);
        mark = now;
        return line();
    }

    String line() {
        int doneTotal = doneTotal();
        StringBuilder line = new StringBuilder("bench: progress: ").append(counts());
        if (doneTotal == 0) {
            return line.append(", time left known after the first fork").toString();
        }
        double runMean = nanos.values().stream().mapToLong(Long::longValue).sum() / (double) doneTotal;
        double left = 0;
        for (Map.Entry<String, Integer> entry : planned.entrySet()) {
            int classDone = done.getOrDefault(entry.getKey(), 0);
            int remaining = Math.max(0, entry.getValue() - classDone);
            double mean = classDone > 0 ? nanos.get(entry.getKey()) / (double) classDone : runMean;
            left += remaining * mean;
        }
        return line.append(", about ").append(clock(Duration.ofNanos((long) left))).append(" left").toString();
    }

    /**
     * The line a run stopped from outside (Ctrl-C, a signal) leaves: how far it got, and what was
     * written, so that a stopped run is not mistaken for one still working or done.
     *
     * @param kept the benchmark classes whose results were kept before the stop (none: nothing written)
     */
    String stoppedLine(List<String> kept) {
        return "bench: stopped before the end: " + counts() + "; "
                + (kept.isEmpty() ? "no results written" : kept(kept, "the stop"));
    }

    /** "the classes finished before {@code what} are kept (...)": what a run that did not end leaves. */
    static String kept(List<String> kept, String what) {
        return "the classes finished before " + what + " are kept (" + String.join(", ", kept)
                + "; environment.json names those not run; `analysis report <run directory>` reports them)";
    }

    /** "69 of 243 forks done (27 added to re-measure), 23:28 elapsed". */
    private String counts() {
        int plannedTotal = planned.values().stream().mapToInt(Integer::intValue).sum();
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        return doneTotal() + " of " + plannedTotal + " forks done" + (added > 0 ? " (" + added + " added to re-measure)" : "")
                + ", " + clock(elapsed) + " elapsed";
    }

    private int doneTotal() {
        return done.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "1:02:03" or "14:03". */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /**
     * The forks JMH will run for these options, by benchmark class (simple name): every matching
     * benchmark method, once per mode and per combination of its params' values (the options'
     * values where given, else the method's own), times the fork count (the options', else the
     * method's {@code @Fork}, else JMH's default of 5; 0, in this JVM, counts as one).
     */
    static Map<String, Integer> plannedForks(Options options) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(nowhere, VerboseMode.SILENT), options.getIncludes(),
                options.getExcludes());
        Map<String, Integer> forks = new LinkedHashMap<>();
        for (BenchmarkListEntry entry : entries) {
            int combinations = 1;
            if (entry.getParams().hasValue()) {
                for (Map.Entry<String, String[]> param : entry.getParams().get().entrySet()) {
                    var given = options.getParameter(param.getKey());
                    combinations *= given.hasValue() ? given.get().size() : param.getValue().length;
                }
            }
            int modes = options.getBenchModes().isEmpty() ? 1 : options.getBenchModes().size();
            int perCombination = Math.max(1, options.getForkCount().orElse(entry.getForks().orElse(5)));
            forks.merge(simpleClassName(entry.getUsername()), combinations * modes * perCombination, Integer::sum);
        }
        return forks;
    }

    /** {@code org.scrapebench.bench.IoBoundBenchmark.scrape} -> {@code IoBoundBenchmark}. */
    static String simpleClassName(String benchmark) {
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
