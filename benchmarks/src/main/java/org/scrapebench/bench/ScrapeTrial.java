package org.scrapebench.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.models.ConcurrencyModel;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.ComputeStep;
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

    /** Requests sent to a fresh fixture server before the first iteration (see {@link #warmUp}). */
    static final int WARM_UP_REQUESTS = 2_000;

    private final Model model;
    private final URI categoryUrl;
    private final FixtureServerProcess server;
    private final ConcurrencyModel scraper;
    private final int expectedCount;
    private final long expectedChecksum;
    private final long expectedDigest;

    private ScrapeTrial(Model model, Catalog catalog, URI categoryUrl, FixtureServerProcess server,
                        ScrapeSettings settings) {
        this.model = model;
        this.categoryUrl = categoryUrl;
        this.server = server;
        List<Product> expected = new ArrayList<>();
        long digest = 0;
        Map<String, byte[]> pages = catalog.pages();
        for (ExpectedProduct p : catalog.expected()) {
            expected.add(new Product(URI.create(p.path()), p.name(), p.price(), p.currency()));
            digest += ComputeStep.digest(new String(pages.get(p.path()), java.nio.charset.StandardCharsets.UTF_8),
                    settings.computeRounds());
        }
        this.expectedCount = expected.size();
        this.expectedChecksum = ScrapeResult.checksumOf(expected);
        this.expectedDigest = digest;
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
     * A trial over HTTP: starts the fixture server in its own process, unless {@code siteUrl}
     * names the category page of one already running with the same knobs (e.g. on another machine).
     */
    public static ScrapeTrial overHttp(Model model, CatalogSpec spec, String latency, String siteUrl,
                                       int concurrency, int computeRounds) {
        Catalog catalog = Catalog.generate(spec);
        ScrapeSettings settings = new ScrapeSettings(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT),
                effectiveConcurrency(concurrency), null, computeRounds);
        if (siteUrl != null && !siteUrl.isBlank()) {
            return new ScrapeTrial(model, catalog, URI.create(siteUrl.trim()), null, settings);
        }
        FixtureServerProcess server = FixtureServerProcess.start(spec, latency);
        try {
            warmUp(server.categoryUrl(), catalog);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new ScrapeTrial(model, catalog, server.categoryUrl(), server, settings);
    }

    /** A trial without network: the catalog is generated in memory, in this JVM and in every worker. */
    public static ScrapeTrial inMemory(Model model, CatalogSpec spec, int concurrency, int computeRounds) {
        Catalog catalog = Catalog.generate(spec);
        ScrapeSettings settings = new ScrapeSettings(new PageSourceSpec.Memory(spec),
                effectiveConcurrency(concurrency), null, computeRounds);
        return new ScrapeTrial(model, catalog, InMemoryPageSource.BASE_URL.resolve(catalog.categoryPath()), null, settings);
    }

    /**
     * A fresh server JVM runs interpreted at first, several times slower than when compiled; a
     * model with few requests per warm-up iteration (SERIAL) would otherwise be measured against
     * a colder server than the others. So every trial first sends a fixed burst of requests.
     */
    private static void warmUp(URI categoryUrl, Catalog catalog) {
        List<URI> urls = new ArrayList<>();
        for (String path : catalog.pages().keySet()) {
            urls.add(categoryUrl.resolve(path));
        }
        int threads = 16;
        int perThread = Math.max(1, WARM_UP_REQUESTS / threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try (HttpPageSource http = new HttpPageSource(HttpPageSource.Settings.DEFAULT)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        http.fetch(urls.get((offset + i * threads) % urls.size()));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("fixture server warm-up failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the fixture server warm-up", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code concurrency = 0} means one per core, as in shipilev's benchmarks. */
    static int effectiveConcurrency(int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be 0 (= cores) or more, was " + concurrency);
        }
        return concurrency == 0 ? Runtime.getRuntime().availableProcessors() : concurrency;
    }

    /** One scrape, validated; counts go to {@code counters}. */
    public ScrapeResult scrape(ScrapeCounters counters) throws InterruptedException {
        ScrapeResult result = scrapeOnce();
        counters.requests += result.requests();
        counters.retries += result.retries();
        counters.failures += result.failures().size();
        validate(result);
        return result;
    }

    /** One scrape, not validated. */
    ScrapeResult scrapeOnce() throws InterruptedException {
        return scraper.scrape(categoryUrl);
    }

    /** Throws unless {@code result} is the complete, correct answer. */
    void validate(ScrapeResult result) {
        if (!result.complete()) {
            throw new IllegalStateException(model + " scrape incomplete: " + result.failures().size()
                    + " pages failed, first: " + result.failures().get(0).describe());
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
