package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.FetchException;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * A dedicated {@link ForkJoinPool} (never the common pool, which blocking starves for everyone in
 * the JVM) with parallelism = cores, splitting each category page's products recursively in
 * halves. A worker that blocks on a fetch would idle a core, so the fetch runs inside a
 * {@link ForkJoinPool.ManagedBlocker}: the pool adds a spare thread while one is blocked. Spares
 * are bounded by the in-flight limit ({@code concurrency}): the permit is taken outside the
 * blocker, because a task waiting for a permit inside one would make the pool add a thread per
 * waiting task, and the pool's maximum size is parallelism + concurrency.
 */
final class ForkJoinModel implements ConcurrencyModel {

    private final Workload workload;
    private final ForkJoinPool pool;
    private final Semaphore inFlight;

    ForkJoinModel(ScrapeSettings settings) {
        this.workload = new Workload(settings);
        this.inFlight = new Semaphore(settings.concurrency());
        int parallelism = Runtime.getRuntime().availableProcessors();
        // Compensation for blocked workers is capped at the in-flight limit: without a cap, every
        // task that enters a blocker while the other spares wait for a permit adds a thread, and the
        // thread count grows with the number of products. At the cap the pool stops compensating
        // (saturate returns true) instead of failing; the permit holders never need a pool thread
        // to finish their fetch, so progress is guaranteed.
        this.pool = new ForkJoinPool(parallelism, pool -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("fork-join-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false, parallelism, parallelism + settings.concurrency(), 1, pool -> true, 30, TimeUnit.SECONDS);
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        List<ForkJoinTask<List<ProductOutcome>>> batches = new ArrayList<>();
        Workload.Walk walk;
        try {
            walk = workload.walk(categoryUrl, page -> {
                urls.addAll(page);
                batches.add(pool.submit(new ProductsTask(page)));
            });
        } catch (InterruptedException e) {
            batches.forEach(b -> b.cancel(true));
            throw e;
        }
        List<ProductOutcome> outcomes = new ArrayList<>(urls.size());
        try {
            for (ForkJoinTask<List<ProductOutcome>> batch : batches) {
                outcomes.addAll(batch.get());
            }
        } catch (InterruptedException e) {
            batches.forEach(b -> b.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            // scrapeOne turns every expected failure into an outcome; this is a bug.
            throw new IllegalStateException("a product task failed unexpectedly", e.getCause());
        }
        return Workload.assemble(walk, outcomes);
    }

    /** Scrapes a slice of one category page's products, splitting until one product per task. */
    private final class ProductsTask extends RecursiveTask<List<ProductOutcome>> {
        private final List<URI> urls;

        ProductsTask(List<URI> urls) {
            this.urls = urls;
        }

        @Override
        protected List<ProductOutcome> compute() {
            if (urls.size() == 1) {
                return List.of(scrapeOne(urls.get(0)));
            }
            int middle = urls.size() / 2;
            ProductsTask left = new ProductsTask(urls.subList(0, middle));
            ProductsTask right = new ProductsTask(urls.subList(middle, urls.size()));
            right.fork();
            List<ProductOutcome> result = new ArrayList<>(left.compute());
            result.addAll(right.join());
            return result;
        }

        private ProductOutcome scrapeOne(URI url) {
            try {
                inFlight.acquire();
                FetchBlocker fetch = new FetchBlocker(url);
                try {
                    ForkJoinPool.managedBlock(fetch);
                } finally {
                    inFlight.release();
                }
                return fetch.failure != null ? ProductOutcome.failed(fetch.failure.toFailure()) : workload.fromPage(fetch.page);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProductOutcome.failed(new Failure(url, 0, "interrupted"));
            }
        }
    }

    /** One blocking fetch, run so that the pool can compensate for the blocked worker. */
    private final class FetchBlocker implements ForkJoinPool.ManagedBlocker {
        private final URI url;
        Page page;
        FetchException failure;

        FetchBlocker(URI url) {
            this.url = url;
        }

        @Override
        public boolean block() throws InterruptedException {
            try {
                page = workload.source().fetch(url);
            } catch (FetchException e) {
                failure = e;
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return page != null || failure != null;
        }
    }

    @Override
    public void close() {
        PoolShutdown.stop(pool);
        workload.close();
    }
}
