package org.scrapebench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.scrapebench.analysis.AnalysisCli;
import org.scrapebench.models.Model;
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

    /** The suite, in the order it runs: calibration first, so a broken machine shows early. */
    static final List<Class<?>> SUITE = List.of(
            CalibrationBenchmark.class,
            IoBoundBenchmark.class,
            CpuBoundBenchmark.class,
            MixedBenchmark.class,
            ConcurrencySweepBenchmark.class,
            ProcessSweepBenchmark.class,
            SizeSweepBenchmark.class,
            FaultBenchmark.class);

    @Option(names = "--results-dir", defaultValue = "results", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path resultsDir;

    @Option(names = "--quick", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "a smoke configuration: 1 fork, 1 short iteration, smaller sweeps (under 3 minutes on 2 cores)")
    boolean quick;

    @Option(names = "--jvm", defaultValue = "", paramLabel = "JAVA",
            description = "the java executable the forks run on (default: this JVM's)")
    String jvm;

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

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchRunner());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("bench: " + ex.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ForkJvm forkJvm;
        try {
            forkJvm = ForkJvm.probe(jvm);
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

        List<Map<String, String>> leftOut = new ArrayList<>();
        for (Model model : Model.values()) {
            String reason = model.unavailableReason(forkJvm.major());
            if (reason != null) {
                leftOut.add(ordered("model", model.name(),
                        "reason", reason.replace("(this is", "(the forks run")));
            }
        }

        Path runDir = RunDirectory.create(resultsDir.toAbsolutePath().normalize(), LocalDate.now(ZoneOffset.UTC), forkJvm.major(), label);
        EnvironmentRecord.Start started = EnvironmentRecord.Start.now(runDir);
        // Ctrl-C before the first result would otherwise leave an empty run directory behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteIfEmpty(runDir), "bench-empty-run-dir"));
        System.out.println("bench: run directory " + runDir);
        System.out.println("bench: forks run " + forkJvm.describe() + (quick ? " (quick)" : ""));

        List<RunResult> results = new ArrayList<>();
        List<String> classesRun = new ArrayList<>();
        for (Class<?> benchmark : SUITE) {
            if (!matchesAny(includePattern, benchmark)) {
                continue;
            }
            Options options = options(benchmark, forkJvm, userOptions);
            System.out.println("bench: running " + benchmark.getSimpleName());
            Collection<RunResult> run;
            try {
                run = new Runner(options).run();
            } catch (RunnerException e) {
                System.err.println("bench: " + benchmark.getSimpleName() + " failed: " + rootMessage(e));
                System.err.println("bench: no results written (JMH printed the failing benchmark above)");
                return 1;
            }
            if (run.isEmpty()) {
                System.err.println("bench: " + benchmark.getSimpleName() + " produced no results");
                return 1;
            }
            results.addAll(run);
            classesRun.add(benchmark.getSimpleName());
        }
        if (results.isEmpty()) {
            System.err.println("bench: --include '" + include + "' matches no benchmark");
            deleteIfEmpty(runDir);
            return 2;
        }

        Path jsonFile = runDir.resolve("jmh-result.json");
        try (PrintStream out = new PrintStream(Files.newOutputStream(jsonFile), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        EnvironmentRecord.write(runDir.resolve("environment.json"), EnvironmentRecord.describe(
                runDir, started, Instant.now(), forkJvm, quick, classesRun, leftOut,
                jmhArgs, include, label));
        System.out.println("bench: wrote " + jsonFile + " and environment.json");

        if (!noReport) {
            int code = AnalysisCli.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    "report", runDir.toString());
            if (code != 0) {
                System.err.println("bench: the report failed (exit " + code + "); the results are kept");
                return 1;
            }
            System.out.println("bench: report " + runDir.resolve("report.md"));
        }
        return 0;
    }

    /** The JMH options for one benchmark class: its own annotations, quick overrides, then the user's. */
    Options options(Class<?> benchmark, ForkJvm forkJvm, CommandLineOptions userOptions) {
        // JMH ORs its includes, so the user's pattern is folded into this class's as a lookahead.
        String userPart = include.isBlank() ? "" : "(?=.*(?:" + include + "))";
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + userPart + Pattern.quote(benchmark.getName()) + "\\.")
                .shouldFailOnError(true)
                .jvm(forkJvm.javaPath());
        List<String> models = modelsFor(benchmark, forkJvm.major());
        if (models != null) {
            builder.param("model", models.toArray(String[]::new));
        }
        if (quick) {
            // a smoke run: every benchmark class and model once, small, no warm-up
            builder.forks(1).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(500));
            if (benchmark == CalibrationBenchmark.class) {
                builder.param("pageKb", "4").param("computeRounds", "0");
            } else if (benchmark == CpuBoundBenchmark.class) {
                builder.param("products", "40");
            } else {
                builder.param("serverWarmUpSeconds", "0").param("concurrency", "4").param("products", "20");
                if (benchmark == FaultBenchmark.class) {
                    builder.param("faults", "transient:10");
                } else if (benchmark == ProcessSweepBenchmark.class) {
                    builder.param("processes", "1", "2"); // the n = 4 above caps the workers at 4
                }
            }
        }
        // the user's options come last and win (JMH's parent options are only defaults)
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

    /** A map that keeps insertion order, so the JSON written from it is stable. */
    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
