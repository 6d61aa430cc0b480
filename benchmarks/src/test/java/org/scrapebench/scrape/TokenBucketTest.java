package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: exact waits, no real time involved. */
class TokenBucketTest {

    private static final long MS = 1_000_000;

    /** A clock that moves only when someone waits on it. */
    private static final class FakeTime implements TimeMeter, BlockingStrategy {
        long now = 1_000 * MS;
        final List<Long> waits = new ArrayList<>();

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public void park(long nanos) {
            waits.add(nanos);
            now += nanos;
        }
    }

    @Test
    void blockingCallersAreSpacedEvenlyAfterTheBurst() throws Exception {
        FakeTime time = new FakeTime();
        TokenBucket bucket = TokenBucket.perSecond(4, time, time);
        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }
        // the first token is there; each of the other four waits a quarter of a second
        assertEquals(List.of(250 * MS, 250 * MS, 250 * MS, 250 * MS), time.waits);

        time.now += 10_000 * MS; // idle for ten seconds: the bucket holds one token, not forty
        time.waits.clear();
        bucket.acquire();
        bucket.acquire();
        assertEquals(List.of(250 * MS), time.waits);
    }

    @Test
    void overAnyIntervalNoMoreThanTheBurstPlusTheRateGoOut() throws Exception {
        FakeTime time = new FakeTime();
        double rate = 7;
        TokenBucket bucket = TokenBucket.perSecond(rate, time, time);
        List<Long> issued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            time.now += (i % 3) * 40 * MS; // callers arrive unevenly, sometimes slower than the rate
            bucket.acquire();
            issued.add(time.now);
        }
        for (int from = 0; from < issued.size(); from++) {
            for (int to = from; to < issued.size(); to++) {
                double seconds = (issued.get(to) - issued.get(from)) / 1e9;
                int count = to - from + 1;
                assertTrue(count <= TokenBucket.BURST + rate * seconds + 1e-9,
                        count + " tokens within " + seconds + " s at " + rate + "/s");
            }
        }
    }

    @Test
    void asynchronousCallersWaitOnTheTimerHoldingNoThread() throws Exception {
        FakeTime time = new FakeTime();
        TokenBucket bucket = TokenBucket.perSecond(2, time, time);
        List<Long> delays = new ArrayList<>();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                delays.add(unit.toNanos(delay));
                return super.schedule(command, 0, unit); // the fake clock's wait is over at once
            }
        };
        try {
            CompletableFuture<Void> first = bucket.acquireAsync(timer);
            CompletableFuture<Void> second = bucket.acquireAsync(timer);
            CompletableFuture<Void> third = bucket.acquireAsync(timer);
            assertTrue(first.isDone(), "a token was there: no wait");
            CompletableFuture.allOf(second, third).get(30, TimeUnit.SECONDS);
            // reserved one after another: the second is due in half a second, the third in one
            assertEquals(List.of(500 * MS, 1_000 * MS), delays);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anInterruptedWaitEndsAtOnce() {
        TokenBucket bucket = TokenBucket.perSecond(0.001); // one token every 1,000 s, on the real clock
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            bucket.acquire(); // the burst
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, bucket::acquire);
            assertFalse(Thread.currentThread().isInterrupted());
        });
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> TokenBucket.perSecond(0));
        assertThrows(IllegalArgumentException.class, () -> TokenBucket.perSecond(-1));
        assertThrows(IllegalArgumentException.class, () -> TokenBucket.perSecond(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TokenBucket.perSecond(Double.POSITIVE_INFINITY));
    }
}
