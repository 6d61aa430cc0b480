package org.scrapebench.scrape;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code rate} knob: at most {@code perSecond} requests per second from one page source, as a
 * polite crawler keeps to per host. A bucket of {@value #BURST} token refilled continuously, so
 * requests are spaced evenly instead of leaving in bursts; over any interval of t seconds at most
 * {@code BURST + perSecond x t} tokens are handed out. Thread-safe. Blocking callers wait in
 * {@link #acquire} (interruptibly, parked, never spinning); asynchronous ones get a future that a
 * timer completes ({@link #acquireAsync}), holding no thread while they wait. A token reserved by
 * a caller that is then interrupted stays spent: the limit only gets stricter.
 */
public final class TokenBucket {

    /** Tokens the bucket holds when full: one, so that no two requests leave at once. */
    public static final int BURST = 1;

    private final Bucket bucket;
    private final BlockingStrategy waiting;

    private TokenBucket(double perSecond, TimeMeter clock, BlockingStrategy waiting) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate must be a positive number of requests per second, was " + perSecond);
        }
        // rounded up, so that the interval between tokens is never shorter than the rate allows
        long intervalNanos = (long) Math.ceil(Duration.ofSeconds(1).toNanos() / perSecond);
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(BURST).refillGreedy(1, Duration.ofNanos(Math.max(1, intervalNanos))))
                .withCustomTimePrecision(clock)
                .build();
        this.waiting = waiting;
    }

    /** A full bucket of {@code perSecond} tokens per second on the system's monotonic clock. */
    public static TokenBucket perSecond(double perSecond) {
        return new TokenBucket(perSecond, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
    }

    /** The same on a clock and a way of waiting that a test controls. */
    static TokenBucket perSecond(double perSecond, TimeMeter clock, BlockingStrategy waiting) {
        return new TokenBucket(perSecond, clock, waiting);
    }

    /** Takes a token, waiting for it if the bucket is empty. */
    public void acquire() throws InterruptedException {
        bucket.asBlocking().consume(1, waiting);
    }

    /** Reserves a token; the future completes on {@code timer} when it is due (at once if one is there). */
    public CompletableFuture<Void> acquireAsync(ScheduledExecutorService timer) {
        return bucket.asScheduler().consume(1, timer);
    }
}
