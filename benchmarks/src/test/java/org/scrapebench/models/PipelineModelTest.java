package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * What the decomposition into stages promises beyond the right answer (which the shared model tests
 * check): a full queue stops the stage that feeds it, fetchers never parse, a failing product does
 * not stop a stage, and interrupt and close leave no stage thread or queued product behind. The
 * parse stage is held up through the model's parse hook, and the state is read off the fixture
 * site's request count once every other stage is stuck, so nothing here depends on timing.
 */
@Isolated // it counts this JVM's pipeline threads: no other test class may start any meanwhile
class PipelineModelTest {

    private static final FixtureSites SITES = new FixtureSites();

    /** 60 products, 20 per category page: the first category page alone lists more than the stages hold. */
    private static final CatalogSpec SIXTY = new CatalogSpec(37, 60, 20, 1);
    private static final int FETCHERS = 4;
    private static final int CAPACITY = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    @Test
    void theDefaultQueueCapacityIsTwiceTheFetchersAndAGivenOneWins() {
        ScrapeSettings settings = ScrapeSettings.http(8);
        assertEquals(16, PipelineModel.queueCapacity(settings));
        assertEquals(5, PipelineModel.queueCapacity(settings.toBuilder().queueCapacity(5).build()));
    }

    @Test
    void fullQueuesStopTheFetchersAndTheWalkUntilTheParsersCatchUp() throws Exception {
        FixtureSite site = SITES.get(SIXTY, "fixed:1");
        HeldParseStage held = new HeldParseStage();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (PipelineModel model = new PipelineModel(settings(1), held)) {
            long served = site.requestsServed();
            Caller caller = Caller.start(model, site.categoryUrl());
            try {
                awaitEveryStageStuck(site, caller, before);
                assertEquals(1, held.calls.get(), "pages handed to the one parser");
                // one category page; one page being parsed, a full page queue, one page in each fetcher's hands
                assertEquals(1 + 1 + CAPACITY + FETCHERS, site.requestsServed() - served,
                        "requests made while the parse stage was held");
            } finally {
                held.release();
            }
            ScrapeResult result = (ScrapeResult) caller.ending();
            ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), result.products(), site);
            assertEquals(List.of(), result.failures());
            assertEquals(3 + 60, site.requestsServed() - served, "each page fetched once");
            assertEquals(60, held.calls.get(), "each product parsed once");
        }
    }

    @Test
    void everyProductIsParsedOnAParseStageThreadAndNowhereElse() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(41, 47, 10, 4), "lognormal:3:0.6:30");
        Queue<String> parsedOn = new ConcurrentLinkedQueue<>();
        int parseWorkers = 2;
        try (PipelineModel model = new PipelineModel(ScrapeSettings.http(8).toBuilder().parseWorkers(parseWorkers).build(),
                (workload, page) -> {
                    parsedOn.add(Thread.currentThread().getName());
                    return workload.fromPage(page);
                })) {
            ScrapeResult result = assertTimeoutPreemptively(PATIENCE, () -> model.scrape(site.categoryUrl()));
            ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), result.products(), site);
        }
        // a fetcher that parsed would have completed its product without passing the parse step
        assertEquals(47, parsedOn.size());
        assertEquals(List.of(), parsedOn.stream().filter(name -> !name.startsWith("pipeline-parse-")).toList());
        assertTrue(new HashSet<>(parsedOn).size() <= parseWorkers, () -> "parsed on " + new HashSet<>(parsedOn));
    }

    @Test
    void aProductWhoseParseFailsIsReportedAndTheOneParserCarriesOn() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(43, 30, 10, 1), "fixed:1");
        List<ExpectedProduct> expected = site.expectedProducts();
        URI broken = site.url(expected.get(4).path());
        BiFunction<Workload, Page, ProductOutcome> breaksOne = (workload, page) -> {
            if (page.url().equals(broken)) {
                throw new IllegalStateException("parser bug");
            }
            return workload.fromPage(page);
        };
        try (PipelineModel model = new PipelineModel(ScrapeSettings.http(4).toBuilder().parseWorkers(1).build(), breaksOne)) {
            for (int scrape = 0; scrape < 2; scrape++) {
                ScrapeResult result = assertTimeoutPreemptively(PATIENCE, () -> model.scrape(site.categoryUrl()),
                        "a product that failed to parse left the scrape waiting");
                List<ExpectedProduct> others = new ArrayList<>(expected);
                others.remove(4);
                ModelsMatchGroundTruthTest.assertMatches(others, result.products(), site);
                assertEquals(1, result.failures().size(), () -> "failures: " + result.failures());
                Failure failure = result.failures().get(0);
                assertEquals(broken, failure.url());
                assertTrue(failure.reason().startsWith("internal error") && failure.reason().contains("parser bug"),
                        failure::describe);
            }
        }
    }

    @Test
    void anInterruptedScrapeDropsItsQueuedProductsAndTheNextScrapeIsWhole() throws Exception {
        FixtureSite site = SITES.get(SIXTY, "fixed:1");
        HeldParseStage held = new HeldParseStage();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PipelineModel model = new PipelineModel(settings(1), held);
        try {
            Caller caller = Caller.start(model, site.categoryUrl());
            try {
                awaitEveryStageStuck(site, caller, before);
                caller.thread.interrupt();
                assertInstanceOf(InterruptedException.class, caller.ending());
            } finally {
                held.release();
            }
            long served = site.requestsServed();
            ScrapeResult next = assertTimeoutPreemptively(PATIENCE, () -> model.scrape(site.categoryUrl()));
            ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), next.products(), site);
            // the interrupted scrape's queued and held products were dropped, neither fetched nor parsed
            assertEquals(3 + 60, site.requestsServed() - served);
            assertEquals(1 + 60, held.calls.get());
        } finally {
            model.close();
        }
        awaitNoStageThreadLeft(before);
    }

    @Test
    void closingMidScrapeStopsEveryStageAndEndsTheScrape() throws Exception {
        FixtureSite site = SITES.get(SIXTY, "fixed:1");
        HeldParseStage held = new HeldParseStage();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PipelineModel model = new PipelineModel(settings(1), held);
        Caller caller = Caller.start(model, site.categoryUrl());
        try {
            awaitEveryStageStuck(site, caller, before);
        } finally {
            model.close();
        }
        Object ending = caller.ending();
        assertInstanceOf(IllegalStateException.class, ending);
        assertEquals("PIPELINE was closed during a scrape", ((Exception) ending).getMessage());
        awaitNoStageThreadLeft(before);
    }

    private static ScrapeSettings settings(int parseWorkers) {
        return ScrapeSettings.http(FETCHERS).toBuilder().queueCapacity(CAPACITY).build().toBuilder().parseWorkers(parseWorkers).build();
    }

    /** The parse step, held at its first call until released; counts its calls. */
    private static final class HeldParseStage implements BiFunction<Workload, Page, ProductOutcome> {
        final AtomicInteger calls = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public ProductOutcome apply(Workload workload, Page page) {
            calls.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
            return workload.fromPage(page);
        }

        void release() {
            released.countDown();
        }
    }

    /** A scrape on a thread of its own, so that the test can watch it, interrupt it and close under it. */
    private static final class Caller {
        final Thread thread;
        private final AtomicReference<Object> ending = new AtomicReference<>();

        private Caller(ConcurrencyModel model, URI categoryUrl) {
            thread = new Thread(() -> {
                try {
                    ending.set(model.scrape(categoryUrl));
                } catch (Throwable e) {
                    ending.set(e);
                }
            }, "test-pipeline-caller");
        }

        static Caller start(ConcurrencyModel model, URI categoryUrl) {
            Caller caller = new Caller(model, categoryUrl);
            caller.thread.start();
            return caller;
        }

        /** The result or the throwable the scrape ended with. */
        Object ending() throws InterruptedException {
            thread.join(PATIENCE.toMillis());
            assertFalse(thread.isAlive(), "the scrape did not end");
            return ending.get();
        }
    }

    /**
     * Waits until the parse stage is held, every fetcher waits for room in the page queue and the
     * walk waits for room in the product queue: from then on nothing moves until the parser does.
     */
    private static void awaitEveryStageStuck(FixtureSite site, Caller caller, Set<Thread> before) {
        Supplier<List<Thread>> fetchers = () -> newThreads(before, "pipeline-fetch-");
        awaitUntil(() -> fetchers.get().size() == FETCHERS
                        && fetchers.get().stream().allMatch(PipelineModelTest::waitingForRoom)
                        && waitingForRoom(caller.thread),
                () -> "the stages never all filled up (" + site.requestsServed() + " requests served); fetchers: "
                        + fetchers.get().stream().map(t -> t.getName() + " " + t.getState()).toList()
                        + ", walk: " + caller.thread.getState());
    }

    /** Blocked in a bounded queue's put, waiting for a taker to make room. */
    private static boolean waitingForRoom(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getMethodName().equals("put") && stack[i].getClassName().endsWith("BlockingQueue")) {
                // the condition's await, not the queue lock's: the queue is full
                for (int j = 0; j < i; j++) {
                    if (stack[j].getMethodName().equals("await")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private static void awaitNoStageThreadLeft(Set<Thread> before) {
        awaitUntil(() -> newThreads(before, "pipeline-").isEmpty(),
                () -> "stage threads left behind: " + newThreads(before, "pipeline-"));
    }

    private static List<Thread> newThreads(Set<Thread> before, String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith(prefix))
                .toList();
    }

    private static void awaitUntil(BooleanSupplier condition, Supplier<String> failure) {
        assertTimeoutPreemptively(PATIENCE, () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(5);
            }
        }, failure);
    }
}
