package org.scrapebench.models;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stops a model's executor: interrupts what runs, then waits a bounded time for it to end. */
final class PoolShutdown {

    private PoolShutdown() {}

    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            // Requests have timeouts, so interrupted tasks end soon; never wait forever.
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                System.err.println("scrapebench: a thread pool did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
