package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/** The worker pool starts real JVMs; none may outlive the model, whatever happened to the scrape. */
@Execution(ExecutionMode.CONCURRENT) // each test has its own worker pool
class WorkerProcessesLifecycleTest {

    private static final FixtureSites SITES = new FixtureSites();

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    /** A success, then a failure, then close: no worker is left (the tests below close after a success). */
    @Test
    void closingStopsEveryWorkerAfterAFailedScrape() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(3, 12, 5, 1), "none");
        List<Long> pids;
        try (WorkerProcessesModel model = (WorkerProcessesModel) Model.WORKER_PROCESSES.create(ScrapeSettings.http(3).toBuilder().processes(3).build())) {
            pids = model.workerPids();
            assertEquals(3, pids.size());
            pids.forEach(pid -> assertTrue(isAlive(pid), "worker " + pid + " should run while the model is open"));
            ScrapeResult result = model.scrape(site.categoryUrl());
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            assertEquals(12, result.products().size());
            // a category that does not exist: the scrape fails, and says so
            ScrapeResult failed = model.scrape(site.url("/no/such/category"));
            assertFalse(failed.complete());
            assertEquals(1, failed.failures().size());
            assertTrue(failed.failures().get(0).reason().contains("404"), failed.failures().get(0).reason());
        }
        assertAllGone(pids);
    }

    @Test
    void aKilledWorkerIsReplacedAndNothingIsLost() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(5, 30, 10, 1), "fixed:2");
        List<Long> before;
        List<Long> after;
        try (WorkerProcessesModel model = (WorkerProcessesModel) Model.WORKER_PROCESSES.create(ScrapeSettings.http(2).toBuilder().processes(2).build())) {
            before = model.workerPids();
            ProcessHandle victim = ProcessHandle.of(before.get(0)).orElseThrow();
            victim.destroyForcibly();
            victim.onExit().get(10, TimeUnit.SECONDS);
            ScrapeResult result = model.scrape(site.categoryUrl());
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            assertEquals(30, result.products().size());
            after = awaitWorkers(model, 2);
            assertNotEquals(before.get(0), after.get(0), "the dead worker should have been replaced");
            assertEquals(before.get(1), after.get(1), "the healthy worker should have been kept");
        }
        assertAllGone(before);
        assertAllGone(after);
    }

    @Test
    void aWorkerKilledMidRunHasItsProductRedispatchedAndNothingIsLostOrCountedTwice() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(9, 40, 10, 1), "fixed:50");
        List<Long> before;
        List<Long> after;
        try (WorkerProcessesModel model = (WorkerProcessesModel) Model.WORKER_PROCESSES.create(ScrapeSettings.http(2).toBuilder().processes(2).build())) {
            before = model.workerPids();
            CompletableFuture<ScrapeResult> scrape = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    scrape.complete(model.scrape(site.categoryUrl()));
                } catch (Throwable e) {
                    scrape.completeExceptionally(e);
                }
            }, "test-scrape-caller");
            long start = site.requestsServed();
            caller.start();
            // kill -9 once products are flowing (40 products at 50 ms over 2 workers: about 1 s of work)
            while (site.requestsServed() - start < 8 && !scrape.isDone()) {
                Thread.sleep(2);
            }
            ProcessHandle victim = ProcessHandle.of(before.get(0)).orElseThrow();
            victim.destroyForcibly();
            ScrapeResult result = scrape.get(60, TimeUnit.SECONDS);
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            assertEquals(site.catalog().categoryPageCount() + 40, result.pagesVisited());
            after = awaitWorkers(model, 2);
            assertFalse(after.contains(before.get(0)), "the killed worker should have been replaced");
        }
        assertAllGone(before);
        assertAllGone(after);
    }

    @Test
    void theRequestsInFlightAreSharedOverTheWorkersAndNeverExceeded() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(13, 24, 12, 1), "fixed:100");
        try (WorkerProcessesModel model = (WorkerProcessesModel) Model.WORKER_PROCESSES.create(
                ScrapeSettings.http(8).toBuilder().processes(2).build())) {
            assertEquals(List.of(4, 4), model.workerShares());
            site.resetCounters();
            ScrapeResult result = model.scrape(site.categoryUrl());
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            // the site counts a request until its answer is scheduled, not sent, so it cannot show a
            // lower bound under latency; WorkerPoolFailuresTest proves the shares run at once
            assertTrue(site.maxConcurrentRequests() <= 8 + 1,
                    () -> site.maxConcurrentRequests() + " requests in flight, limit 8 (+1 for the walk)");
        }
    }

    @Test
    void neverMoreWorkersThanRequestsInFlight() throws Exception {
        try (WorkerProcessesModel model = (WorkerProcessesModel) Model.WORKER_PROCESSES.create(
                ScrapeSettings.http(2).toBuilder().processes(4).build())) {
            assertEquals(List.of(1, 1), model.workerShares());
            assertEquals(2, model.workerPids().size());
        }
    }

    /** The workers in service once {@code count} are (a replacement starts in the background). */
    private static List<Long> awaitWorkers(WorkerProcessesModel model, int count) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Long> pids = model.workerPids();
            while (pids.size() < count) {
                Thread.sleep(20);
                pids = model.workerPids();
            }
            return pids;
        }, () -> "fewer than " + count + " workers in service: " + model.workerPids());
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    private static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(isAlive(pid), "worker process " + pid + " outlived the model");
        }
    }
}
