package org.scrapebench.models;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.PageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * Everything on one event loop thread, as asyncio runs a scraper written with coroutines that do
 * not offload their CPU work: a {@link Vertx} with a single event loop, its {@code WebClient}
 * ({@link EventLoopPageSource}), and on that loop the category walk, every request, retry timer
 * and redirect, and the parsing and compute of every page. At most {@code concurrency} products
 * are in flight; the rest wait in {@link AsyncLimiter}'s queue, not in the client's pool. The
 * calling thread only waits for the answer.
 *
 * <p>While the loop parses or computes, no response is read: the loop's stalls are counted by
 * Vert.x's blocked-thread checker ({@link #stalls()}).
 */
final class EventLoopModel implements ConcurrencyModel {

    /**
     * The start of every thread Vert.x starts here: its event loop ({@code vert.x-eventloop-thread-0})
     * and its blocked-thread checker ({@code vertx-blocked-thread-checker}).
     */
    static final String THREAD_PREFIX = "vert";

    /**
     * A loop task that runs this long counts as a stall. Vert.x's default (2 s) and asyncio's debug
     * threshold (100 ms) are set to catch bugs; a scraper that parses on its loop by design needs a
     * finer one, and a task this long delays every response that arrives meanwhile by a noticeable
     * part of a request's latency.
     */
    static final Duration STALL_THRESHOLD = Duration.ofMillis(10);

    private final Vertx vertx;
    private final Context loop;
    private final Executor onLoop;
    private final Workload workload;
    private final AsyncLimiter limiter;
    private final AtomicLong stalls = new AtomicLong();
    /** Told, on the thread doing it, of each category page parsed with new products and each product parsed: tests check where. */
    private final Consumer<Thread> cpuWorkObserver;

    EventLoopModel(ScrapeSettings settings) {
        this(settings, thread -> { });
    }

    EventLoopModel(ScrapeSettings settings, Consumer<Thread> cpuWorkObserver) {
        this.cpuWorkObserver = cpuWorkObserver;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                // nothing here runs blocking code: the worker pools stay empty, at their smallest
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setUseDaemonThread(true)
                .setMaxEventLoopExecuteTime(STALL_THRESHOLD.toMillis())
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(STALL_THRESHOLD.toMillis())
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
        try {
            // one count per check that finds the loop still inside a task begun a threshold or more ago,
            // instead of a logged warning
            ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> stalls.incrementAndGet());
            this.loop = vertx.getOrCreateContext();
            this.onLoop = task -> loop.runOnContext(v -> task.run());
            this.workload = new Workload(settings, open(settings));
            this.limiter = new AsyncLimiter(settings.concurrency(), onLoop);
        } catch (RuntimeException e) {
            closeVertx();
            throw e;
        }
    }

    /** Pages over HTTP through the loop's own client; in-memory pages as they are. */
    private PageSource open(ScrapeSettings settings) {
        if (settings.source() instanceof PageSourceSpec.Http http) {
            // the category walk fetches beside the products: one connection more than the limit
            return new EventLoopPageSource(vertx, loop, http.settings(), settings.concurrency() + 1);
        }
        return settings.source().open();
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        // Read and written only on the loop, like every other piece of the scrape's state.
        List<CompletableFuture<ProductOutcome>> products = new ArrayList<>();
        // Set by the caller on an interrupt, so that no queued product starts afterwards.
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<ScrapeResult> result = workload.walkAsync(categoryUrl, page -> {
            cpuWorkObserver.accept(Thread.currentThread());
            for (URI url : page) {
                products.add(limiter.submit(() -> scrapeProduct(url, cancelled))
                        .exceptionally(error -> Workload.fromError(url, error)));
            }
        }, onLoop).thenCompose(walk -> Workload.assembleWhenDone(walk, products));
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancelled.set(true);
            result.cancel(true);
            if (workload.source() instanceof EventLoopPageSource http) {
                http.cancelAll();
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the scrape failed unexpectedly", e.getCause());
        }
    }

    /** Fetches one product, then parses and computes it on the loop, as the coroutine would after its await. */
    private CompletableFuture<ProductOutcome> scrapeProduct(URI url, AtomicBoolean cancelled) {
        if (cancelled.get()) {
            return CompletableFuture.failedFuture(new CancellationException("scrape interrupted"));
        }
        return workload.source().fetchAsync(url).thenApplyAsync(this::fromPage, onLoop);
    }

    private ProductOutcome fromPage(Page page) {
        cpuWorkObserver.accept(Thread.currentThread());
        return workload.fromPage(page);
    }

    /** Blocked-thread checks that found the loop stalled, since the model was created. */
    @Override
    public long stalls() {
        return stalls.get();
    }

    @Override
    public void close() {
        try {
            workload.close();
        } finally {
            closeVertx();
        }
    }

    private void closeVertx() {
        try {
            // Pending timers and connections end with it; never wait forever.
            vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("scrapebench: the event loop did not stop within 15 s: " + e);
        }
    }
}
