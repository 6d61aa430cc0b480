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

    static ObjectNode describe(Path runDir, Start start, Instant finished, ForkJvm jvm, boolean quick,
                               List<String> benchmarks, List<Map<String, String>> modelsLeftOut,
                               String jmhArgs, String include, String label) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
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
        return root;
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
