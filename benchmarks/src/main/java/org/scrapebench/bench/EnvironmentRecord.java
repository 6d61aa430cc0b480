package org.scrapebench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.scrapebench.models.Model;

/**
 * {@code environment.json}: what JMH does not record but a reader of the numbers needs: the
 * machine, the fork JDK as it reported itself, the git commit, the fixture, the models left out and
 * why, and the exact options. The analysis report reads it.
 */
final class EnvironmentRecord {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EnvironmentRecord() {}

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

    /** Everything one run directory's environment file says. */
    record RunInfo(Path runDir, Start start, Instant finished, ForkJvm jvm, boolean quick, List<String> benchmarks,
                   List<Map<String, String>> modelsLeftOut, String jmhArgs, String include, String label,
                   QuietCheck quiet, boolean forced, List<TrialLog.Trial> trials, List<RunResult> results,
                   List<Path> partners) {}

    static ObjectNode describe(RunInfo info) {
        Path runDir = info.runDir();
        Start start = info.start();
        Instant finished = info.finished();
        ForkJvm jvm = info.jvm();
        boolean quick = info.quick();
        List<String> benchmarks = info.benchmarks();
        List<Map<String, String>> modelsLeftOut = info.modelsLeftOut();
        String jmhArgs = info.jmhArgs();
        String include = info.include();
        String label = info.label();
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("runId", runDir.getFileName().toString());
        root.put("label", label == null || label.isBlank() ? null : label);
        root.put("startedAt", start.at().toString());
        root.put("finishedAt", finished.toString());
        root.put("quick", quick);

        ObjectNode jdk = root.putObject("jdk");
        jdk.put("major", jvm.major());
        jdk.put("version", jvm.version());
        jdk.put("vendor", jvm.vendor());
        jdk.put("vmName", jvm.vmName());
        jdk.put("vmVersion", jvm.vmVersion());
        jdk.put("home", jvm.home());

        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryBytes", totalMemoryBytes());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpuModel", cpuModel());
        machine.put("loadAverageAtStart", start.loadAverage());
        machine.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        ObjectNode git = root.putObject("git");
        git.put("commit", start.commit());
        git.put("dirty", start.dirty()); // null (not a git checkout) is written as null

        ObjectNode fixture = root.putObject("fixture");
        Matcher site = Pattern.compile("siteUrl=(\\S+)").matcher(jmhArgs == null ? "" : jmhArgs);
        fixture.put("mode", site.find() ? "url" : "process");
        fixture.put("url", site.find(0) ? site.group(1) : null);
        fixture.put("seed", ScrapeTrial.SEED);

        ArrayNode leftOut = root.putArray("modelsLeftOut");
        for (Map<String, String> entry : modelsLeftOut) {
            ObjectNode node = leftOut.addObject();
            entry.forEach(node::put);
        }
        ArrayNode suite = root.putArray("benchmarks");
        benchmarks.forEach(suite::add);
        ArrayNode args = root.putArray("jmhArgs");
        for (String arg : BenchRunner.splitArgs(jmhArgs == null ? "" : jmhArgs)) {
            args.add(arg);
        }
        root.put("include", include == null || include.isBlank() ? null : include);
        ArrayNode pairedWith = root.putArray("pairedWith");
        info.partners().forEach(p -> pairedWith.add(p.getFileName().toString()));

        quietCheck(root.putObject("quietCheck"), info.quiet(), info.forced());
        ArrayNode models = root.putArray("models");
        for (Model model : Model.values()) {
            ObjectNode node = models.addObject();
            node.put("name", model.name());
            node.put("summary", model.summary());
            node.put("minimumJdk", model.traits().minimumJdk());
            node.put("limitsInFlight", model.traits().limitsInFlight());
            node.put("cpu", model.traits().cpu().name());
        }
        ArrayNode rows = root.putArray("rows");
        int cores = Runtime.getRuntime().availableProcessors();
        for (RunResult result : info.results()) {
            BenchmarkParams params = result.getParams();
            if (!params.getParamsKeys().contains("model")) {
                continue;
            }
            ObjectNode node = rows.addObject();
            node.put("benchmark", params.getBenchmark());
            ObjectNode values = node.putObject("params");
            Map<String, String> map = new java.util.LinkedHashMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
                map.put(key, params.getParam(key));
            }
            RowFacts facts = RowFacts.of(map, cores);
            node.put("cpuThreads", facts.cpuThreads());
            node.put("limitsInFlight", facts.limitsInFlight());
            node.put("inFlight", facts.inFlight());
            if (facts.latencyFloorMs().isPresent()) {
                node.put("latencyFloorMs", facts.latencyFloorMs().getAsDouble());
            }
        }
        ArrayNode trials = root.putArray("trials");
        for (TrialLog.Trial trial : info.trials()) {
            ObjectNode node = trials.addObject();
            node.put("benchmark", trial.benchmark());
            ObjectNode values = node.putObject("params");
            trial.params().forEach(values::put);
            node.put("start", trial.start().toString());
            node.put("end", trial.end().toString());
            node.put("measuredIterations", trial.measuredIterations());
            node.put("contaminatedIterations", trial.contaminatedIterations());
            node.put("meanForeignCores", round(trial.meanForeignCores()));
            node.put("maxForeignCores", round(trial.maxForeignCores()));
            node.put("maxStealShare", round(trial.maxStealShare()));
            node.put("contaminated", trial.contaminated());
        }
        ObjectNode limits = root.putObject("contaminationLimits");
        limits.put("foreignCores", TrialLog.FOREIGN_CORES_LIMIT);
        limits.put("stealShare", TrialLog.STEAL_LIMIT);
        return root;
    }

    private static void quietCheck(ObjectNode node, QuietCheck quiet, boolean forced) {
        node.put("skipped", quiet.skipped());
        node.put("seconds", round(quiet.seconds()));
        node.put("foreignCores", round(quiet.foreignCores()));
        node.put("busyAbove", QuietCheck.BUSY_CORES);
        node.put("loadAverage", round(quiet.loadAverage()));
        node.put("busy", quiet.busy());
        node.put("forced", forced);
        ArrayNode busiest = node.putArray("busiest");
        quiet.busiest().forEach(busiest::add);
    }

    /** Three decimals, and NaN as null (JSON has no NaN). */
    private static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    static void write(Path file, ObjectNode environment) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(environment) + "\n", StandardCharsets.UTF_8);
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
