package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.InMemoryPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * What makes EVENT_LOOP an event loop: all CPU work on its one loop thread, over HTTP and over
 * in-memory pages; its connection pool sized to the in-flight limit, not Vert.x's default of 5;
 * and a loop held by long CPU work counted as stalled.
 */
class EventLoopModelTest {

    private static final FixtureSites SITES = new FixtureSites();

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    /** The threads CPU work ran on, and how many pieces of it there were. */
    private static final class CpuWork {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger pieces = new AtomicInteger();

        void saw(Thread thread) {
            threads.add(thread.getName());
            pieces.incrementAndGet();
        }
    }

    @Test
    void everyParseAndComputeRunsOnTheOneLoopThreadOverHttp() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(41, 47, 10, 1), "lognormal:3:0.5:20");
        CpuWork work = new CpuWork();
        ScrapeSettings settings = ScrapeSettings.http(8);
        try (EventLoopModel model = new EventLoopModel(ScrapeSettings.builder(settings.source()).concurrency(8).computeRounds(2).build(), work::saw)) {
            ScrapeResult result = model.scrape(site.categoryUrl());
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), result.products(), site);
        }
        assertOneLoopThread(work, site.catalog().categoryPageCount() + 47);
    }

    @Test
    void everyParseAndComputeRunsOnTheOneLoopThreadOverInMemoryPages() throws Exception {
        CatalogSpec spec = new CatalogSpec(43, 30, 7, 1);
        CpuWork work = new CpuWork();
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Memory(spec)).concurrency(4).computeRounds(2).build();
        try (EventLoopModel model = new EventLoopModel(settings, work::saw)) {
            ScrapeResult result = model.scrape(InMemoryPageSource.BASE_URL.resolve(Catalog.generate(spec).categoryPath()));
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            assertEquals(30, result.products().size());
        }
        // 30 products, 7 a page: 5 category pages
        assertOneLoopThread(work, 5 + 30);
    }

    private static void assertOneLoopThread(CpuWork work, int pieces) {
        assertEquals(pieces, work.pieces.get(), "one piece of CPU work per category page and per product");
        assertEquals(1, work.threads.size(), () -> "CPU work ran on " + work.threads);
        String thread = work.threads.iterator().next();
        assertTrue(thread.startsWith("vert.x-eventloop-thread-"), thread);
    }

    /**
     * Served by a server of the test's own that holds each answer on its handler thread, so that it
     * sees every request in flight (the fixture site counts a delayed answer only until it is scheduled).
     */
    @Test
    void thePoolIsNotCappedAtVertxDefaultOfFive() throws Exception {
        Catalog catalog = Catalog.generate(new CatalogSpec(47, 40, 40, 1));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(32);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
                byte[] page = catalog.pages().get(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(page == null ? 404 : 200, page == null ? -1 : page.length);
                if (page != null) {
                    exchange.getResponseBody().write(page);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
        try (ConcurrencyModel model = Model.EVENT_LOOP.create(ScrapeSettings.http(16))) {
            URI category = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + catalog.categoryPath());
            ScrapeResult result = model.scrape(category);
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            assertEquals(40, result.products().size());
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
        assertTrue(maxInFlight.get() > 5, () -> "at most " + maxInFlight + " requests in flight with a limit of 16");
        assertTrue(maxInFlight.get() <= 17, () -> maxInFlight + " requests in flight with a limit of 16");
    }

    @Test
    void aLoopHeldByLongComputeCountsAsStalled() throws Exception {
        // 64 KB pages hashed 2,000 times each: every product holds the loop far past the stall threshold
        CatalogSpec spec = new CatalogSpec(53, 3, 3, 64);
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Memory(spec)).concurrency(2).computeRounds(2_000).build();
        try (ConcurrencyModel model = Model.EVENT_LOOP.create(settings)) {
            long before = model.stalls();
            ScrapeResult result = model.scrape(InMemoryPageSource.BASE_URL.resolve(Catalog.generate(spec).categoryPath()));
            assertEquals(3, result.products().size(), () -> "failures: " + result.failures());
            assertTrue(model.stalls() > before, "no stall counted while each product held the loop for its hashing");
        }
        for (Model other : List.of(Model.SERIAL, Model.COMPLETABLE_FUTURE)) {
            try (ConcurrencyModel model = other.create(ScrapeSettings.http(2))) {
                assertEquals(0, model.stalls(), other + " has no loop to stall");
            }
        }
    }
}
