package org.scrapebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.scrapebench.scrape.ProductOutcome;

/** Workers that die, hang or write garbage are replaced and their product handed on; none is left behind. */
class WorkerPoolFailuresTest {

    @TempDir
    Path markers;

    @Test
    void aBrokenWorkersProductGoesToItsReplacementAndAProductThatKillsEveryWorkerFails() {
        List<String> paths = List.of("ok/1", "die-once/2", "ok/3", "hang-once/4", "ok/5", "garbage-once/6",
                "die-always/7", "ok/8");
        List<Long> before;
        List<Long> after;
        List<ProductOutcome> outcomes = new ArrayList<>();
        // the hang costs one reply deadline (1.5 s); the rest is JVM start-ups of replacements
        try (WorkerPool pool = new WorkerPool(MisbehavingWorkerMain.class.getName(), List.of(markers.toString()),
                2, Duration.ofMillis(1_500))) {
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
                assertEquals(WorkerPool.MAX_DISPATCHES, outcome.failure().attempts());
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

    static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "worker process " + pid + " outlived its pool");
        }
    }
}
