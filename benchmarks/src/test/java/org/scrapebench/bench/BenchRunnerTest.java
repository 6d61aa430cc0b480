package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.models.Model;
import org.scrapebench.process.ChildJvm;
import picocli.CommandLine;

@Isolated // it swaps System.err and keeps a core busy for the quiet check
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
        assertEquals(System.getProperty("java.version"), current.jdk().version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkJvm.probe("/no/such/java"));
        assertEquals("--jvm '/no/such/java' is not an executable java", e.getMessage());
    }

    @Test
    void theRunRecordHoldsWhatJmhDoesNotAndTheAnalysisReadsItBack() throws Exception {
        Path run = RunDirectory.create(temp, LocalDate.of(2026, 11, 23), 17, "");
        ForkJvm jvm = new ForkJvm("/elsewhere/bin/java", new RunRecord.Jdk(17, "17.0.15", "v", "vm", "vmv", "/elsewhere"));
        QuietCheck quiet = new QuietCheck(3, 0.02, 0.4, List.of(), false);
        RunRecord.Trial trial = new RunRecord.Trial(
                "b.IoBoundBenchmark.scrape", Map.of("model", "SERIAL"), "2026-11-23T10:01:00Z", "2026-11-23T10:01:09Z",
                5, 1, 0.05, 0.4, 0.0, true, 450.0, null);
        RunRecord.HostCanary canary = new RunRecord.HostCanary(HostCanary.WORK, 300.0, HostWatch.SLOW_ABOVE, 4, 1, 30);
        RunRecordWriter.describe(new RunRecordWriter.RunInfo(run, jvm,
                new RunRecordWriter.Start(Instant.parse("2026-11-23T10:00:00Z"), 0.25, "abc123", false),
                new RunRecordWriter.Options(false, List.of("IoBoundBenchmark"),
                        "-f 3 -p siteUrl=http://fixtures.example:8080/category/p/1", "", "", List.of("FaultBenchmark")),
                new RunRecordWriter.Outcome(Instant.parse("2026-11-23T10:12:00Z"),
                        new RunRecordWriter.Checks(quiet, false, canary), List.of(trial), List.of(),
                        List.of(temp.resolve("2026-11-23-jdk25")), null))).write(run.resolve(RunRecord.FILE));

        RunRecord record = RunRecord.read(run.resolve(RunRecord.FILE));
        assertEquals(RunRecord.SCHEMA_VERSION, record.schemaVersion());
        assertEquals(List.of("2026-11-23-jdk25"), record.run().pairedWith());
        assertEquals(0.02, record.quietCheck().foreignCores());
        assertFalse(record.quietCheck().busy());
        assertEquals(List.of(trial), record.trials());
        assertEquals(canary, record.hostCanary());
        assertTrue(record.hostCanary().slow(trial.hostCanaryMillis()), "450 ms is 50% over the typical reading of 300 ms");
        // the models in report order, with the traits the report's bound needs
        assertEquals(Model.values().length, record.models().size());
        assertEquals("SERIAL", record.modelOrder().get(0));
        assertEquals("ONE_THREAD", record.models().get(0).cpu());
        assertEquals("2026-11-23-jdk17", record.run().id());
        assertEquals("2026-11-23T10:12:00Z", record.run().finishedAt());
        // a run stopped before its last class says which it did not run
        assertEquals(List.of("FaultBenchmark"), record.options().notRun());
        assertEquals(jvm.jdk(), record.jdk());
        assertEquals(Runtime.getRuntime().availableProcessors(), record.machine().cores());
        assertTrue(record.machine().memoryBytes() > 0);
        assertEquals("2026-11-23T10:00:00Z", record.run().startedAt());
        assertEquals(0.25, record.machine().loadAverageAtStart());
        assertEquals(new RunRecord.Git("abc123", false), record.git(), "the commit read when the run started");
        assertEquals(new RunRecord.Fixture("url", "http://fixtures.example:8080/category/p/1", ScrapeTrial.SEED),
                record.fixture());
        assertEquals(java.util.Arrays.stream(Model.values()).filter(m -> m.unavailableReason(17) != null)
                        .map(m -> new RunRecord.LeftOut(m.name(), "needs JDK " + m.traits().minimumJdk()
                                + "+ (the forks run JDK 17)")).toList(),
                record.modelsLeftOut());
        assertTrue(record.modelsLeftOut().stream().anyMatch(l -> l.model().equals("VIRTUAL_THREADS")));
        assertEquals(List.of("-f", "3", "-p", "siteUrl=http://fixtures.example:8080/category/p/1"),
                record.options().jmhArgs());
        assertNull(record.options().include());
    }

    @Test
    void rowFactsGiveTheSitesFloorAndTheCoresAModelCanUse() {
        Map<String, String> io = new HashMap<>(Map.of("model", "FIXED_THREAD_POOL",
                "products", "40", "productsPerPage", "20", "pageKb", "4", "latency", "fixed:50", "faults", "none",
                "concurrency", "16", "siteUrl", "", "gil", "off", "processes", "0"));
        RunRecord.Row pool = RunRecordWriter.row("b", io);
        assertEquals(200.0, pool.latencyFloorMs(), 1e-9);
        assertEquals(Runtime.getRuntime().availableProcessors(), pool.cpuThreads());
        assertEquals(16, pool.inFlight());
        io.put("gil", "on");
        assertEquals(1, RunRecordWriter.row("b", io).cpuThreads(), "with the GIL one thread computes at a time");
        io.put("model", "SERIAL");
        assertEquals(42 * 50.0, RunRecordWriter.row("b", io).latencyFloorMs(), 1e-9);
        assertEquals(1, RunRecordWriter.row("b", io).cpuThreads());
        assertEquals(1, RunRecordWriter.row("b", io).inFlight());
        io.put("siteUrl", "http://elsewhere.example/category/p/1");
        assertNull(RunRecordWriter.row("b", io).latencyFloorMs(), "another site's delays are not known here");
        io.put("model", "WORKER_PROCESSES");
        io.put("processes", "1");
        io.put("gil", "on");
        assertEquals(1, RunRecordWriter.row("b", io).cpuThreads(), "one worker under the GIL computes on one core");
    }

    @Test
    void forksRunInRoundsOverModelsAndJvmsEachRoundReversingTheLast() throws Exception {
        ForkJvm jdk17 = new ForkJvm("/elsewhere/bin/java", new RunRecord.Jdk(17, "17", "v", "vm", "vmv", "/elsewhere"));
        ForkJvm jdk25 = new ForkJvm("/other/bin/java", new RunRecord.Jdk(25, "25", "v", "vm", "vmv", "/other"));
        BenchRunner.Run a = new BenchRunner.Run(jdk17, temp.resolve("a"));
        BenchRunner.Run b = new BenchRunner.Run(jdk25, temp.resolve("b"));
        var options = new org.openjdk.jmh.runner.options.CommandLineOptions("-f", "4");
        List<BenchRunner.ForkSlot> slots = BenchRunner.forkSlots(IoBoundBenchmark.class, options, List.of(a, b), false);
        List<String> models = java.util.Arrays.stream(Model.values()).map(Enum::name).toList();
        int perRound = 2 * models.size() - (int) models.stream().filter(m -> Model.valueOf(m).unavailableReason(17) != null).count();
        assertEquals(4 * perRound, slots.size(), "four rounds of every model on every JDK that can run it");
        List<BenchRunner.ForkSlot> first = slots.subList(0, perRound);
        assertEquals(models, first.stream().map(BenchRunner.ForkSlot::model).distinct().toList(),
                "a round runs the models in their order");
        List<BenchRunner.ForkSlot> second = new java.util.ArrayList<>(slots.subList(perRound, 2 * perRound));
        java.util.Collections.reverse(second);
        assertEquals(first, second, "the next round runs the same forks in reverse");
        assertEquals(first, slots.subList(2 * perRound, 3 * perRound), "and the one after, forwards again");
        for (String model : models) {
            List<BenchRunner.Run> order = slots.stream().filter(s -> model.equals(s.model()))
                    .map(BenchRunner.ForkSlot::run).toList();
            boolean runsOn17 = Model.valueOf(model).unavailableReason(17) == null;
            assertEquals(runsOn17 ? List.of(a, b, b, a, a, b, b, a) : List.of(b, b, b, b), order,
                    model + ": its forks alternate over the JDKs that can run it");
        }
        int serial = slots.indexOf(new BenchRunner.ForkSlot(a, "SERIAL"));
        int pool = slots.indexOf(new BenchRunner.ForkSlot(a, "FIXED_THREAD_POOL"));
        assertEquals(2, pool - serial, "the baseline's fork and the next model's run side by side, not a model apart");

        // a class without models: the same pattern, once
        List<BenchRunner.ForkSlot> calibration = BenchRunner.forkSlots(CalibrationBenchmark.class, options, List.of(a, b), false);
        assertEquals(List.of(a, b, b, a, a, b, b, a), calibration.stream().map(BenchRunner.ForkSlot::run).toList());
        assertTrue(calibration.stream().allMatch(s -> s.model() == null));

        // the user's -p model narrows the rows; a JVM that cannot run it is left out of them
        var onlyVirtual = new org.openjdk.jmh.runner.options.CommandLineOptions("-f", "2", "-p", "model=VIRTUAL_THREADS,SERIAL");
        assertEquals(List.of(new BenchRunner.ForkSlot(a, "SERIAL"), new BenchRunner.ForkSlot(b, "SERIAL"),
                        new BenchRunner.ForkSlot(b, "VIRTUAL_THREADS"), new BenchRunner.ForkSlot(b, "VIRTUAL_THREADS"),
                        new BenchRunner.ForkSlot(b, "SERIAL"), new BenchRunner.ForkSlot(a, "SERIAL")),
                BenchRunner.forkSlots(IoBoundBenchmark.class, onlyVirtual, List.of(a, b), false));

        // one JVM: the models round-robin too, as many rounds as the class declares forks (2)
        var none = new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "model=SERIAL,FIXED_THREAD_POOL,EVENT_LOOP");
        assertEquals(List.of(new BenchRunner.ForkSlot(a, "SERIAL"), new BenchRunner.ForkSlot(a, "FIXED_THREAD_POOL"),
                        new BenchRunner.ForkSlot(a, "EVENT_LOOP"), new BenchRunner.ForkSlot(a, "EVENT_LOOP"),
                        new BenchRunner.ForkSlot(a, "FIXED_THREAD_POOL"), new BenchRunner.ForkSlot(a, "SERIAL")),
                BenchRunner.forkSlots(IoBoundBenchmark.class, none, List.of(a), false));
        var virtualOnly = new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "model=VIRTUAL_THREADS");
        assertEquals(List.of(), BenchRunner.forkSlots(IoBoundBenchmark.class, virtualOnly, List.of(a), false),
                "nothing to run on JDK 17");
    }

    @Test
    void aJvmGivenTwiceIsAnAaPairWhoseNoiseIsTheMarginOfTheCrossJdkComparison() {
        ForkJvm here = ForkJvm.probe("");
        ForkJvm other = new ForkJvm("/elsewhere/bin/java", new RunRecord.Jdk(17, "17", "v", "vm", "vmv", "/elsewhere"));
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

    /**
     * A run stopped from outside while it measures (a plain kill, as Ctrl-C or a CI timeout sends)
     * says so in one line, leaves no run directory and no child JVM behind.
     */
    @Test
    void aRunKilledWhileMeasuringSaysHowFarItGotAndLeavesNothingBehind() throws Exception {
        Path results = temp.resolve("results");
        Path errFile = temp.resolve("runner.err");
        Process runner = ChildJvm.of("bench-runner", BenchRunner.class.getName(), List.of(
                "--results-dir", results.toString(), "--include", "CalibrationBenchmark.computePerRound",
                "--quick", "--force", "--no-report"))
                .start(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.to(errFile.toFile()));
        List<ProcessHandle> children;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("bench: progress: 0 of 1 forks done")) {
                // the run directory and the quiet check's lines come first
            }
            assertTrue(line != null, () -> "the runner ended before it began to measure: " + errFile);
            children = runner.descendants().toList();
            runner.destroy(); // closes this side's pipes to it: nothing more is read from them
        } finally {
            if (!runner.waitFor(60, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
        String err = Files.readString(errFile).strip();
        assertEquals(143, runner.exitValue(), err);
        assertTrue(err.matches("bench: stopped before the end: 0 of 1 forks done, \\d+:\\d\\d elapsed; no results written"), err);
        assertFalse(Files.exists(results) && Files.list(results).findAny().isPresent(), "no run directory");
        for (ProcessHandle child : children) {
            assertFalse(child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join().isAlive(),
                    () -> "child " + child.pid() + " still running: " + child.info().commandLine().orElse("?"));
        }
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
