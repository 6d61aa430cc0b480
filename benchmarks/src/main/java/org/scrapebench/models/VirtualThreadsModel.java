package org.scrapebench.models;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * One virtual thread per product (JDK 21+). A blocked virtual thread unmounts from its carrier, so
 * thousands can wait on the network while the carriers (one per core) parse. Threads are cheap,
 * sockets are not: a semaphore keeps at most {@code concurrency} requests in flight.
 *
 * <p>The project compiles with {@code --release 17}, so the executor is looked up reflectively; on
 * an older JDK the model cannot be created and says so (no silent fallback to platform threads).
 */
final class VirtualThreadsModel implements ConcurrencyModel {

    /** The first JDK whose virtual threads are final (JEP 444). */
    static final int MINIMUM_FEATURE_VERSION = 21;

    private final Workload workload;
    // package-private: a test checks that its threads really are virtual
    final ExecutorService executor;
    private final Semaphore inFlight;

    VirtualThreadsModel(ScrapeSettings settings) {
        this.executor = newVirtualThreadPerTaskExecutor();
        this.inFlight = new Semaphore(settings.concurrency());
        this.workload = new Workload(settings);
    }

    /** Null when virtual threads can be used here, else why not. */
    static String unavailableReason() {
        int feature = Runtime.version().feature();
        return feature >= MINIMUM_FEATURE_VERSION
                ? null
                : "needs JDK " + MINIMUM_FEATURE_VERSION + "+ (this is JDK " + feature + ")";
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException("VIRTUAL_THREADS " + reason);
        }
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (InvocationTargetException e) {
            throw new UnsupportedOperationException("VIRTUAL_THREADS unavailable: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("VIRTUAL_THREADS unavailable: " + e, e);
        }
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
                    futures.add(executor.submit(() -> {
                        inFlight.acquire();
                        try {
                            return workload.scrapeProduct(url);
                        } finally {
                            inFlight.release();
                        }
                    }));
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
        PoolShutdown.stop(executor);
        workload.close();
    }
}
