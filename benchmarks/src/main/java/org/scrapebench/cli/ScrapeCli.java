package org.scrapebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scrapebench.models.ConcurrencyModel;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.RetryPolicy;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one concurrency model once against any category URL and prints the products it found: for
 * trying a model by hand. Exit codes: 0 every product scraped; 1 some page failed (the products
 * that were scraped are still printed, and every failure gets a line on stderr); 2 bad usage or a
 * model this JVM cannot run; 130 interrupted.
 */
@Command(name = "scrape", mixinStandardHelpOptions = true, version = "scrapebench 0.1",
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every product was scraped",
            "1:some pages failed (one line each on stderr)",
            "2:bad usage, or a model this JVM cannot run",
            "130:interrupted"})
public final class ScrapeCli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INCOMPLETE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERRUPTED = 130;

    /** Output formats. */
    public enum Format { csv, json }

    /** The GIL switch's values. */
    public enum GilSwitch { on, off }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<category-url>", description = "the first category page, http or https")
    private String categoryUrl;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the concurrency model (see above)")
    private Model model;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "requests in flight (default: ${DEFAULT-VALUE}; ignored by models that make one request at a time)",
            defaultValue = "16")
    private int concurrency;

    @Option(names = "--processes", paramLabel = "P",
            description = "worker processes, for the models that start them (default: one per core)")
    private Integer processes;

    @Option(names = "--members", paramLabel = "M",
            description = "cluster member JVMs, for the models that start them (default: one per core)")
    private Integer members;

    @Option(names = "--cluster", paramLabel = "NAME@HOST:PORT,...",
            description = "join the cluster members already running there instead of starting members here")
    private String cluster;

    @Option(names = "--gil", paramLabel = "on|off", defaultValue = "off",
            description = "hold one lock per process for CPU work, as CPython threads do (default: ${DEFAULT-VALUE})")
    private GilSwitch gil;

    @Option(names = "--product-links", paramLabel = "CSS",
            description = "CSS selector for the product links, for sites without schema.org ItemList markup")
    private String productLinks;

    @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv",
            description = "output format (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "timeout of each request (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "retries of a request that failed transiently (default: ${DEFAULT-VALUE})")
    private int retries;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "at most this many requests per second, retries included; worker processes split it (default: 0, no limit)")
    private double rate;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ScrapeCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(150);
        cli.getCommandSpec().usageMessage().description(description());
        cli.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine().getErr().println("scrape: " + oneLine(ex.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("scrape: " + oneLine(String.valueOf(ex.getMessage())));
            return EXIT_USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The --help text, with the models table generated from {@link Model}. */
    static String[] description() {
        List<String> lines = new ArrayList<>(List.of(
                "Scrapes the name and price of every product listed from a category page (schema.org ItemList",
                "and Product markup, or --product-links for sites without ItemList) with one concurrency model.",
                "Prints CSV (url,name,price,currency) or JSON on stdout, one line per failed page on stderr.",
                "",
                "Models:"));
        for (Model m : Model.values()) {
            lines.add(String.format(Locale.ROOT, "  %-19s %s", m.name(), m.summary()));
        }
        lines.add("");
        return lines.toArray(String[]::new);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI start;
        try {
            start = parseCategoryUrl(categoryUrl);
        } catch (IllegalArgumentException e) {
            err.println("scrape: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (concurrency < 1) {
            err.println("scrape: --concurrency must be at least 1, was " + concurrency);
            return EXIT_USAGE;
        }
        if (processes != null && processes < 1) {
            err.println("scrape: --processes must be at least 1, was " + processes);
            return EXIT_USAGE;
        }
        if (members != null && members < 1) {
            err.println("scrape: --members must be at least 1, was " + members);
            return EXIT_USAGE;
        }
        if (timeoutSeconds < 1) {
            err.println("scrape: --timeout must be at least 1 second, was " + timeoutSeconds);
            return EXIT_USAGE;
        }
        if (retries < 0) {
            err.println("scrape: --retries must not be negative, was " + retries);
            return EXIT_USAGE;
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            err.println("scrape: --rate must be 0 (no limit) or a positive number of requests per second, was " + rate);
            return EXIT_USAGE;
        }
        if (!model.available()) {
            err.println("scrape: " + model.name() + " " + model.unavailableReason());
            return EXIT_USAGE;
        }
        List<String> missingFlags = missingJvmFlags(model);
        if (!missingFlags.isEmpty()) {
            return JvmRerun.rerun(missingFlags, spec.commandLine().getParseResult().originalArgs(), out, err);
        }
        HttpPageSource.Settings http = new HttpPageSource.Settings(Duration.ofSeconds(5),
                Duration.ofSeconds(timeoutSeconds),
                new RetryPolicy(retries + 1, RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay()), 5, rate);
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Http(http))
                .concurrency(concurrency)
                .productLinkSelector(productLinks)
                .gil(gil == GilSwitch.on)
                .processes(processes == null ? 0 : processes)
                .members(members == null ? 0 : members)
                .clusterMembers(cluster)
                .build();

        ScrapeResult result;
        try (ConcurrencyModel scraper = model.create(settings)) {
            result = scraper.scrape(start);
        } catch (InterruptedException e) {
            err.println("scrape: interrupted");
            return EXIT_INTERRUPTED;
        } catch (IllegalArgumentException e) {
            err.println("scrape: " + oneLine(e.getMessage()));
            return EXIT_USAGE;
        }

        if (format == Format.csv) {
            printCsv(result, out);
        } else {
            printJson(result, out);
        }
        out.flush();
        for (Failure failure : result.failures()) {
            err.println("failed: " + failure.describe());
        }
        if (!result.complete()) {
            err.println("scrape: incomplete: " + result.products().size() + " products scraped, "
                    + result.failures().size() + " pages failed");
            return EXIT_INCOMPLETE;
        }
        return EXIT_OK;
    }

    /**
     * The options the model needs in the JVM it is created in (the cluster's coordinator runs in
     * this one) that this JVM was not started with.
     */
    static List<String> missingJvmFlags(Model model) {
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return model.jvmFlags(Runtime.version().feature()).stream().filter(flag -> !given.contains(flag)).toList();
    }

    static URI parseCategoryUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' is not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return uri;
    }

    static void printCsv(ScrapeResult result, PrintWriter out) {
        out.print("url,name,price,currency\r\n");
        for (Product p : result.products()) {
            out.print(csvField(p.url().toString()) + ',' + csvField(p.name()) + ','
                    + p.price().toPlainString() + ',' + p.currency() + "\r\n");
        }
    }

    /** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes inside. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static void printJson(ScrapeResult result, PrintWriter out) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("complete", result.complete());
        ArrayNode products = root.putArray("products");
        for (Product p : result.products()) {
            ObjectNode node = products.addObject();
            node.put("url", p.url().toString());
            node.put("name", p.name());
            // a string, so that no JSON reader turns the exact decimal into a double
            node.put("price", p.price().toPlainString());
            node.put("currency", p.currency());
        }
        ArrayNode failures = root.putArray("failures");
        for (Failure f : result.failures()) {
            ObjectNode node = failures.addObject();
            node.put("url", f.url().toString());
            node.put("attempts", f.attempts());
            node.put("reason", f.reason());
        }
        root.put("requests", result.requests());
        try {
            out.println(json.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
