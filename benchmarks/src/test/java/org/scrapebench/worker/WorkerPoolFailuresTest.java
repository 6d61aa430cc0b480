package org.scrapebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.process.RedispatchPolicy;
import org.scrapebench.scrape.ProductOutcome;

/**
 * Workers that die, hang or write garbage while several products are outstanding on each are
 * replaced and all their products handed on; only the product that breaks every worker it meets
 * fails; none is left behind.
 */
class WorkerPoolFailuresTest {

    @TempDir
    Path markers;

    @Test
    void aBrokenWorkersProductGoesToItsReplacementAndAProductThatKillsEveryWorkerFails() {
        List<String> paths = List.of("ok/1", "die-once/2", "slow/3", "hang-once/4", "slow/5", "garbage-once/6",
                "die-always/7", "ok/8", "slow/9", "ok/10", "slow/11", "ok/12");
        List<Long> before;
        List<Long> after;
        List<ProductOutcome> outcomes = new ArrayList<>();
        // the hang costs one reply deadline; the rest is JVM start-ups of replacements. The deadline
        // leaves a cold replacement JVM room for its first reply on a loaded machine.
        try (WorkerPool pool = new WorkerPool(MisbehavingWorkerMain.class.getName(), List.of(markers.toString()),
                2, 6, Duration.ofSeconds(5))) {
            assertEquals(List.of(3, 3), pool.shares());
            before = pool.pids();
            List<CompletableFuture<ProductOutcome>> futures = new ArrayList<>();
            for (String path : paths) {
                futures.add(pool.submit(URI.create("http://shop.invalid/" + path)));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> futures.forEach(f -> outcomes.add(f.join())));
            after = pool.pids();
        }
        for (int i = 0; i < paths.size(); i++) {
            ProductOutcome outcome = outcomes.get(i);
            assertEquals(URI.create("http://shop.invalid/" + paths.get(i)), outcome.url());
            if (paths.get(i).startsWith("die-always")) {
                assertFalse(outcome.succeeded());
                assertEquals(RedispatchPolicy.MAX_STRIKES, outcome.failure().attempts());
                assertTrue(outcome.failure().reason().startsWith(
                        "worker processes failed 3 times on this product; the last: worker process "),
                        outcome.failure().reason());
                assertTrue(outcome.failure().reason().contains("died (killed by signal 9)"), outcome.failure().reason());
            } else {
                assertTrue(outcome.succeeded(), () -> outcome.failure().describe());
                assertEquals("product " + paths.get(i).split("/")[1], outcome.product().name());
                assertEquals(1, outcome.requests());
            }
        }
        Set<Long> replaced = new HashSet<>(before);
        replaced.retainAll(after);
        assertTrue(replaced.size() < before.size(), "broken workers should have been replaced: " + before + " " + after);
        assertAllGone(before);
        assertAllGone(after);
    }

    @Test
    void aHungRequestHoldsUpNoOtherOnItsWorkerAndGoesToTheReplacement() {
        try (WorkerPool pool = new WorkerPool(MisbehavingWorkerMain.class.getName(), List.of(markers.toString()),
                1, 2, Duration.ofSeconds(10))) {
            List<Long> before = pool.pids();
            CompletableFuture<ProductOutcome> hung = pool.submit(URI.create("http://shop.invalid/hang-once/1"));
            CompletableFuture<ProductOutcome> beside = pool.submit(URI.create("http://shop.invalid/ok/2"));
            // the reply to the second request comes first and is matched to it by id
            ProductOutcome besideOutcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> beside.join());
            assertTrue(besideOutcome.succeeded(), () -> besideOutcome.failure().describe());
            assertEquals("product 2", besideOutcome.product().name());
            assertFalse(hung.isDone(), "the hung request cannot have been answered before its deadline");
            ProductOutcome hungOutcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> hung.join());
            assertTrue(hungOutcome.succeeded(), () -> hungOutcome.failure().describe());
            assertEquals("product 1", hungOutcome.product().name());
            assertEquals(1, hungOutcome.requests());
            List<Long> after = pool.pids();
            assertFalse(after.contains(before.get(0)), "the hung worker should have been replaced");
            pool.close();
            assertAllGone(before);
            assertAllGone(after);
        }
    }

    @Test
    void eachWorkerGetsItsWholeShareAtOnce() {
        // each "together" request is answered only when its worker holds four of them at once: sent
        // one at a time, none would be answered before the deadline. Exactly n products, so that
        // each worker gets exactly its share (a fifth cannot go to a worker before its four answer).
        try (WorkerPool pool = new WorkerPool(MisbehavingWorkerMain.class.getName(), List.of(markers.toString()),
                2, 8, Duration.ofSeconds(30))) {
            List<Long> before = pool.pids();
            List<CompletableFuture<ProductOutcome>> futures = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                futures.add(pool.submit(URI.create("http://shop.invalid/together/" + i)));
            }
            for (int i = 0; i < futures.size(); i++) {
                ProductOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(120), futures.get(i)::join);
                assertTrue(outcome.succeeded(), () -> outcome.failure().describe());
                assertEquals("product " + (i + 1), outcome.product().name());
            }
            assertEquals(before, pool.pids(), "no worker should have been given up on");
        }
    }

    @Test
    void requestsInFlightAreSpreadAsEvenlyAsPossible() {
        assertEquals(List.of(4, 4), shares(8, 2));
        assertEquals(List.of(3, 2, 2), shares(7, 3));
        assertEquals(List.of(1, 1, 1, 1), shares(4, 4));
        assertEquals(16, shares(16, 16).stream().mapToInt(Integer::intValue).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(
                MisbehavingWorkerMain.class.getName(), List.of(markers.toString()), 4, 2, Duration.ofSeconds(1)));
        assertEquals("a worker pool of 4 needs at least one request in flight per worker, got 2", e.getMessage());
    }

    private static List<Integer> shares(int inFlight, int size) {
        List<Integer> shares = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            shares.add(WorkerPool.share(inFlight, size, i));
        }
        return shares;
    }

    static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "worker process " + pid + " outlived its pool");
        }
    }
}
