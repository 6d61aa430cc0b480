package org.scrapebench.analysis;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrapebench.analysis.chart.ChartDirectory;
import org.scrapebench.analysis.chart.ForestPlot;
import org.scrapebench.analysis.compare.Comparison;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.compare.NoiseFloor;
import org.scrapebench.analysis.compare.CsvComparison;
import org.scrapebench.analysis.compare.JsonComparison;
import org.scrapebench.analysis.compare.MarkdownComparison;
import org.scrapebench.analysis.jmh.JmhJsonReader;
import org.scrapebench.analysis.jmh.ResultFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare BASE.json OTHER.json [MORE.json...]}: each further file against BASE. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compares JMH JSON result files: each OTHER against BASE, one table per pair.",
            "Rows match on benchmark, mode, params and threads. Ratio = OTHER/BASE with a fork-then-iteration "
                    + "bootstrap CI; Welch and Mann-Whitney p-values; Holm-adjusted Welch p decides.",
            "Verdicts: equivalent (CI within +-threshold), faster/slower (CI excludes 1 and p_adj < alpha), "
                    + "else inconclusive."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE.json", description = "The baseline JMH JSON result file.")
    private Path base;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "OTHER.json",
            description = "One or more files to compare against BASE.")
    private List<Path> others;

    @Option(names = "--format", defaultValue = "md", paramLabel = "md|csv|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = "--alpha", defaultValue = "0.05",
            description = "Significance level; CIs are at 1-alpha (default: ${DEFAULT-VALUE}).")
    private double alpha;

    @Option(names = "--threshold", defaultValue = "3", paramLabel = "PERCENT",
            description = "Noise threshold in percent: a ratio CI within 1 +- this is 'equivalent' "
                    + "(default: ${DEFAULT-VALUE}).")
    private double thresholdPercent;

    @Option(names = "--noise-floor", paramLabel = "AA_BASE.json,AA_OTHER.json", split = ",",
            description = "An A/A pair (two runs of the same code on one JDK): each row's 'equivalent' margin becomes "
                    + "its measured run-to-run noise instead of --threshold, and faster/slower must clear it.")
    private List<Path> noiseFloorPair;

    @Option(names = "--seed", defaultValue = "20240917",
            description = "Bootstrap seed; fixed so that output is reproducible (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--resamples", defaultValue = "10000",
            description = "Bootstrap resamples per row (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--charts", paramLabel = "DIR",
            description = "Also write a forest plot (SVG) of each BASE/OTHER pair into DIR.")
    private Path chartsDir;

    @Option(names = "--fail-on-regression",
            description = "Exit with 1 when any row's verdict is 'slower'.")
    private boolean failOnRegression;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ComparisonSettings settings = settings(spec, alpha, thresholdPercent, seed, resamples);
        JmhJsonReader reader = new JmhJsonReader();
        if (noiseFloorPair != null) {
            if (noiseFloorPair.size() != 2) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--noise-floor takes two files, comma-separated (an A/A pair), got " + noiseFloorPair.size());
            }
            Comparison aa = Comparison.of(reader.read(noiseFloorPair.get(0)), reader.read(noiseFloorPair.get(1)), settings);
            try {
                settings = settings.withNoise(NoiseFloor.of(aa));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--noise-floor: " + e.getMessage());
            }
        }
        ResultFile baseFile = reader.read(base);
        List<ResultFile> otherFiles = others.stream().map(reader::read).toList();
        List<Comparison> comparisons = new ArrayList<>();
        for (ResultFile other : otherFiles) {
            comparisons.add(Comparison.of(baseFile, other, settings));
        }
        if (chartsDir != null) {
            // before any output: a directory that cannot be written is bad input, reported alone
            writeCharts(comparisons);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case csv -> CsvComparison.write(out, comparisons);
            case json -> JsonComparison.write(out, comparisons);
            case md -> {
                for (int i = 0; i < comparisons.size(); i++) {
                    if (i > 0) {
                        out.println();
                    }
                    MarkdownComparison.write(out, comparisons.get(i), "##");
                }
            }
        }
        out.flush();
        boolean regression = comparisons.stream().anyMatch(Comparison::hasRegression);
        return failOnRegression && regression ? AnalysisCli.EXIT_REGRESSION : 0;
    }

    /** One forest plot per pair, named after the two files' labels (forest-RUN17-jmh-result-vs-RUN25-jmh-result.svg). */
    private void writeCharts(List<Comparison> comparisons) {
        ChartDirectory dir = new ChartDirectory(chartsDir);
        for (Comparison c : comparisons) {
            String name = dir.uniqueName("forest-" + stem(c.base()) + "-vs-" + stem(c.other()));
            Path file = dir.write(ForestPlot.of(name, ForestPlot.defaultTitle(c), c));
            spec.commandLine().getErr().println("wrote " + file);
        }
    }

    /** A result file's label without ".json". */
    private static String stem(ResultFile file) {
        String label = file.label();
        return label.endsWith(".json") ? label.substring(0, label.length() - ".json".length()) : label;
    }

    /** Validates the shared statistics options; a bad value is a usage error (exit 2). */
    static ComparisonSettings settings(CommandLine.Model.CommandSpec spec, double alpha, double thresholdPercent,
                                       long seed, int resamples) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--alpha must be between 0 and 1, got " + alpha);
        }
        if (!(thresholdPercent >= 0 && thresholdPercent < 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threshold must be a percentage from 0 to 100, got " + thresholdPercent);
        }
        if (resamples < 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resamples must be at least 100, got " + resamples);
        }
        return new ComparisonSettings(alpha, thresholdPercent / 100, seed, resamples);
    }
}
