package org.scrapebench.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.ComputeStep;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.FetchException;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.InMemoryPageSource;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * The machine's limits, measured in the same run as the regimes, for the bound in the report:
 * <ul>
 *   <li>{@code serialJobOneThread} and {@code serialJobEveryCore}: the CPU-bound job run serially
 *       on one thread, and on every core at once (independent jobs): the CPU-bound bound of a
 *       model is the one-thread time over the capacity of the cores it can use, measured, not
 *       assumed to be k;</li>
 *   <li>{@code parsePerProduct}: CPU time to decode, parse and compute one product page held in
 *       memory, on one thread (the CPU term of the bound: products x this / cores);</li>
 *   <li>{@code computePerRound}: CPU time of one round of the compute step on a product page,
 *       on one thread: the regime map states its axis, CPU per product, as parsePerProduct plus
 *       computeRounds x this (the rounds are chained digests of the same page, so their cost adds);</li>
 *   <li>{@code fetchPerRequest}: one request for a product page at zero latency, on one thread:
 *       the harness's floor per request (client and server CPU plus two wake-ups). Shown, not used
 *       in the bound: with the cores busy a request costs less than this serial round trip;</li>
 *   <li>{@code serverCeiling}: requests per second the fixture server answers at zero latency with
 *       16 client threads: the request term of the bound (requests / ceiling), and a regime whose
 *       demand nears it is flagged as server-bound.</li>
 * </ul>
 * Trap: on 2 cores the client and the server share the CPU, so the ceiling is that of the pair,
 * which is what limits the regimes too.
 *
 * <p>Warm-up: ten seconds. Measured from cold (20 one-second iterations, three forks per JDK), the
 * parse of a 4 KB page reached its plateau only in its sixth or seventh second on both JDKs, and
 * the 64 KB page still fell a little after that; with the three warm-up seconds used before, the
 * measured iterations still fell inside a fork, and the same row read 83-118 us in one-fork runs
 * of the same JDK (docs/method.md, "The bound", has the figures).
 *
 * <p>Forks: two per row, five measured iterations each. With one fork, the runner's fork check
 * (forks must agree beyond what their iterations explain) cannot see a fork that disagrees, and
 * the interval holds one JVM's spread only; ten iterations over two JVMs also keep the one-thread
 * job's interval, whose low end the CPU-bound bound takes, at least as narrow as the eight of one
 * fork that first steadied it. The server ceiling warms as long as every row; it was still rising
 * within its fork after three warm-up seconds.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Calibration}
 */
@Fork(value = 2, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.COLLECTOR})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class CalibrationBenchmark {

    /** Product pages in memory and the parser, for {@code parsePerProduct}. */
    @State(Scope.Thread)
    public static class ParseCorpus {
        @Param({"4", "64"})
        public int pageKb;

        /** The HTTP regimes compute nothing; the CPU-bound job is calibrated whole by the serial-job rows. */
        @Param("0")
        public int computeRounds;

        private Workload workload;
        private List<URI> productUrls;
        private int next;

        @Setup(Level.Trial)
        public void generate() {
            CatalogSpec spec = new CatalogSpec(ScrapeTrial.SEED, 100, 25, pageKb);
            Catalog catalog = Catalog.generate(spec);
            workload = new Workload(ScrapeSettings.builder(new PageSourceSpec.Memory(spec)).concurrency(1)
                    .computeRounds(computeRounds).build());
            productUrls = new ArrayList<>();
            for (ExpectedProduct p : catalog.expected()) {
                productUrls.add(InMemoryPageSource.BASE_URL.resolve(p.path()));
            }
        }

        Page nextPage() throws FetchException, InterruptedException {
            URI url = productUrls.get(next);
            next = (next + 1) % productUrls.size();
            return workload.source().fetch(url);
        }

        @TearDown(Level.Trial)
        public void close() {
            workload.close();
        }
    }

    /** One product page's text, for {@code computePerRound}. */
    @State(Scope.Thread)
    public static class ComputeCorpus {
        /** The regime map's page weight. */
        @Param("4")
        public int pageKb;

        /** Rounds per operation: enough that the call itself costs nothing beside them. */
        static final int ROUNDS = 100;

        private String page;
        private long expected;

        @Setup(Level.Trial)
        public void generate() {
            Catalog catalog = Catalog.generate(new CatalogSpec(ScrapeTrial.SEED, 100, 25, pageKb));
            page = new String(catalog.pages().get(catalog.expected().get(0).path()), StandardCharsets.UTF_8);
            expected = ComputeStep.digest(page, ROUNDS);
        }
    }

    /**
     * The CPU-bound regime's whole job, with its defaults, run by the serial model: one per
     * benchmark thread, so that k threads run k independent serial jobs.
     */
    @State(Scope.Thread)
    public static class SerialJob {
        @Param("100")
        public int products;

        @Param("25")
        public int productsPerPage;

        @Param("64")
        public int pageKb;

        @Param("20")
        public int computeRounds;

        private ScrapeTrial trial;

        @Setup(Level.Trial)
        public void open() {
            trial = ScrapeTrial.inMemory(Model.SERIAL, ScrapeSettings.builder(new PageSourceSpec.Memory(
                    new CatalogSpec(ScrapeTrial.SEED, products, productsPerPage, pageKb)))
                    .concurrency(1).computeRounds(computeRounds).build());
        }

        ScrapeResult scrape() throws InterruptedException {
            ScrapeResult result = trial.scrapeOnce();
            trial.validate(result);
            return result;
        }

        @TearDown(Level.Trial)
        public void close() {
            trial.close();
        }
    }

    /** The fixture server in its own process, with no latency, and one HTTP client. */
    @State(Scope.Benchmark)
    public static class Server {
        /** As long as the regimes warm their server (their serverWarmUpSeconds default). */
        static final int SERVER_WARM_UP_SECONDS = 1;

        @Param({"4", "64"})
        public int pageKb;

        private FixtureServerProcess server;
        private HttpPageSource http;
        private List<URI> productUrls;
        private final AtomicInteger next = new AtomicInteger();

        @Setup(Level.Trial)
        public void start() {
            CatalogSpec spec = new CatalogSpec(ScrapeTrial.SEED, 100, 25, pageKb);
            Catalog catalog = Catalog.generate(spec);
            server = FixtureServerProcess.start(spec, "none");
            // a cold server JVM would make the first iterations measure its interpreter
            ScrapeTrial.warmUp(server.categoryUrl(), FaultProfile.parse("none").plan(catalog),
                    Duration.ofSeconds(SERVER_WARM_UP_SECONDS));
            http = new HttpPageSource(HttpPageSource.Settings.DEFAULT);
            productUrls = new ArrayList<>();
            for (ExpectedProduct p : catalog.expected()) {
                productUrls.add(server.categoryUrl().resolve(p.path()));
            }
        }

        Page fetchNext() throws FetchException, InterruptedException {
            int i = Math.floorMod(next.getAndIncrement(), productUrls.size());
            Page page = http.fetch(productUrls.get(i));
            if (page.requests() != 1 || page.body().isEmpty()) {
                throw new IllegalStateException("calibration request needed " + page.requests() + " requests");
            }
            return page;
        }

        @TearDown(Level.Trial)
        public void stop() {
            http.close();
            server.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ProductOutcome parsePerProduct(ParseCorpus corpus) throws FetchException, InterruptedException {
        ProductOutcome outcome = corpus.workload.fromPage(corpus.nextPage());
        if (!outcome.succeeded()) {
            throw new IllegalStateException("calibration page failed to parse: " + outcome.failure().describe());
        }
        return outcome;
    }

    /** One round of the compute step on one product page (the score is per round). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(ComputeCorpus.ROUNDS)
    public long computePerRound(ComputeCorpus corpus) {
        long digest = ComputeStep.digest(corpus.page, ComputeCorpus.ROUNDS);
        if (digest != corpus.expected) {
            throw new IllegalStateException("calibration compute step gave a different digest");
        }
        return digest;
    }

    /** One serial CPU-bound job on one thread: what a one-thread model needs at best. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public ScrapeResult serialJobOneThread(SerialJob job) throws InterruptedException {
        return job.scrape();
    }

    /**
     * Independent serial jobs on every core at once: their time against {@link #serialJobOneThread}
     * is the machine's parallel capacity (k x T1 / Tk), what k threads really get from k cores
     * that share caches, memory bandwidth, the GC and JIT threads, and the host.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(Threads.MAX)
    public ScrapeResult serialJobEveryCore(SerialJob job) throws InterruptedException {
        return job.scrape();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Page fetchPerRequest(Server server) throws FetchException, InterruptedException {
        return server.fetchNext();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(16)
    public Page serverCeiling(Server server) throws FetchException, InterruptedException {
        return server.fetchNext();
    }
}
