package org.scrapebench.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedFailure;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.fixtures.FaultPlan;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.models.ConcurrencyModel;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.ComputeStep;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.InMemoryPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Everything one benchmark trial needs, made once and closed once: the fixture site (its own
 * process, or none for in-memory pages), the model with its threads or processes, and the
 * expected answer. Every scrape is validated against it: count, checksum of names and prices, and
 * the compute digest; a wrong or short answer fails the run.
 */
public final class ScrapeTrial implements AutoCloseable {

    /** The catalog seed of every benchmark: fixed, so that runs are comparable. */
    public static final long SEED = 42;


    private final Model model;
    private final URI categoryUrl;
    private final FixtureServerProcess server;
    private final ConcurrencyModel scraper;
    private final int expectedCount;
    private final long expectedChecksum;
    private final long expectedDigest;
    private final List<ExpectedFailure> expectedFailures;
    /** Exactly how many retries a scrape takes, where the fault plan says; null where it depends on timing. */
    private final Long expectedRetries;

    private ScrapeTrial(Model model, FaultPlan plan, URI categoryUrl, FixtureServerProcess server,
                        ScrapeSettings settings) {
        this.model = model;
        this.categoryUrl = categoryUrl;
        this.server = server;
        List<Product> expected = new ArrayList<>();
        long digest = 0;
        Map<String, byte[]> pages = plan.catalog().pages();
        for (ExpectedProduct p : plan.expectedProducts()) {
            expected.add(new Product(URI.create(p.path()), p.name(), p.price(), p.currency()));
            digest += ComputeStep.digest(new String(pages.get(p.path()), StandardCharsets.UTF_8),
                    settings.computeRounds());
        }
        this.expectedCount = expected.size();
        this.expectedChecksum = ScrapeResult.checksumOf(expected);
        this.expectedDigest = digest;
        this.expectedFailures = new ArrayList<>(plan.expectedFailures());
        Long retries = null;
        if (settings.source() instanceof PageSourceSpec.Http http) {
            try {
                retries = plan.expectedRetries(http.settings().retry().maxAttempts(), http.settings().maxRedirects());
            } catch (RuntimeException e) {
                retries = null; // spikes and drips: their retries depend on timing
            }
        }
        this.expectedRetries = retries;
        ConcurrencyModel created;
        try {
            created = model.create(settings);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
        this.scraper = created;
    }

    /**
     * The fixture site of a trial over HTTP.
     *
     * @param latency       a {@code LatencyProfile} spec
     * @param faults        a {@link FaultProfile} spec; the expected products, failures and retries follow from its plan
     * @param siteUrl       the category page of a site already running with the same knobs (e.g. on
     *                      another machine), or blank to start one
     * @param warmUpSeconds how long the server is kept saturated before the first iteration
     */
    public record Site(CatalogSpec catalog, String latency, String faults, String siteUrl, int warmUpSeconds) {}

    /** The trial of a benchmark row: over HTTP from a fixture site, or from memory. */
    public static ScrapeTrial open(RowParams row) {
        return row.overHttp() ? overHttp(row.model(), row.settings(), row.site()) : inMemory(row.model(), row.settings());
    }

    /**
     * A trial over HTTP: starts the fixture server in its own process, unless the site names the
     * category page of one already running.
     */
    public static ScrapeTrial overHttp(Model model, ScrapeSettings settings, Site site) {
        FaultPlan plan = FaultProfile.parse(site.faults()).plan(Catalog.generate(site.catalog()));
        Duration warmUp = Duration.ofSeconds(site.warmUpSeconds());
        if (site.siteUrl() != null && !site.siteUrl().isBlank()) {
            URI url = URI.create(site.siteUrl().trim());
            warmUp(url, plan, warmUp);
            return new ScrapeTrial(model, plan, url, null, settings);
        }
        FixtureServerProcess server = FixtureServerProcess.start(site.catalog(), site.latency(), site.faults());
        try {
            warmUp(server.categoryUrl(), plan, warmUp);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new ScrapeTrial(model, plan, server.categoryUrl(), server, settings);
    }

    /** A trial without network: the catalog of the settings' in-memory source, in this JVM and in every worker. */
    public static ScrapeTrial inMemory(Model model, ScrapeSettings settings) {
        if (!(settings.source() instanceof PageSourceSpec.Memory memory)) {
            throw new IllegalArgumentException("an in-memory trial needs pages in memory, not " + settings.source());
        }
        Catalog catalog = Catalog.generate(memory.catalog());
        return new ScrapeTrial(model, FaultProfile.parse("none").plan(catalog),
                InMemoryPageSource.BASE_URL.resolve(catalog.categoryPath()), null, settings);
    }

    /**
     * A fresh server JVM runs interpreted at first, several times slower than when compiled, and
     * a model with few requests per warm-up iteration (SERIAL) would be measured against a colder
     * server than the others. So every trial first keeps the server saturated for a fixed time:
     * with 32 requests in flight the server, not the latency, is the limit, so it gets as much JIT
     * work done as the time allows, whatever the latency profile.
     */
    static void warmUp(URI categoryUrl, FaultPlan plan, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        // Faulty pages are left alone: a transient fault alternates fail/ok per request, and
        // concurrent warm-up requests would leave it out of step with the scrapes.
        List<URI> urls = new ArrayList<>();
        for (String path : plan.catalog().pages().keySet()) {
            if (!plan.faultsByPath().containsKey(path)) {
                urls.add(categoryUrl.resolve(path));
            }
        }
        int threads = 32;
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HttpPageSource http = new HttpPageSource(HttpPageSource.Settings.DEFAULT)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        http.fetch(urls.get((offset + i * threads) % urls.size()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("fixture server warm-up failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the fixture server warm-up", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One scrape, validated; counts go to {@code counters}. */
    public ScrapeResult scrape(ScrapeCounters counters) throws InterruptedException {
        long stallsBefore = scraper.stalls();
        ScrapeResult result = scrapeOnce();
        counters.stalls += scraper.stalls() - stallsBefore;
        counters.requests += result.requests();
        counters.retries += result.retries();
        counters.failures += result.failures().size();
        counters.scrapes++;
        validate(result);
        return result;
    }

    /**
     * For a model that starts JVMs of its own, runs the job, each answer validated, for
     * {@code duration}: those JVMs compile the job separately, each seeing only its share of the
     * products, and need longer than JMH's warm-up gives threads. Does nothing for other models.
     *
     * @return the scrapes it ran
     */
    int warmUpChildJvms(Duration duration) throws InterruptedException {
        if (!model.traits().startsProcesses()) {
            return 0;
        }
        int scrapes = 0;
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            validate(scrapeOnce());
            scrapes++;
        }
        return scrapes;
    }

    /** One scrape, not validated. */
    ScrapeResult scrapeOnce() throws InterruptedException {
        return scraper.scrape(categoryUrl);
    }

    /** Throws unless {@code result} is the complete, correct answer. */
    void validate(ScrapeResult result) {
        if (result.failures().size() != expectedFailures.size() || !failuresAsExpected(result)) {
            throw new IllegalStateException(model + " scrape incomplete: " + result.failures().size()
                    + " pages failed" + (expectedFailures.isEmpty() ? "" : " (" + expectedFailures.size() + " expected)")
                    + (result.failures().isEmpty() ? "" : ", first: " + result.failures().get(0).describe()));
        }
        if (expectedRetries != null && result.retries() != expectedRetries) {
            throw new IllegalStateException(model + " made " + result.retries() + " retries, the fault plan says "
                    + expectedRetries);
        }
        if (result.products().size() != expectedCount) {
            throw new IllegalStateException(model + " returned " + result.products().size() + " products, expected "
                    + expectedCount);
        }
        if (result.checksum() != expectedChecksum) {
            throw new IllegalStateException(model + " returned wrong products (checksum mismatch)");
        }
        if (result.computeDigest() != expectedDigest) {
            throw new IllegalStateException(model + " skipped or repeated compute work (digest mismatch)");
        }
    }

    /** Every failure is on the page the plan says and for the reason it says. */
    private boolean failuresAsExpected(ScrapeResult result) {
        Map<String, ExpectedFailure> byPath = new java.util.HashMap<>();
        expectedFailures.forEach(f -> byPath.put(f.path(), f));
        for (Failure failure : result.failures()) {
            ExpectedFailure expected = byPath.get(failure.url().getRawPath());
            if (expected == null || !expected.matches(failure.reason())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            scraper.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
