package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchRunnerTest {

    @TempDir
    Path temp;

    @Test
    void runDirectoriesAreNamedByDateAndJdkAndNeverOverwritten() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 23);
        assertEquals("2026-11-23-jdk25", RunDirectory.create(temp, day, 25, "").getFileName().toString());
        assertEquals("2026-11-23-jdk25-2", RunDirectory.create(temp, day, 25, null).getFileName().toString());
        assertEquals("2026-11-23-jdk17-g1-heap", RunDirectory.create(temp, day, 17, "g1 heap").getFileName().toString());
    }

    @Test
    void probesTheForkJvmItself() {
        ForkJvm current = ForkJvm.probe("");
        assertEquals(Runtime.version().feature(), current.major());
        assertEquals(System.getProperty("java.version"), current.version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkJvm.probe("/no/such/java"));
        assertEquals("--jvm '/no/such/java' is not an executable java", e.getMessage());
    }

    @Test
    void environmentRecordsWhatJmhDoesNot() throws Exception {
        Path run = RunDirectory.create(temp, LocalDate.of(2026, 11, 23), 17, "");
        ForkJvm jvm = ForkJvm.probe("");
        QuietCheck quiet = new QuietCheck(3, 0.02, 0.4, List.of(), false);
        TrialLog.Trial trial = new TrialLog.Trial(run.getFileName().toString(), "b.IoBoundBenchmark.scrape",
                java.util.Map.of("model", "SERIAL"), "java", Instant.parse("2026-11-23T10:01:00Z"),
                Instant.parse("2026-11-23T10:01:09Z"), 5, 1, 0.05, 0.4, 0.0);
        EnvironmentRecord.write(run.resolve("environment.json"), EnvironmentRecord.describe(new EnvironmentRecord.RunInfo(run,
                new EnvironmentRecord.Start(Instant.parse("2026-11-23T10:00:00Z"), 0.25, "abc123", false),
                Instant.parse("2026-11-23T10:12:00Z"), jvm, false,
                List.of("IoBoundBenchmark"), List.of(BenchRunner.ordered("model", "VIRTUAL_THREADS", "reason", "needs JDK 21+")),
                "-f 3 -p siteUrl=http://fixtures.example:8080/category/p/1", "", "", quiet, false, List.of(trial),
                List.of(), List.of(temp.resolve("2026-11-23-jdk25")))));
        JsonNode env = new ObjectMapper().readTree(run.resolve("environment.json").toFile());
        assertEquals(2, env.get("schemaVersion").asInt());
        assertEquals("2026-11-23-jdk25", env.get("pairedWith").get(0).asText());
        assertEquals(0.02, env.get("quietCheck").get("foreignCores").asDouble());
        assertFalse(env.get("quietCheck").get("busy").asBoolean());
        assertTrue(env.get("trials").get(0).get("contaminated").asBoolean(), "one contaminated iteration taints the trial");
        assertEquals(1, env.get("trials").get(0).get("contaminatedIterations").asInt());
        // the models in report order, with the traits the report's bound needs
        assertEquals(org.scrapebench.models.Model.values().length, env.get("models").size());
        assertEquals("SERIAL", env.get("models").get(0).get("name").asText());
        assertEquals("ONE_THREAD", env.get("models").get(0).get("cpu").asText());
        assertEquals("2026-11-23-jdk17", env.get("runId").asText());
        assertEquals(jvm.major(), env.get("jdk").get("major").asInt());
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("machine").get("cores").asInt());
        assertTrue(env.get("machine").get("memoryBytes").asLong() > 0);
        assertEquals("2026-11-23T10:00:00Z", env.get("startedAt").asText());
        assertEquals(0.25, env.get("machine").get("loadAverageAtStart").asDouble());
        assertEquals("abc123", env.get("git").get("commit").asText(), "the commit read when the run started");
        assertFalse(env.get("git").get("dirty").asBoolean());
        assertEquals("url", env.get("fixture").get("mode").asText());
        assertEquals("http://fixtures.example:8080/category/p/1", env.get("fixture").get("url").asText());
        assertEquals("VIRTUAL_THREADS", env.get("modelsLeftOut").get(0).get("model").asText());
        assertEquals(List.of("-f", "3", "-p", "siteUrl=http://fixtures.example:8080/category/p/1"),
                new ObjectMapper().convertValue(env.get("jmhArgs"), List.class));
    }

    @Test
    void rowFactsGiveTheSitesFloorAndTheCoresAModelCanUse() {
        java.util.Map<String, String> io = new java.util.HashMap<>(java.util.Map.of("model", "FIXED_THREAD_POOL",
                "products", "40", "productsPerPage", "20", "pageKb", "4", "latency", "fixed:50", "faults", "none",
                "concurrency", "16", "siteUrl", "", "gil", "off", "processes", "0"));
        RowFacts pool = RowFacts.of(io, 2);
        assertEquals(200.0, pool.latencyFloorMs().getAsDouble(), 1e-9);
        assertEquals(2, pool.cpuThreads());
        io.put("gil", "on");
        assertEquals(1, RowFacts.of(io, 2).cpuThreads(), "with the GIL one thread computes at a time");
        io.put("model", "SERIAL");
        assertEquals(42 * 50.0, RowFacts.of(io, 2).latencyFloorMs().getAsDouble(), 1e-9);
        assertEquals(1, RowFacts.of(io, 2).cpuThreads());
        io.put("siteUrl", "http://elsewhere.example/category/p/1");
        assertTrue(RowFacts.of(io, 2).latencyFloorMs().isEmpty(), "another site's delays are not known here");
    }

    @Test
    void interleavedForksAlternateABBAModelByModel() throws Exception {
        ForkJvm jdk17 = new ForkJvm("/elsewhere/bin/java", 17, "17", "v", "vm", "vmv", "/elsewhere");
        ForkJvm jdk25 = new ForkJvm("/other/bin/java", 25, "25", "v", "vm", "vmv", "/other");
        BenchRunner.Run a = new BenchRunner.Run(jdk17, temp.resolve("a"));
        BenchRunner.Run b = new BenchRunner.Run(jdk25, temp.resolve("b"));
        var options = new org.openjdk.jmh.runner.options.CommandLineOptions("-f", "4");
        List<BenchRunner.ForkSlot> slots = BenchRunner.forkSlots(IoBoundBenchmark.class, options, List.of(a, b), false);
        assertTrue(slots.stream().allMatch(s -> s.forks() == 1));
        // every model's forks run together, one model after another, in the declared order
        List<String> modelOrder = slots.stream().map(BenchRunner.ForkSlot::model).distinct().toList();
        assertEquals(java.util.Arrays.stream(org.scrapebench.models.Model.values()).map(Enum::name).toList(), modelOrder);
        for (String model : modelOrder) {
            List<BenchRunner.Run> order = slots.stream().filter(s -> model.equals(s.model()))
                    .map(BenchRunner.ForkSlot::run).toList();
            assertEquals(model.equals("VIRTUAL_THREADS") ? List.of(b, b, b, b) : List.of(a, b, b, a, a, b, b, a),
                    order, model + ": JDK 17 cannot run virtual threads");
        }
        int first = slots.indexOf(slots.stream().filter(s -> "SERIAL".equals(s.model())).findFirst().orElseThrow());
        assertEquals(List.of(a, b, b, a, a, b, b, a), slots.subList(first, first + 8).stream().map(BenchRunner.ForkSlot::run).toList(),
                "a model's forks are adjacent, not spread over the class");

        // a class without models: the same pattern, once
        List<BenchRunner.ForkSlot> calibration = BenchRunner.forkSlots(CalibrationBenchmark.class, options, List.of(a, b), false);
        assertEquals(List.of(a, b, b, a, a, b, b, a), calibration.stream().map(BenchRunner.ForkSlot::run).toList());
        assertTrue(calibration.stream().allMatch(s -> s.model() == null));

        // the user's -p model narrows the rows; a JVM that cannot run it is left out of them
        var onlyVirtual = new org.openjdk.jmh.runner.options.CommandLineOptions("-f", "2", "-p", "model=VIRTUAL_THREADS,SERIAL");
        assertEquals(List.of(new BenchRunner.ForkSlot(a, 1, "SERIAL"), new BenchRunner.ForkSlot(b, 1, "SERIAL"),
                        new BenchRunner.ForkSlot(b, 1, "SERIAL"), new BenchRunner.ForkSlot(a, 1, "SERIAL"),
                        new BenchRunner.ForkSlot(b, 1, "VIRTUAL_THREADS"), new BenchRunner.ForkSlot(b, 1, "VIRTUAL_THREADS")),
                BenchRunner.forkSlots(IoBoundBenchmark.class, onlyVirtual, List.of(a, b), false));

        // one JVM: all forks in one invocation, as declared on the class (2)
        var none = new org.openjdk.jmh.runner.options.CommandLineOptions();
        assertEquals(List.of(new BenchRunner.ForkSlot(a, 2, null)), BenchRunner.forkSlots(IoBoundBenchmark.class, none, List.of(a), false));
        var virtualOnly = new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "model=VIRTUAL_THREADS");
        assertEquals(List.of(), BenchRunner.forkSlots(IoBoundBenchmark.class, virtualOnly, List.of(a), false),
                "nothing to run on JDK 17");
    }

    @Test
    void aJvmGivenTwiceIsAnAaPairWhoseNoiseIsTheMarginOfTheCrossJdkComparison() {
        ForkJvm here = ForkJvm.probe("");
        ForkJvm other = new ForkJvm("/elsewhere/bin/java", 17, "17", "v", "vm", "vmv", "/elsewhere");
        BenchRunner.Run a = new BenchRunner.Run(other, temp.resolve("jdk17"));
        BenchRunner.Run b = new BenchRunner.Run(here, temp.resolve("jdk25"));
        BenchRunner.Run b2 = new BenchRunner.Run(here, temp.resolve("jdk25-2"));

        List<BenchRunner.Comparison> threeWay = BenchRunner.comparisons(List.of(a, b, b2));
        BenchRunner.Comparison aa = new BenchRunner.Comparison(b, b2, java.util.Optional.empty());
        assertEquals(List.of(aa, new BenchRunner.Comparison(a, b, java.util.Optional.of(aa))), threeWay);

        // the two-JVM forms are what they were: A/A alone, or one cross-JDK comparison without a floor
        assertEquals(List.of(new BenchRunner.Comparison(b, b2, java.util.Optional.empty())),
                BenchRunner.comparisons(List.of(b, b2)));
        assertEquals(List.of(new BenchRunner.Comparison(a, b, java.util.Optional.empty())),
                BenchRunner.comparisons(List.of(a, b)));
    }

    @Test
    void aQuickRunCoversEveryModelInTheMainRegimesAndOneConcurrentModelElsewhere() {
        for (int major : List.of(17, 25)) {
            for (Class<?> main : BenchRunner.MAIN_REGIMES) {
                assertEquals(BenchRunner.modelsFor(main, major), BenchRunner.quickModels(main, major), main + " on " + major);
            }
            for (Class<?> other : List.of(FaultBenchmark.class, GilCpuBoundBenchmark.class, ConcurrencySweepBenchmark.class)) {
                List<String> quick = BenchRunner.quickModels(other, major);
                assertEquals(1, quick.size(), () -> other + " on " + major + ": " + quick);
                assertTrue(org.scrapebench.models.Model.valueOf(quick.get(0)).usesConcurrency(), quick::toString);
            }
        }
        assertEquals(List.of("WORKER_PROCESSES"), BenchRunner.quickModels(ProcessSweepBenchmark.class, 17));
        assertEquals(null, BenchRunner.quickModels(CalibrationBenchmark.class, 25), "no model param to narrow");
    }

    /**
     * A CPU-bound process outside the runner's process tree (orphaned, so it is not a descendant)
     * makes the run stop before it starts: one line naming the load, exit 2, no run directory.
     */
    @Test
    void aBusyMachineStopsTheRunWithOneLineAndNoRunDirectory() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(MachineLoad.available(), "needs Linux /proc");
        Path results = temp.resolve("results");
        // a busy loop that ends by itself after 20 s, whatever happens to this test, and has no
        // children: killing it kills all of it
        Process launcher = new ProcessBuilder("sh", "-c",
                "bash -c 'while [ $SECONDS -lt 20 ]; do :; done' >/dev/null 2>&1 & echo $!").start();
        long busyPid = Long.parseLong(new String(launcher.getInputStream().readAllBytes()).trim());
        launcher.waitFor();
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(errBytes, true));
            code = new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(),
                    "--include", "CalibrationBenchmark.parsePerProduct", "--no-report");
        } finally {
            System.setErr(oldErr);
            ProcessHandle.of(busyPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        String err = errBytes.toString();
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("bench: the machine is busy: other processes used "), err);
        assertTrue(err.contains("-Dbench.force"), err);
        assertFalse(Files.exists(results) && Files.list(results).findAny().isPresent(), "no run directory");
    }

    @Test
    void badOptionsStopBeforeAnythingRuns() throws Exception {
        Path results = temp.resolve("results");
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--jvm", "/no/java"));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--include", "(["));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--args", "-f notanumber"));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(), "--jvms", "java"));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(),
                "--jvm", "java", "--jvms", "java,java"));
        assertEquals(2, new CommandLine(new BenchRunner()).execute("--results-dir", results.toString(),
                "--args", "-p model=SERIAL,THREADS"));
        assertFalse(Files.exists(results), "no run directory for a run that never started");
    }
}
