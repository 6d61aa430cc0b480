package org.scrapebench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.scrapebench.analysis.AnalysisCli;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.models.Model;
import org.scrapebench.process.ShutdownHooks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code mvn verify -Pbench} runs: the whole suite, one JMH run per benchmark class, written
 * as one standard JMH JSON file in {@code results/<date>-jdk<major>[-<label>]/jmh-result.json}
 * with {@code environment.json} beside it, then the analysis report. The forks can run on another
 * JDK ({@code --jvm}), so one build measures JDK 17 and JDK 25. On a JDK without virtual threads
 * that model is left out, and the environment file says so.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the scrapebench JMH suite and writes results/<date>-jdk<major>[-<label>]/.")
public final class BenchRunner implements Callable<Integer> {

    /** The suite, in the order it runs: the regimes' one list, {@link Regime}, calibration first. */
    static final List<Class<?>> SUITE = Arrays.stream(Regime.values()).map(BenchRunner::benchmarkClass).toList();

    /** The regimes a quick run still covers with every model; the other classes run one model each. */
    static final List<Class<?>> MAIN_REGIMES = Arrays.stream(Regime.values()).filter(Regime::main)
            .map(BenchRunner::benchmarkClass).toList();

    @Option(names = "--results-dir", defaultValue = "results", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path resultsDir;

    @Option(names = "--quick", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "a smoke configuration: 1 fork, 1 short iteration, smaller sweeps (under 3 minutes on 2 cores)")
    boolean quick;

    @Option(names = "--jvm", defaultValue = "", paramLabel = "JAVA",
            description = "the java executable the forks run on (default: this JVM's)")
    String jvm;

    @Option(names = "--jvms", defaultValue = "", paramLabel = "JAVA_A,JAVA_B",
            description = "run each benchmark's forks alternately on these (A B B A ...), one run directory each;"
                    + " the way to compare JDKs, and with the same java twice, an A/A noise check")
    String jvms;

    @Option(names = "--force", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "run even if other processes are using the CPUs (their trials are flagged)")
    boolean force;

    @Option(names = "--include", defaultValue = "", paramLabel = "REGEX",
            description = "run only the benchmarks whose name matches (default: all)")
    String include;

    @Option(names = "--args", defaultValue = "", paramLabel = "JMH_OPTIONS",
            description = "any further JMH options, e.g. \"-f 5 -p products=200\"; they win over the defaults")
    String jmhArgs;

    @Option(names = "--label", defaultValue = "", description = "appended to the run directory's name")
    String label;

    @Option(names = "--no-report", description = "skip the analysis report")
    boolean noReport;

    /** True while forks run: a stop from outside then leaves its one line (see the shutdown hook in call). */
    private volatile boolean measuring;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchRunner());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("bench: " + ex.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Stopped from outside, the shutdown hooks kill the runner's children under it (a
            // canary still starting, a fork): the stopped line says what happened, not this failure.
            if (!ShutdownHooks.shuttingDown()) {
                ex.printStackTrace(commandLine.getErr());
            }
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        });
        System.exit(cli.execute(args));
    }

    /**
     * Exit code 1 for a run whose forks failed, with its lines; none when the run was stopped from
     * outside, which killed the forks under it and said so in its stopped line.
     */
    private static int failed(String... lines) {
        if (!ShutdownHooks.shuttingDown()) {
            for (String line : lines) {
                System.err.println(line);
            }
        }
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        List<ForkJvm> forkJvms;
        try {
            forkJvms = forkJvms();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        Pattern includePattern;
        try {
            includePattern = Pattern.compile(include.isBlank() ? "." : include);
        } catch (PatternSyntaxException e) {
            System.err.println("bench: --include is not a regular expression: " + e.getDescription());
            return 2;
        }
        CommandLineOptions userOptions;
        try {
            userOptions = new CommandLineOptions(splitArgs(jmhArgs));
        } catch (CommandLineOptionException e) {
            System.err.println("bench: bad JMH options in --args: " + e.getMessage());
            return 2;
        }
        List<Class<?>> classes = SUITE.stream().filter(b -> matchesAny(includePattern, b)).toList();
        if (classes.isEmpty()) {
            System.err.println("bench: --include '" + include + "' matches no benchmark");
            return 2;
        }

        var askedModels = userOptions.getParameter("model");
        if (askedModels.hasValue()) {
            for (String name : askedModels.get()) {
                if (Arrays.stream(Model.values()).noneMatch(m -> m.name().equals(name))) {
                    System.err.println("bench: -p model=" + name + " is not a model; the models are "
                            + Arrays.stream(Model.values()).map(Enum::name).collect(Collectors.joining(", ")));
                    return 2;
                }
            }
        }

        QuietCheck quiet = QuietCheck.measure();
        if (quiet.busy() && !force) {
            System.err.println(quiet.refusal());
            return 2;
        }

        List<Run> runs = new ArrayList<>();
        for (ForkJvm forkJvm : forkJvms) {
            Path dir = RunDirectory.create(resultsDir.toAbsolutePath().normalize(), LocalDate.now(ZoneOffset.UTC),
                    forkJvm.major(), label);
            // Ctrl-C before the first result would otherwise leave an empty run directory behind
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteIfEmpty(dir), "bench-empty-run-dir"));
            runs.add(new Run(forkJvm, dir));
            System.out.println("bench: run directory " + dir + " for forks on " + forkJvm.describe() + (quick ? " (quick)" : ""));
        }
        if (quiet.busy()) {
            System.out.println(quiet.refusal().replace("bench: ", "bench: --force given: ")
                    .replaceAll("; benchmark on a quiet machine.*", ""));
        }
        RunRecordWriter.Start started = RunRecordWriter.Start.now(runs.get(0).dir());

        Progress progress = new Progress(System::nanoTime);
        Map<Class<?>, List<ForkSlot>> plan = new LinkedHashMap<>();
        for (Class<?> benchmark : classes) {
            List<ForkSlot> slots = forkSlots(benchmark, userOptions, runs, quick);
            plan.put(benchmark, slots);
            slots.forEach(slot -> progress.plan(options(benchmark, slot, userOptions)));
        }
        // Stopped from outside while measuring (Ctrl-C, kill), the run says how far it got; the
        // hooks beside this one stop every child JVM and remove the empty run directories.
        measuring = true;
        Thread stoppedLine = new Thread(() -> {
            if (measuring) {
                System.err.println(progress.stoppedLine(classesKept));
            }
        }, "bench-stopped-line");
        Runtime.getRuntime().addShutdownHook(stoppedLine);
        System.out.println(progress.line());
        try (HostCanary canary = HostCanary.start()) {
            HostWatch host = new HostWatch(canary, duration -> Thread.sleep(duration.toMillis()), !quick, System.out::println);
            TrialLog trialLog = new TrialLog(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL),
                    progress, host);
            return measureAndReport(classes, plan, userOptions, runs, trialLog, host, started, quiet, progress);
        } finally {
            // stopped from outside, the hook stays and says how far the run got, unless it was writing
            ShutdownHooks.remove(stoppedLine);
        }
    }

    /** Runs the planned forks, writes each run's files and the reports; the exit code. */
    private int measureAndReport(List<Class<?>> classes, Map<Class<?>, List<ForkSlot>> plan, CommandLineOptions userOptions,
                                 List<Run> runs, TrialLog trialLog, HostWatch host, RunRecordWriter.Start started,
                                 QuietCheck quiet, Progress progress) throws IOException {
        List<String> classesRun = new ArrayList<>();
        for (Class<?> benchmark : classes) {
            System.out.println("bench: running " + benchmark.getSimpleName());
            List<ForkSlot> slots = plan.get(benchmark);
            if (slots.isEmpty()) {
                System.out.println("bench: skipping " + benchmark.getSimpleName() + ": none of the models asked for runs on these JDKs");
                continue;
            }
            try {
                runForks(benchmark, slots, userOptions, trialLog, progress);
                int rounds = rounds(benchmark, userOptions, quick);
                for (int added = 0; !quick && added < ForkAgreement.MAX_ADDED_ROUNDS; added++) {
                    List<ForkSlot> again = remeasureSlots(benchmark, runs, rounds, host.record(), rounds + added);
                    if (again.isEmpty()) {
                        break;
                    }
                    for (String line : remeasureLines(benchmark, runs, again)) {
                        System.out.println(line);
                    }
                    again.forEach(slot -> progress.add(options(benchmark, slot, userOptions)));
                    runForks(benchmark, again, userOptions, trialLog, progress);
                }
            } catch (RunnerException e) {
                return failed("bench: " + benchmark.getSimpleName() + " failed: " + rootMessage(e),
                        classesKept.isEmpty() ? "bench: no results written (JMH printed the failing benchmark above)"
                                : keptLine() + " (JMH printed the failing benchmark above)");
            } catch (NoResultsException e) {
                return classesKept.isEmpty() ? failed("bench: " + benchmark.getSimpleName() + " produced no results")
                        : failed("bench: " + benchmark.getSimpleName() + " produced no results", keptLine());
            }
            classesRun.add(benchmark.getSimpleName());
            List<String> notRun = classes.subList(classes.indexOf(benchmark) + 1, classes.size()).stream()
                    .map(Class::getSimpleName).toList();
            if (!notRun.isEmpty()) {
                // kept as they are now, so that a run stopped later still leaves the classes it finished
                RunRecord.HostCanary canary = host.record();
                for (Run run : runs) {
                    writeRun(run, runs, canary, started, quiet, classesRun, notRun);
                }
                classesKept = List.copyOf(classesRun);
            }
        }

        measuring = false; // from here the run's files are written: a stop now is not "no results"
        RunRecord.HostCanary canary = host.record();
        for (Run run : runs) {
            System.out.println("bench: wrote " + writeRun(run, runs, canary, started, quiet, classesRun, List.of()));
        }

        if (!noReport) {
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            for (Run run : runs) {
                int code = AnalysisCli.run(out, err, "report", run.dir().toString());
                if (code != 0) {
                    System.err.println("bench: the report failed (exit " + code + "); the results are kept");
                    return 1;
                }
                System.out.println("bench: report " + run.dir().resolve("report.md"));
            }
            for (Comparison comparison : comparisons(runs)) {
                Path file = comparison.other().dir().resolve("comparison-vs-" + comparison.base().dir().getFileName() + ".md");
                List<String> args = new ArrayList<>(List.of("compare", "--charts", comparison.other().dir().resolve("charts").toString()));
                comparison.noiseFloor().ifPresent(pair -> args.addAll(List.of("--noise-floor",
                        pair.base().dir().resolve("jmh-result.json") + "," + pair.other().dir().resolve("jmh-result.json"))));
                args.add(comparison.base().dir().resolve("jmh-result.json").toString());
                args.add(comparison.other().dir().resolve("jmh-result.json").toString());
                try (PrintWriter text = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                    int code = AnalysisCli.run(text, err, args.toArray(String[]::new));
                    if (code != 0) {
                        System.err.println("bench: the comparison failed (exit " + code + "); the results are kept");
                        return 1;
                    }
                }
                System.out.println("bench: comparison " + file);
            }
        }
        return 0;
    }

    /**
     * Writes one run's files for the classes run so far, {@code notRun} naming those still to come;
     * each file is written beside and then moved into place, so that a stop mid-write leaves the
     * previous version whole. Returns what was written, for the console.
     */
    private String writeRun(Run run, List<Run> runs, RunRecord.HostCanary canary, RunRecordWriter.Start started,
                            QuietCheck quiet, List<String> classesRun, List<String> notRun) throws IOException {
        Path jsonFile = run.dir().resolve("jmh-result.json");
        Run.Outcome outcome = run.outcome(canary);
        replace(jsonFile, file -> writeJmhJson(file, outcome.counted()));
        if (!outcome.setAside().isEmpty()) {
            replace(run.dir().resolve(SET_ASIDE_FILE), file -> writeJmhJson(file, outcome.setAside()));
        }
        List<Path> partners = runs.stream().map(Run::dir).filter(d -> !d.equals(run.dir())).toList();
        RunRecord record = RunRecordWriter.describe(new RunRecordWriter.RunInfo(run.dir(), run.jvm(), started,
                new RunRecordWriter.Options(quick, List.copyOf(classesRun), jmhArgs, include, label, notRun),
                new RunRecordWriter.Outcome(Instant.now(), new RunRecordWriter.Checks(quiet, force, canary),
                        outcome.trials(), outcome.counted(), partners, outcome.agreement())));
        replace(run.dir().resolve(RunRecord.FILE), record::write);
        return jsonFile + " and environment.json"
                + (outcome.setAside().isEmpty() ? "" : ", and " + SET_ASIDE_FILE + " with the forks set aside");
    }

    private interface FileWriting {
        void write(Path file) throws IOException;
    }

    private static void replace(Path file, FileWriting writing) throws IOException {
        Path beside = file.resolveSibling(file.getFileName() + ".part");
        writing.write(beside);
        Files.move(beside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The classes kept on disk so far, for a run stopped or failed after them. */
    private volatile List<String> classesKept = List.of();

    private String keptLine() {
        return "bench: " + Progress.kept(classesKept, "it");
    }

    /** Where the forks left out of the scores go, in JMH's JSON format; their trials say why. */
    static final String SET_ASIDE_FILE = "set-aside.json";

    /** JMH gave nothing back for an invocation. */
    private static final class NoResultsException extends Exception {}

    /** Runs the slots one JMH invocation each, handing every result and its trial to the slot's run. */
    private void runForks(Class<?> benchmark, List<ForkSlot> slots, CommandLineOptions userOptions, TrialLog trialLog,
                          Progress progress) throws RunnerException, NoResultsException {
        for (ForkSlot slot : slots) {
            progress.mark();
            int trialsBefore = trialLog.trialCount();
            Collection<RunResult> results = new Runner(options(benchmark, slot, userOptions), trialLog).run();
            if (results.isEmpty()) {
                throw new NoResultsException();
            }
            slot.run().add(results, trialLog.trialsSince(trialsBefore), rounds(benchmark, userOptions, quick));
        }
    }

    /**
     * The console's lines for the rows these slots re-measure: each row by the params in which the
     * class's rows differ (and its method, in a class of several), and why.
     */
    static List<String> remeasureLines(Class<?> benchmark, List<Run> runs, List<ForkSlot> slots) {
        List<Map<String, String>> all = new ArrayList<>();
        runs.forEach(run -> run.rowIds(benchmark).forEach(id -> all.add(run.params(id))));
        List<String> varying = all.stream().flatMap(p -> p.keySet().stream()).distinct()
                .filter(key -> all.stream().map(p -> String.valueOf(p.get(key))).distinct().count() > 1).toList();
        return slots.stream().map(slot -> {
            String method = slot.run().benchmarks(benchmark).size() > 1
                    ? slot.benchmark().substring(slot.benchmark().lastIndexOf('.') + 1) + " " : "";
            String label = (method + varying.stream().filter(slot.params()::containsKey)
                    .map(key -> key + "=" + slot.params().get(key)).collect(Collectors.joining(" "))).strip();
            return "bench: re-measuring " + benchmark.getSimpleName() + (label.isEmpty() ? "" : " " + label)
                    + ", one more fork on each JVM: " + slot.why();
        }).distinct().toList();
    }

    private static void writeJmhJson(Path file, List<RunResult> results) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
    }

    /** The rounds a class's forks run in: the forks each row gets on each JVM, as planned. */
    static int rounds(Class<?> benchmark, CommandLineOptions userOptions, boolean quick) {
        return Math.max(1, quick ? 1 : userOptions.getForkCount().orElse(declaredForks(benchmark)));
    }

    /**
     * One more round for the class's rows that are not settled on some run ({@link ForkAgreement}):
     * one fork of the row on every run that has it, in the order the next round of the palindrome
     * takes (a row stands for its exact params, so a sweep re-measures one point, not the sweep).
     */
    static List<ForkSlot> remeasureSlots(Class<?> benchmark, List<Run> runs, int planned, RunRecord.HostCanary canary,
                                         int round) {
        List<String> rowIds = new ArrayList<>();
        runs.forEach(run -> run.rowIds(benchmark).stream().filter(id -> !rowIds.contains(id)).forEach(rowIds::add));
        List<ForkSlot> slots = new ArrayList<>();
        for (String id : rowIds) {
            List<Run> having = runs.stream().filter(run -> run.rowIds(benchmark).contains(id)).toList();
            String why = having.stream().map(run -> {
                ForkAgreement.Verdict verdict = run.verdict(id, planned, canary);
                return verdict.settled() ? "" : verdict.why() + (runs.size() > 1 ? " on " + run.dir().getFileName() : "");
            }).filter(reason -> !reason.isEmpty()).collect(Collectors.joining("; "));
            if (why.isEmpty()) {
                continue;
            }
            for (Run run : having) {
                Map<String, String> params = run.params(id);
                slots.add(new ForkSlot(run, params.get("model"), params, run.benchmark(id), why));
            }
        }
        if (round % 2 == 1) {
            Collections.reverse(slots);
        }
        return slots;
    }

    /** The fork JVMs: one (--jvm or this JVM), or the --jvms list for an interleaved run. */
    private List<ForkJvm> forkJvms() {
        if (!jvms.isBlank()) {
            if (!jvm.isBlank()) {
                throw new IllegalArgumentException("give --jvm or --jvms, not both");
            }
            List<ForkJvm> list = new ArrayList<>();
            for (String java : jvms.split(",")) {
                if (!java.isBlank()) {
                    list.add(ForkJvm.probe(java.trim()));
                }
            }
            if (list.size() < 2) {
                throw new IllegalArgumentException("--jvms needs two java executables, comma-separated (the same one"
                        + " twice for an A/A run)");
            }
            return list;
        }
        return List.of(ForkJvm.probe(jvm));
    }

    /** One comparison an interleaved run writes: other against base, optionally against an A/A pair's noise. */
    record Comparison(Run base, Run other, Optional<Comparison> noiseFloor) {}

    /**
     * What an interleaved run compares. A JVM given twice is an A/A pair: its second run is compared
     * with its first, and that pair's measured noise is the margin of every comparison between
     * JVMs, so that one run of {@code A,B,B} gives the cross-JDK comparison and its noise floor,
     * both under the same drift. Any other run is compared with the first run.
     */
    static List<Comparison> comparisons(List<Run> runs) {
        List<Comparison> sameJvm = new ArrayList<>();
        List<Run> others = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Run run = runs.get(i);
            Optional<Run> earlier = runs.subList(0, i).stream()
                    .filter(r -> r.jvm().javaPath().equals(run.jvm().javaPath())).findFirst();
            if (earlier.isPresent()) {
                sameJvm.add(new Comparison(earlier.get(), run, Optional.empty()));
            } else {
                others.add(run);
            }
        }
        Optional<Comparison> firstAaPair = sameJvm.stream().findFirst();
        List<Comparison> all = new ArrayList<>(sameJvm);
        others.forEach(other -> all.add(new Comparison(runs.get(0), other, firstAaPair)));
        return all;
    }

    /**
     * One JMH invocation: one fork, on this run's JVM, of this model (null: a class without models),
     * and of these params only, of this benchmark method only (null: every combination and method
     * the class declares for the model); {@code why} a fork added to re-measure a row runs.
     */
    record ForkSlot(Run run, String model, Map<String, String> params, String benchmark, String why) {
        ForkSlot(Run run, String model) {
            this(run, model, null, null, null);
        }

    }

    /**
     * How a class's forks are spread: one fork per JMH invocation, in rounds. A round runs one
     * fork of every row (each model, on each JVM that can run it); the next round runs them in
     * the reverse order (A B C ... C B A), so that a drift of the host over the class's minutes
     * falls alike on every model and every JVM, and a speedup or a JDK comparison sets forks
     * side by side that ran minutes apart at most. The host's speed drifts over minutes
     * (docs/method.md), and running model after model put a model's forks up to fifteen minutes
     * from the baseline's.
     */
    static List<ForkSlot> forkSlots(Class<?> benchmark, CommandLineOptions userOptions, List<Run> runs, boolean quick) {
        int forks = rounds(benchmark, userOptions, quick);
        Map<Run, List<String>> modelsByRun = new LinkedHashMap<>();
        for (Run run : runs) {
            modelsByRun.put(run, modelsToRun(benchmark, userOptions, run.jvm().major(), quick));
        }
        // a class without models (null on every JVM) is one row; otherwise each model any JVM runs, in the models' order
        boolean hasModels = modelsByRun.get(runs.get(0)) != null;
        List<String> rows = !hasModels ? Collections.singletonList(null)
                : modelsByRun.values().stream().flatMap(List::stream).distinct()
                        .sorted(Comparator.comparing(Model::valueOf)).toList();
        List<ForkSlot> round = new ArrayList<>();
        for (String model : rows) {
            for (Run run : runs) {
                if (!hasModels || modelsByRun.get(run).contains(model)) {
                    round.add(new ForkSlot(run, model));
                }
            }
        }
        List<ForkSlot> reversed = new ArrayList<>(round);
        Collections.reverse(reversed);
        List<ForkSlot> slots = new ArrayList<>();
        for (int r = 0; r < forks; r++) {
            slots.addAll(r % 2 == 0 ? round : reversed);
        }
        return slots;
    }

    /**
     * The models a class runs on a JDK: the user's {@code -p model=} or the class's declared ones,
     * less those the JDK cannot run (the quick run's pick where it is one); null for a class
     * without a model.
     */
    static List<String> modelsToRun(Class<?> benchmark, CommandLineOptions userOptions, int forkMajor, boolean quick) {
        Field field = findField(benchmark, "model");
        if (field == null) {
            return null;
        }
        var asked = userOptions.getParameter("model");
        if (asked.hasValue()) {
            return asked.get().stream()
                    .filter(m -> Model.valueOf(m).unavailableReason(forkMajor) == null)
                    .collect(Collectors.toList());
        }
        return quick && !MAIN_REGIMES.contains(benchmark)
                ? quickModels(benchmark, forkMajor)
                : runnableDeclaredModels(field, forkMajor);
    }

    private static int declaredForks(Class<?> benchmark) {
        org.openjdk.jmh.annotations.Fork fork = benchmark.getAnnotation(org.openjdk.jmh.annotations.Fork.class);
        return fork == null || fork.value() < 0 ? 5 : fork.value(); // JMH's own default is 5
    }

    /** The JMH options for one benchmark class: its own annotations, quick overrides, then the user's. */
    Options options(Class<?> benchmark, ForkSlot slot, CommandLineOptions userOptions) {
        ForkJvm forkJvm = slot.run().jvm();
        // JMH ORs its includes, so the user's pattern is folded into this class's as a lookahead.
        String userPart = include.isBlank() ? "" : "(?=.*(?:" + include + "))";
        String target = slot.benchmark() != null ? Pattern.quote(slot.benchmark()) + "$" : Pattern.quote(benchmark.getName()) + "\\.";
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + userPart + target)
                .shouldFailOnError(true)
                .jvm(forkJvm.javaPath());
        List<String> models = slot.model() != null ? List.of(slot.model())
                : modelsToRun(benchmark, userOptions, forkJvm.major(), quick);
        // JMH adds a param's values to those already given, so each param is given once
        if (slot.params() != null) {
            slot.params().forEach(builder::param);
        } else if (models != null) {
            builder.param("model", models.toArray(String[]::new));
        }
        if (quick) {
            // a smoke run: every class once (every model in the main regimes), small, no warm-up
            builder.warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(500));
            if (ScrapeBenchmark.class.isAssignableFrom(benchmark)) {
                builder.param("childJvmWarmUpSeconds", "0");
            }
            if (benchmark == CalibrationBenchmark.class) {
                builder.param("pageKb", "4").param("computeRounds", "0").param("products", "40");
            } else if (CpuBoundBenchmark.class.isAssignableFrom(benchmark)) {
                builder.param("products", "40");
            } else {
                builder.param("serverWarmUpSeconds", "0").param("concurrency", "4").param("products", "20");
                if (benchmark == FaultBenchmark.class) {
                    builder.param("faults", "transient:10");
                } else if (RegimeMapBenchmark.class.isAssignableFrom(benchmark)) {
                    builder.param("computeRounds", RegimeMapBenchmark.QUICK_LEVELS);
                } else if (benchmark == ProcessSweepBenchmark.class) {
                    builder.param("processes", "1", "2"); // the n = 4 above caps the workers at 4
                }
            }
        }
        // the user's -f is the number of rounds (forkSlots); each invocation runs one fork (-f 0: in this JVM, once)
        builder.forks(userOptions.getForkCount().orElse(1) == 0 ? 0 : 1);
        return builder.parent(userOptions).build();
    }

    /**
     * The class's declared {@code model} values minus those the fork JDK cannot run, or null when
     * nothing needs leaving out (so JMH's own defaults and any {@code -p model=} apply).
     */
    static List<String> modelsFor(Class<?> benchmark, int forkMajor) {
        Field field = findField(benchmark, "model");
        if (field == null || Arrays.stream(Model.values()).allMatch(m -> m.unavailableReason(forkMajor) == null)) {
            return null;
        }
        return runnableDeclaredModels(field, forkMajor);
    }

    /**
     * What a quick run gives the class: every model in the main regimes (each model's smoke run);
     * elsewhere one, the first declared that makes requests concurrently, since the class's own
     * machinery (sweep, switch, faults) is what needs the smoke run there, not every model again.
     */
    static List<String> quickModels(Class<?> benchmark, int forkMajor) {
        Field field = findField(benchmark, "model");
        if (field == null || MAIN_REGIMES.contains(benchmark)) {
            return modelsFor(benchmark, forkMajor);
        }
        List<String> runnable = runnableDeclaredModels(field, forkMajor);
        String one = runnable.stream().filter(m -> Model.valueOf(m).usesConcurrency()).findFirst()
                .orElse(runnable.get(0));
        return List.of(one);
    }

    private static List<String> runnableDeclaredModels(Field field, int forkMajor) {
        Param param = field.getAnnotation(Param.class);
        // an enum @Param without values (JMH marks it with BLANK_ARGS) means every constant
        boolean allConstants = param == null || param.value().length == 0
                || (param.value().length == 1 && Param.BLANK_ARGS.equals(param.value()[0]));
        List<String> declared = allConstants
                ? Arrays.stream(Model.values()).map(Enum::name).collect(Collectors.toList())
                : List.of(param.value());
        return declared.stream()
                .filter(m -> Model.valueOf(m).unavailableReason(forkMajor) == null)
                .collect(Collectors.toList());
    }

    /** The class of a regime: the benchmark classes live in this package under the regime's class name. */
    static Class<?> benchmarkClass(Regime regime) {
        try {
            return Class.forName(BenchRunner.class.getPackageName() + "." + regime.className());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("regime " + regime + " names no benchmark class " + regime.className(), e);
        }
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    private boolean matchesAny(Pattern pattern, Class<?> benchmark) {
        if (include.isBlank()) {
            return true;
        }
        for (var method : benchmark.getMethods()) {
            if (method.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
                    && pattern.matcher(benchmark.getName() + "." + method.getName()).find()) {
                return true;
            }
        }
        return false;
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (results were written) or already gone: keep it
        }
    }

    /**
     * One run directory: the JVM its forks ran on, and every fork JMH gave for it with its trial.
     * The runner calls JMH once per fork, so the forks of one benchmark and params arrive one by
     * one; {@link #outcome} puts those the score counts back together as JMH would have written
     * them in one run, and keeps apart those set aside ({@link ForkAgreement}).
     */
    static final class Run {
        /** One fork: JMH's result for it and the trial that recorded the machine meanwhile (null if none did). */
        record Fork(RunResult result, RunRecord.Trial trial) {}

        /** What the run's files hold: the forks the scores count, those set aside, every trial, the re-measured rows. */
        record Outcome(List<RunResult> counted, List<RunResult> setAside, List<RunRecord.Trial> trials,
                       RunRecord.ForkAgreement agreement) {}

        private final ForkJvm jvm;
        private final Path dir;
        private final Map<String, List<Fork>> byRow = new LinkedHashMap<>();
        private final Map<String, Integer> plannedByRow = new LinkedHashMap<>();
        private final List<RunRecord.Trial> trials = new ArrayList<>();

        Run(ForkJvm jvm, Path dir) {
            this.jvm = jvm;
            this.dir = dir;
        }

        ForkJvm jvm() {
            return jvm;
        }

        Path dir() {
            return dir;
        }

        /** One invocation's results and the trials it recorded; each row was planned {@code planned} forks. */
        void add(Collection<RunResult> results, List<RunRecord.Trial> newTrials, int planned) {
            trials.addAll(newTrials);
            List<RunRecord.Trial> unpaired = new ArrayList<>(newTrials);
            for (RunResult result : results) {
                org.openjdk.jmh.infra.BenchmarkParams params = result.getParams();
                Map<String, String> values = RunRecordWriter.paramsOf(params);
                RunRecord.Trial trial = unpaired.stream()
                        .filter(t -> t.benchmark().equals(params.getBenchmark()) && t.params().equals(values))
                        .findFirst().orElse(null);
                unpaired.remove(trial);
                byRow.computeIfAbsent(params.id(), k -> new ArrayList<>()).add(new Fork(result, trial));
                plannedByRow.putIfAbsent(params.id(), planned);
            }
        }

        /** The ids of this run's rows of one benchmark class, in the order they first ran. */
        List<String> rowIds(Class<?> benchmark) {
            return byRow.entrySet().stream()
                    .filter(e -> e.getValue().get(0).result().getParams().getBenchmark().startsWith(benchmark.getName() + "."))
                    .map(Map.Entry::getKey).toList();
        }

        Map<String, String> params(String rowId) {
            return RunRecordWriter.paramsOf(byRow.get(rowId).get(0).result().getParams());
        }

        /** The benchmark method of a row, e.g. {@code org.scrapebench.bench.CalibrationBenchmark.serverCeiling}. */
        String benchmark(String rowId) {
            return byRow.get(rowId).get(0).result().getParams().getBenchmark();
        }

        /** The benchmark methods of one class this run has rows of. */
        java.util.Set<String> benchmarks(Class<?> benchmark) {
            return rowIds(benchmark).stream().map(this::benchmark).collect(Collectors.toSet());
        }

        /** Whether a row's forks agree, judged with the canary's reference as it stands. */
        ForkAgreement.Verdict verdict(String rowId, int planned, RunRecord.HostCanary canary) {
            return ForkAgreement.judge(agreementForks(rowId, canary), planned, tolerance(params(rowId)));
        }

        private List<ForkAgreement.Fork> agreementForks(String rowId, RunRecord.HostCanary canary) {
            List<ForkAgreement.Fork> forks = new ArrayList<>();
            for (Fork fork : byRow.get(rowId)) {
                double[] scores = fork.result().getBenchmarkResults().stream()
                        .flatMap(b -> b.getIterationResults().stream())
                        .mapToDouble(it -> it.getPrimaryResult().getScore()).toArray();
                forks.add(new ForkAgreement.Fork(scores, mark(fork.trial(), canary)));
            }
            return forks;
        }

        /** Why a fork's numbers are suspect, or null. */
        static String mark(RunRecord.Trial trial, RunRecord.HostCanary canary) {
            if (trial == null) {
                return null;
            }
            if (canary != null && canary.slow(trial.hostCanaryMillis())) {
                return "the host canary read slow before the fork";
            }
            return trial.contaminated() ? "foreign CPU or steal during a measured iteration" : null;
        }

        private static double tolerance(Map<String, String> params) {
            String model = params.get("model");
            return ForkAgreement.tolerance(model != null && Model.valueOf(model).traits().startsProcesses());
        }

        Outcome outcome(RunRecord.HostCanary canary) {
            List<RunResult> counted = new ArrayList<>();
            List<RunResult> setAside = new ArrayList<>();
            Map<RunRecord.Trial, String> setAsideTrials = new java.util.IdentityHashMap<>();
            List<RunRecord.Remeasured> remeasured = new ArrayList<>();
            for (Map.Entry<String, List<Fork>> row : byRow.entrySet()) {
                List<Fork> forks = row.getValue();
                int planned = plannedByRow.get(row.getKey());
                List<ForkAgreement.Fork> judged = agreementForks(row.getKey(), canary);
                ForkAgreement.Verdict verdict = ForkAgreement.judge(judged, planned, tolerance(params(row.getKey())));
                List<Fork> kept = new ArrayList<>();
                List<Fork> left = new ArrayList<>();
                for (int i = 0; i < forks.size(); i++) {
                    if (verdict.setAside().contains(judged.get(i))) {
                        left.add(forks.get(i));
                        if (forks.get(i).trial() != null) {
                            setAsideTrials.put(forks.get(i).trial(), judged.get(i).mark());
                        }
                    } else {
                        kept.add(forks.get(i));
                    }
                }
                counted.add(merge(kept));
                if (!left.isEmpty()) {
                    setAside.add(merge(left));
                }
                if (forks.size() > planned || !left.isEmpty() || verdict.disagree()) {
                    org.openjdk.jmh.infra.BenchmarkParams params = forks.get(0).result().getParams();
                    remeasured.add(new RunRecord.Remeasured(params.getBenchmark(), RunRecordWriter.paramsOf(params), planned,
                            Math.max(0, forks.size() - planned), left.size(), verdict.disagree()));
                }
            }
            List<RunRecord.Trial> allTrials = trials.stream().map(t -> setAsideTrials.containsKey(t)
                    ? new RunRecord.Trial(t.benchmark(), t.params(), t.start(), t.end(), t.measuredIterations(),
                            t.contaminatedIterations(), t.meanForeignCores(), t.maxForeignCores(), t.maxStealShare(),
                            t.contaminated(), t.hostCanaryMillis(), setAsideTrials.get(t))
                    : t).toList();
            return new Outcome(counted, setAside, allTrials, new RunRecord.ForkAgreement(ForkAgreement.P_VALUE,
                    ForkAgreement.IN_PROCESS_TOLERANCE, ForkAgreement.PROCESS_TOLERANCE, ForkAgreement.MAX_ADDED_ROUNDS,
                    remeasured));
        }

        /** Forks of one row as one result, as JMH writes a row it ran with that many forks. */
        private static RunResult merge(List<Fork> forks) {
            if (forks.size() == 1) {
                return forks.get(0).result();
            }
            List<org.openjdk.jmh.results.BenchmarkResult> results = new ArrayList<>();
            forks.forEach(f -> results.addAll(f.result().getBenchmarkResults()));
            return new RunResult(withForks(forks.get(0).result().getParams(), results.size()), results);
        }

        private static org.openjdk.jmh.infra.BenchmarkParams withForks(org.openjdk.jmh.infra.BenchmarkParams p, int forks) {
            org.openjdk.jmh.runner.WorkloadParams values = new org.openjdk.jmh.runner.WorkloadParams();
            int order = 0;
            for (String key : p.getParamsKeys()) {
                values.put(key, p.getParam(key), order++);
            }
            return new org.openjdk.jmh.infra.BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(),
                    p.shouldSynchIterations(), p.getThreads(), p.getThreadGroups(), p.getThreadGroupLabels(), forks,
                    p.getWarmupForks(), p.getWarmup(), p.getMeasurement(), p.getMode(), values, p.getTimeUnit(),
                    p.getOpsPerInvocation(), p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(),
                    p.getVmVersion(), p.getJmhVersion(), p.getTimeout());
        }
    }

    static String[] splitArgs(String line) {
        return line.isBlank() ? new String[0] : line.trim().split("\\s+");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.toString() : message.lines().findFirst().orElse(message);
    }
}
