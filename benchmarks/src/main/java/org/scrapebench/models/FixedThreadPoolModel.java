package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * A fixed pool of {@code concurrency} platform threads making blocking calls. The pool size caps
 * how many requests are in flight: with latency L, N products take about ceil(N / n) x L, however
 * idle the CPU is. Product tasks are submitted as each category page is parsed, so the category
 * walk overlaps the product fetches.
 */
final class FixedThreadPoolModel implements ConcurrencyModel {

    private final Workload workload;
    private final ExecutorService pool;

    FixedThreadPoolModel(ScrapeSettings settings) {
        this.workload = new Workload(settings);
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), new NamedThreadFactory("fixed-pool", true));
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        List<Future<ProductOutcome>> futures = new ArrayList<>();
        Workload.Walk walk;
        try {
            walk = workload.walk(categoryUrl, page -> {
                for (URI url : page) {
                    urls.add(url);
                    futures.add(pool.submit(() -> workload.scrapeProduct(url)));
                }
            });
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return Workload.assemble(walk, Workload.awaitAll(urls, futures));
    }

    @Override
    public void close() {
        PoolShutdown.stop(pool);
        workload.close();
    }
}
