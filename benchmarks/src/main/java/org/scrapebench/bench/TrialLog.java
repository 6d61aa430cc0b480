package org.scrapebench.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.scrapebench.analysis.record.RunRecord;

/**
 * JMH's console output, passed through, plus a record of every trial: when it ran, on which JVM,
 * and what the rest of the machine did during each of its measured iterations ({@link MachineLoad}).
 * A trial in which some measured iteration ran beside foreign load or stolen CPU is contaminated;
 * the report marks its row. Before every fork the host canary is read ({@link HostWatch}, which
 * waits out a slow host), and the trial keeps its slowest reading.
 */
final class TrialLog implements OutputFormat {

    /** Foreign CPU, in cores, above which a measured iteration counts as contaminated. */
    static final double FOREIGN_CORES_LIMIT = 0.10;
    /** Share of the CPUs' time stolen by the hypervisor above which an iteration counts as contaminated. */
    static final double STEAL_LIMIT = 0.05;

    private final OutputFormat console;
    private final Progress progress;
    private final HostWatch host;
    private final boolean sampling;
    /** One per trial (one fork of one benchmark with one set of params), in the order they ended. */
    private final List<RunRecord.Trial> trials = new ArrayList<>();

    private Instant trialStart;
    private MachineLoad.Sample iterationStart;
    private final List<MachineLoad.Window> measured = new ArrayList<>();
    /** The benchmark class whose fork is running, or null between forks. */
    private String forkRunning;
    private String benchmarkClass;
    /** The slowest canary reading before a fork of the running trial, or null. */
    private Double trialCanaryMillis;

    /**
     * @param progress told of every fork's end; its line is printed between forks
     * @param host     read before every fork
     */
    TrialLog(OutputFormat console, Progress progress, HostWatch host) {
        this.console = console;
        this.progress = progress;
        this.host = host;
        this.sampling = MachineLoad.available();
    }

    /** How many trials have ended so far: {@link #trialsSince} that count gives the next invocation's. */
    int trialCount() {
        return trials.size();
    }

    /** The trial records that ended since {@code count} trials had. */
    List<RunRecord.Trial> trialsSince(int count) {
        return List.copyOf(trials.subList(count, trials.size()));
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        trialStart = Instant.now();
        benchmarkClass = Progress.simpleClassName(params.getBenchmark());
        measured.clear();
        trialCanaryMillis = null;
        console.startBenchmark(params);
    }

    @Override
    public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
        iterationStart = sampling && iteration.getType() == IterationType.MEASUREMENT ? MachineLoad.sample(false) : null;
        console.iteration(params, iteration, index);
    }

    @Override
    public void iterationResult(BenchmarkParams params, IterationParams iteration, int index, IterationResult result) {
        if (iterationStart != null) {
            measured.add(MachineLoad.between(iterationStart, MachineLoad.sample(false)));
            iterationStart = null;
        }
        console.iterationResult(params, iteration, index, result);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result != null) {
            BenchmarkParams params = result.getParams();
            Map<String, String> values = RunRecordWriter.paramsOf(params);
            int contaminated = 0;
            double sum = 0;
            double max = 0;
            double steal = 0;
            for (MachineLoad.Window w : measured) {
                if (w.foreignCores() > FOREIGN_CORES_LIMIT || w.stealShare() > STEAL_LIMIT) {
                    contaminated++;
                }
                sum += w.foreignCores();
                max = Math.max(max, w.foreignCores());
                steal = Math.max(steal, w.stealShare());
            }
            trials.add(new RunRecord.Trial(params.getBenchmark(), values, trialStart.toString(),
                    Instant.now().toString(), measured.size(), contaminated,
                    measured.isEmpty() ? null : round(sum / measured.size()), measured.isEmpty() ? null : round(max),
                    measured.isEmpty() ? null : round(steal), contaminated > 0, trialCanaryMillis, null));
        }
        console.endBenchmark(result);
        forkEnded();
    }

    /** JMH announces each fork with "# Fork: i of n" and nothing at its end: the next one, or the row's end, ends it. */
    private void forkEnded() {
        if (forkRunning != null) {
            console.println(progress.forkDone(forkRunning));
            forkRunning = null;
        }
    }

    /** Called between forks: JMH starts the next one only when this returns. */
    private void readHost() {
        try {
            double millis = round(host.beforeFork().millis());
            trialCanaryMillis = trialCanaryMillis == null ? millis : Math.max(trialCanaryMillis, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the host canary");
        }
    }

    /** Three decimals. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @Override
    public void startRun() {
        console.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        console.endRun(results);
    }

    @Override
    public void print(String s) {
        console.print(s);
    }

    @Override
    public void println(String s) {
        if (s.startsWith("# Fork: ")) {
            forkEnded();
            readHost();
            forkRunning = benchmarkClass;
        }
        console.println(s);
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        console.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        console.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        console.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        console.write(b);
    }
}
