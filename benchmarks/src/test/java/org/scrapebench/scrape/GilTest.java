package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The GIL switch: with it on, no two threads of a process ever run CPU work at once, and a long job hands over. */
class GilTest {

    /** CPU work in small steps with a checkpoint between them, as parsing and computing are. */
    private static long work(Gil gil, AtomicInteger inside, AtomicInteger mostInside, List<String> holders, long steps) {
        return gil.run(() -> {
            long sum = 0;
            for (long step = 0; step < steps; step++) {
                int now = inside.incrementAndGet();
                mostInside.accumulateAndGet(now, Math::max);
                synchronized (holders) {
                    String me = Thread.currentThread().getName();
                    if (holders.isEmpty() || !holders.get(holders.size() - 1).equals(me)) {
                        holders.add(me);
                    }
                }
                for (int i = 0; i < 20_000; i++) {
                    sum += (sum * 31 + i) ^ step;
                }
                inside.decrementAndGet();
                Gil.checkpoint();
            }
            return sum;
        });
    }

    private static int mostAtOnce(Gil gil, List<String> holders) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> work(gil, inside, most, holders, 400)));
            }
            for (Future<Long> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return most.get();
    }

    @Test
    void withTheGilOnNoTwoThreadsRunCpuWorkAtOnceAndLongWorkHandsOver() throws Exception {
        List<String> holders = new ArrayList<>();
        assertEquals(1, mostAtOnce(Gil.on(), holders));
        // four jobs of many switch intervals each: the lock went back and forth, not job after job
        assertTrue(holders.size() > 4, "the lock changed hands only " + (holders.size() - 1) + " times: " + holders);
    }

    @Test
    void withTheGilOffThreadsRunTogether() throws Exception {
        // the same jobs without the lock do overlap on a machine with more than one core
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1);
        int most = 0;
        for (int attempt = 0; attempt < 5 && most < 2; attempt++) {
            most = Math.max(most, mostAtOnce(Gil.OFF, new ArrayList<>()));
        }
        assertTrue(most >= 2, "without the GIL the work never overlapped");
    }

    @Test
    void nestedWorkKeepsTheLockAndACheckpointOutsideItDoesNothing() {
        Gil gil = Gil.on();
        Gil.checkpoint();
        assertEquals(7, gil.run(() -> gil.run(() -> 7)));
    }
}
