package org.scrapebench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.LatencyProfile;
import org.scrapebench.fixtures.ScheduleFloor;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Writes a run's {@link RunRecord} ({@code environment.json}): what JMH does not record but a reader
 * of the numbers needs: the machine, the fork JDK as it reported itself, the git commit, the
 * fixture, the models left out and why, the exact options, and per row the facts only the
 * benchmarks can tell ({@link #row}). The analysis reads the same type.
 */
final class RunRecordWriter {

    private RunRecordWriter() {}

    /**
     * What must be read before the run, not after: the commit and the tree that were measured (a
     * commit made during a 15-minute run must not be credited with it) and the load the run met.
     */
    record Start(Instant at, double loadAverage, String commit, Boolean dirty) {
        static Start now(Path dir) {
            String commit = git(dir, "rev-parse", "HEAD");
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return new Start(Instant.now(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    commit == null ? "unknown" : commit.trim(), status == null ? null : !status.isBlank());
        }
    }

    /** What one run directory's record says, as the runner knows it at the end of the run. */
    record RunInfo(Path runDir, ForkJvm jvm, Start start, Options options, Outcome outcome) {}

    /**
     * What the user asked for, and how far the run got: the classes run, and those asked for but not
     * run yet (the run's files are written after every class, so that a stopped run keeps them).
     */
    record Options(boolean quick, List<String> benchmarks, String jmhArgs, String include, String label,
                   List<String> notRun) {}

    /** The quiet check before the run, and whether the user ran anyway on a busy machine. */
    record Checks(QuietCheck quiet, boolean forced, RunRecord.HostCanary hostCanary) {}

    /**
     * What the run did: when it ended, the checks, its trials (each saying whether its fork was set
     * aside) and the results its scores count, the runs interleaved with it, and how its forks were
     * made to agree.
     */
    record Outcome(Instant finished, Checks checks, List<RunRecord.Trial> trials, List<RunResult> results,
                   List<Path> partners, RunRecord.ForkAgreement forkAgreement) {}

    static RunRecord describe(RunInfo info) {
        Options options = info.options();
        Outcome outcome = info.outcome();
        RunRecord.Run run = new RunRecord.Run(info.runDir().getFileName().toString(), blankToNull(options.label()),
                info.start().at().toString(), outcome.finished().toString(), options.quick(),
                outcome.partners().stream().map(p -> p.getFileName().toString()).toList());
        List<String> jmhArgs = List.of(BenchRunner.splitArgs(options.jmhArgs() == null ? "" : options.jmhArgs()));
        Matcher site = Pattern.compile("siteUrl=(\\S+)").matcher(options.jmhArgs() == null ? "" : options.jmhArgs());
        RunRecord.Fixture fixture = site.find()
                ? new RunRecord.Fixture("url", site.group(1), ScrapeTrial.SEED)
                : new RunRecord.Fixture("process", null, ScrapeTrial.SEED);
        RunRecord.Machine machine = new RunRecord.Machine(Runtime.getRuntime().availableProcessors(),
                totalMemoryBytes(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), cpuModel(), loadAverage(info.start().loadAverage()),
                loadAverage(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        QuietCheck q = outcome.checks().quiet();
        RunRecord.QuietCheck quiet = new RunRecord.QuietCheck(q.skipped(), round(q.seconds()),
                nullIfNaN(round(q.foreignCores())), QuietCheck.BUSY_CORES, loadAverage(q.loadAverage()), q.busy(),
                outcome.checks().forced(), q.busiest());
        List<RunRecord.ModelInfo> models = new ArrayList<>();
        for (Model model : Model.values()) {
            models.add(new RunRecord.ModelInfo(model.name(), model.summary(), model.traits().minimumJdk(),
                    model.traits().limitsInFlight(), model.traits().cpu().name()));
        }
        List<RunRecord.Row> rows = new ArrayList<>();
        List<RunRecord.LeftOut> leftOut = new ArrayList<>();
        for (Model model : Model.values()) {
            String reason = model.unavailableReason(info.jvm().major());
            if (reason != null) {
                leftOut.add(new RunRecord.LeftOut(model.name(), reason.replace("(this is", "(the forks run")));
            }
        }
        for (RunResult result : outcome.results()) {
            BenchmarkParams params = result.getParams();
            if (params.getParamsKeys().contains("model")) {
                rows.add(row(params.getBenchmark(), paramsOf(params)));
            }
        }
        List<RunRecord.Trial> trials = outcome.trials();
        return new RunRecord(RunRecord.SCHEMA_VERSION, run,
                new RunRecord.Options(options.benchmarks(), jmhArgs, blankToNull(options.include()), options.notRun()),
                new RunRecord.Git(info.start().commit(), info.start().dirty()), info.jvm().jdk(), machine, fixture,
                quiet, new RunRecord.ContaminationLimits(TrialLog.FOREIGN_CORES_LIMIT, TrialLog.STEAL_LIMIT),
                outcome.checks().hostCanary(), outcome.forkAgreement(), models, leftOut, rows, trials);
    }

    /**
     * What the report needs to know about one result row that only the benchmarks can tell: how many
     * threads can run the row's CPU work at once and how many requests it keeps in flight (from the
     * model, with the settings the row's params give, {@link RowParams}), and the least time the
     * fixture site allows for its requests ({@link ScheduleFloor}, from the site's own per-page
     * delays and fault plan; none for a site of someone else's).
     */
    static RunRecord.Row row(String benchmark, Map<String, String> params) {
        RowParams row = new RowParams(params);
        Model model = row.model();
        ScrapeSettings settings = row.settings();
        int inFlight = model.inFlight(settings);
        Double floor = null;
        if (row.overHttp() && row.site().siteUrl().isBlank()) {
            ScrapeTrial.Site site = row.site();
            ScheduleFloor schedule = ScheduleFloor.of(FaultProfile.parse(site.faults()).plan(Catalog.generate(site.catalog())),
                    LatencyProfile.parse(site.latency()));
            floor = model.usesConcurrency() ? schedule.overlappedMillis(inFlight) : schedule.serialMillis();
        }
        return new RunRecord.Row(benchmark, params, model.cpuThreads(settings), model.usesConcurrency(), inFlight, floor);
    }

    /** A JMH row's params by name, in JMH's order. */
    static Map<String, String> paramsOf(BenchmarkParams params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : params.getParamsKeys()) {
            map.put(key, params.getParam(key));
        }
        return map;
    }

    /** Three decimals. */
    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** A load average, or null where the system has none (the JDK reports a negative number). */
    private static Double loadAverage(double value) {
        return value < 0 || Double.isNaN(value) ? null : round(value);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static long totalMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return "unknown";
    }

    /** A git command's output in the run's repository, or null without git. */
    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
