package org.scrapebench.analysis;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrapebench.analysis.compare.ComparisonSettings;
import org.scrapebench.analysis.html.HtmlReport;
import org.scrapebench.analysis.report.RunDirectory;
import org.scrapebench.analysis.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report RUN_DIR}: writes RUN_DIR/report.md, RUN_DIR/report.html and RUN_DIR/charts/. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Writes RUN_DIR/report.md, RUN_DIR/report.html (self-contained, charts inline) and SVG charts "
                    + "under RUN_DIR/charts/ for a run directory "
                    + "holding jmh-result.json (and, if recorded, environment.json).",
            "Per regime: score, speedup over SERIAL, bound, efficiency, server-bound flag, allocation. "
                    + "If the parent directory holds runs of other JDKs, adds a cross-JDK comparison "
                    + "against the newest run of each."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory, e.g. results/2026-11-23-jdk25.")
    private Path runDir;

    @Option(names = "--alpha", defaultValue = "0.05",
            description = "Significance level; CIs are at 1-alpha (default: ${DEFAULT-VALUE}).")
    private double alpha;

    @Option(names = "--threshold", defaultValue = "3", paramLabel = "PERCENT",
            description = "Noise threshold in percent for 'equivalent' in the cross-JDK table (default: ${DEFAULT-VALUE}).")
    private double thresholdPercent;

    @Option(names = "--seed", defaultValue = "20240917", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--resamples", defaultValue = "10000",
            description = "Bootstrap resamples per row (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--no-charts",
            description = "Write no chart files (report.md's links still point to charts/; report.html inlines them).")
    private boolean noCharts;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ComparisonSettings settings = CompareCommand.settings(spec, alpha, thresholdPercent, seed, resamples);
        RunReport report = new RunReport(RunDirectory.load(runDir), settings, !noCharts);
        Path written = report.write();
        spec.commandLine().getOut().println("wrote " + written + ", " + written.resolveSibling(HtmlReport.FILE)
                + (noCharts ? "" : " and " + report.chartsWritten().size() + " SVG charts in "
                + written.resolveSibling("charts")));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
