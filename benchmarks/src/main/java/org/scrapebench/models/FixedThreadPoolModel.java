package org.scrapebench.models;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * A fixed pool of {@code concurrency} platform threads making blocking calls. The pool size caps
 * how many requests are in flight: with latency L, N products take about ceil(N / n) x L, however
 * idle the CPU is.
 */
final class FixedThreadPoolModel extends ProductTaskModel {

    private final ExecutorService pool;

    FixedThreadPoolModel(ScrapeSettings settings) {
        super(settings);
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), new NamedThreadFactory("fixed-pool", true));
    }

    @Override
    protected Future<ProductOutcome> submit(URI productUrl) {
        return pool.submit(() -> workload.scrapeProduct(productUrl));
    }

    @Override
    protected void stop() {
        PoolShutdown.stop(pool);
    }
}
