package org.scrapebench.models;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Keeps at most {@code limit} asynchronous operations running without blocking any thread: an
 * operation over the limit waits in a queue and is started when a running one completes.
 */
final class AsyncLimiter {

    private final int limit;
    private final Executor starter;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    /** {@code starter} runs queued operations, so that a chain of completions never recurses deeply. */
    AsyncLimiter(int limit, Executor starter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.starter = starter;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = operation.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean startNow;
        synchronized (this) {
            startNow = running < limit;
            if (startNow) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (startNow) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            starter.execute(next);
        }
    }

    synchronized int running() {
        return running;
    }
}
