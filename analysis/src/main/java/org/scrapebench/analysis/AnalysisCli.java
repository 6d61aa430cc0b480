package org.scrapebench.analysis;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar analysis.jar compare|report|summary ...}. Exit codes: 0 done,
 * 1 a regression with {@code --fail-on-regression}, 2 bad input or usage
 * (always one line on stderr, never a stack trace).
 */
@Command(name = "analysis",
        mixinStandardHelpOptions = true,
        version = "scrapebench analysis 0.1.0",
        description = "Compares JMH JSON result files with statistics and writes run reports.",
        subcommands = {CompareCommand.class, ReportCommand.class, SummaryCommand.class, CommandLine.HelpCommand.class})
public final class AnalysisCli implements Runnable {

    public static final int EXIT_REGRESSION = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with captured output; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AnalysisCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": "
                    + oneLine(e.getMessage()) + " (see --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof BadInputException
                    ? e.getMessage()
                    : "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            commandLine.getErr().println(commandLine.getCommandName() + ": " + oneLine(message));
            return EXIT_BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: compare, report or summary");
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
