package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * Asynchronous I/O composed with {@link CompletableFuture}: {@code HttpClient.sendAsync} for every
 * page, {@code thenApplyAsync} to parse on a small pool (one thread per core, never the client's
 * selector thread), {@code allOf} to gather. No thread waits for a response; the category walk is
 * itself a chain of futures. At most {@code concurrency} products are in flight, enforced without
 * blocking by {@link AsyncLimiter}.
 */
final class CompletableFutureModel implements ConcurrencyModel {

    private final Workload workload;
    private final ExecutorService parsePool;
    private final AsyncLimiter limiter;

    CompletableFutureModel(ScrapeSettings settings) {
        this.workload = new Workload(settings);
        this.parsePool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                new NamedThreadFactory("cf-parse", true));
        this.limiter = new AsyncLimiter(settings.concurrency(), parsePool);
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        // Appended by the walk's steps, one at a time; synchronized only so that an interrupt can
        // cancel what is there while the walk may still be adding.
        List<CompletableFuture<ProductOutcome>> products = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean cancelled = new AtomicBoolean();

        CompletableFuture<ScrapeResult> result = workload.walkAsync(categoryUrl, page -> {
            if (cancelled.get()) {
                return;
            }
            for (URI url : page) {
                products.add(limiter.submit(() -> workload.source().fetchAsync(url)
                                .thenApplyAsync(workload::fromPage, parsePool))
                        .exceptionally(error -> Workload.fromError(url, error)));
            }
        }, parsePool).thenCompose(walk -> Workload.assembleWhenDone(walk, products));
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancelled.set(true);
            result.cancel(true);
            synchronized (products) {
                products.forEach(p -> p.cancel(true));
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the scrape failed unexpectedly", e.getCause());
        }
    }

    @Override
    public void close() {
        PoolShutdown.stop(parsePool);
        workload.close();
    }
}
