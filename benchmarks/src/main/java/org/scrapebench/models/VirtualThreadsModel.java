package org.scrapebench.models;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * One virtual thread per product (JDK 21+). A blocked virtual thread unmounts from its carrier, so
 * thousands can wait on the network while the carriers (one per core) parse. Threads are cheap,
 * sockets are not: a semaphore keeps at most {@code concurrency} requests in flight.
 *
 * <p>The project compiles with {@code --release 17}, so the executor is looked up reflectively;
 * {@link Model} refuses to create the model on an older JDK (no silent fallback to platform threads).
 */
final class VirtualThreadsModel extends ProductTaskModel {

    /** The first JDK whose virtual threads are final (JEP 444). */
    static final int MINIMUM_FEATURE_VERSION = 21;

    // package-private: a test checks that its threads really are virtual
    final ExecutorService executor;
    private final Semaphore inFlight;

    VirtualThreadsModel(ScrapeSettings settings) {
        super(settings);
        this.executor = newVirtualThreadPerTaskExecutor();
        this.inFlight = new Semaphore(settings.concurrency());
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (InvocationTargetException e) {
            throw new UnsupportedOperationException("VIRTUAL_THREADS unavailable: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("VIRTUAL_THREADS unavailable: " + e, e);
        }
    }

    @Override
    protected Future<ProductOutcome> submit(URI productUrl) {
        return executor.submit(() -> {
            inFlight.acquire();
            try {
                return workload.scrapeProduct(productUrl);
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    protected void stop() {
        PoolShutdown.stop(executor);
    }
}
