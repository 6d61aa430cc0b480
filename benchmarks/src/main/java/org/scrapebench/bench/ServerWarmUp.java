package org.scrapebench.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scrapebench.fixtures.FaultPlan;

/**
 * The fixture server's warm-up ({@link ScrapeTrial#warmUp}) on a thread of its own, so that it
 * overlaps the benchmark's warm-up iterations instead of adding to every trial's setup; the
 * measurement waits for it with {@link #await()}.
 */
final class ServerWarmUp {

    /** Longer than any warm-up: {@code warmUp} stops at its deadline, and its requests time out. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Thread thread;
    private final CompletableFuture<Void> done;
    private final Duration duration;

    private ServerWarmUp(Thread thread, CompletableFuture<Void> done, Duration duration) {
        this.thread = thread;
        this.done = done;
        this.duration = duration;
    }

    static ServerWarmUp start(URI categoryUrl, FaultPlan plan, Duration duration) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (duration.isZero() || duration.isNegative()) {
            done.complete(null);
            return new ServerWarmUp(null, done, Duration.ZERO);
        }
        Thread thread = new Thread(() -> {
            try {
                ScrapeTrial.warmUp(categoryUrl, plan, duration);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "fixture-server-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new ServerWarmUp(thread, done, duration);
    }

    /** Returns once the warm-up is over; throws if it failed (e.g. the server stopped answering). */
    void await() throws InterruptedException {
        try {
            done.get(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the fixture server warm-up did not end");
        }
    }

    /** Stops the warm-up if it is still running, and waits for its thread, so none outlives the trial. */
    void stop() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
