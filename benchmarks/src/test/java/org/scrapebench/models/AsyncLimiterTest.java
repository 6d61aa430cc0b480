package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

    @Test
    void neverRunsMoreThanTheLimitAndRunsEverything() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AsyncLimiter limiter = new AsyncLimiter(3, pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(limiter.submit(() -> CompletableFuture.supplyAsync(() -> {
                    int now = running.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                    return n;
                }, pool)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.get(i).get());
            }
            assertTrue(peak.get() <= 3, "peak " + peak.get());
            assertEquals(0, limiter.running());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingOperationReleasesItsPermit() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AsyncLimiter limiter = new AsyncLimiter(1, pool);
            CompletableFuture<String> failed = limiter.submit(() -> { throw new IllegalStateException("boom"); });
            CompletableFuture<String> next = limiter.submit(() -> CompletableFuture.completedFuture("ran"));
            ExecutionException e = assertThrows(ExecutionException.class, failed::get);
            assertEquals("boom", e.getCause().getMessage());
            assertEquals("ran", next.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new AsyncLimiter(0, Runnable::run));
    }
}
