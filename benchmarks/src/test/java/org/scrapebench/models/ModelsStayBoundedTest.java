package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.fixtures.LatencyProfile;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.RetryPolicy;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Whatever the site does, every model stays within bounds: it keeps to its in-flight limit over
 * a thousand faulty products without running out of threads or sockets, and, interrupted, stops
 * promptly and leaves no thread, worker process or cluster member behind. (That it returns within
 * its deadline is {@link ModelsMeetTheirDeadlineTest}'s.)
 */
@Isolated // it counts this JVM's threads and open files: no other test class may add any meanwhile
class ModelsStayBoundedTest {

    private static final FixtureSites SITES = new FixtureSites();

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    // --- in-flight limit and resources ------------------------------------------------------

    /**
     * 1,000 products, 5% of them failing once, for the models that keep n in flight in one process
     * (where an unbounded number of requests or threads would be easiest to start): a thread or a
     * socket per product would pass the bounds below (about 200 threads, 320 files at n = 64) five
     * times over. 300 for the serial baseline and the models with processes of their own, which pay
     * per product: the server, on the same two cores, sets the pace.
     */
    @ParameterizedTest
    @EnumSource(Model.class)
    void aThousandFaultyProductsKeepToTheInFlightLimit(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        Model.Traits traits = model.traits();
        int products = traits.limitsInFlight() && !traits.startsProcesses() ? 1_000 : 300;
        FixtureSite site = SITES.get(new CatalogSpec(29, products, 100, 1), "fixed:1", "transient:5");
        int limit = traits.limitsInFlight() ? 64 : 1;
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT)).concurrency(limit).build();
        try (ConcurrencyModel scraper = model.create(settings)) {
            site.resetCounters();
            ResourceSampler sampler = ResourceSampler.start();
            ScrapeResult result;
            try {
                result = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> scraper.scrape(site.categoryUrl()));
            } finally {
                sampler.stop();
            }
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), result.products(), site);
            assertEquals(site.plan().expectedRetries(3, 5), result.retries());
            // the category walk fetches beside the products: one more than the limit
            assertTrue(site.maxConcurrentRequests() <= limit + 1,
                    () -> model + " had " + site.maxConcurrentRequests() + " requests in flight, limit " + limit);
            // threads and sockets grow with the limit, never with the number of products
            int threadBound = 3 * limit + 16;
            assertTrue(sampler.maxModelThreads.get() <= threadBound,
                    () -> model + " peaked at " + sampler.maxModelThreads + " threads of its own, bound " + threadBound
                            + "; by kind " + sampler.maxByPrefix);
            if (sampler.baselineFds >= 0) {
                long fdBound = sampler.baselineFds + 4L * limit + 64;
                assertTrue(sampler.maxFds.get() <= fdBound,
                        () -> model + " peaked at " + sampler.maxFds + " open files, bound " + fdBound);
            }
        }
    }

    /**
     * Samples the model's platform threads (by name: the server's own threads share this JVM) and
     * the open file descriptors every few milliseconds.
     */
    private static final class ResourceSampler {
        final long baselineFds;
        final AtomicInteger maxModelThreads = new AtomicInteger();
        final java.util.Map<String, Integer> maxByPrefix = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLong maxFds = new AtomicLong(-1);
        private final Thread thread;
        private volatile boolean running = true;

        private ResourceSampler() {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            ThreadGroup all = root;
            baselineFds = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
            thread = new Thread(() -> {
                while (running) {
                    maxModelThreads.accumulateAndGet(modelThreads(all, maxByPrefix), Math::max);
                    if (os instanceof UnixOperatingSystemMXBean unix) {
                        maxFds.accumulateAndGet(unix.getOpenFileDescriptorCount(), Math::max);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-resource-sampler");
            thread.setDaemon(true);
        }

        private static int modelThreads(ThreadGroup all, java.util.Map<String, Integer> maxByPrefix) {
            Thread[] threads = new Thread[all.activeCount() * 2 + 16];
            int count = all.enumerate(threads, true);
            java.util.Map<String, Integer> now = new java.util.HashMap<>();
            int mine = 0;
            for (int i = 0; i < count; i++) {
                String name = threads[i].getName();
                for (String prefix : THREAD_PREFIXES) {
                    if (name.startsWith(prefix)) {
                        mine++;
                        now.merge(prefix, 1, Integer::sum);
                    }
                }
            }
            now.forEach((prefix, n) -> maxByPrefix.merge(prefix, n, Math::max));
            return mine;
        }

        static ResourceSampler start() {
            ResourceSampler sampler = new ResourceSampler();
            sampler.thread.start();
            return sampler;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    // --- interrupt --------------------------------------------------------------------------

    /**
     * The threads of every model, as the models declare them, and of our HTTP client's executor.
     * (The JDK client's own selector thread ends only when the client is collected on JDK 17, so
     * it is not counted as left behind.)
     */
    static final List<String> THREAD_PREFIXES = threadPrefixes();

    static List<String> threadPrefixes() {
        List<String> prefixes = new java.util.ArrayList<>(List.of("http-client-"));
        for (Model model : Model.values()) {
            prefixes.addAll(model.traits().allThreadPrefixes());
        }
        return List.copyOf(prefixes);
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void anInterruptedScrapeStopsPromptlyAndLeavesNothingBehind(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = SITES.get(new CatalogSpec(31, 300, 30, 1), "fixed:20", "transient:10");
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        // one cluster member: stopping one is what is tested (this class runs alone, so a member's
        // start costs the whole build its seconds)
        ScrapeSettings settings = ScrapeSettings.http(4).toBuilder().members(1).build();
        ConcurrencyModel scraper = model.create(settings);
        // every process a model starts (worker processes, cluster members) is a child of this JVM,
        // and this class runs alone: whatever is below this JVM now is the model's
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertEquals(model.processes(settings), children.stream().filter(p -> p.parent()
                .map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false)).count(),
                () -> model + " started other processes than it says: " + children);
        AtomicReference<Object> ending = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                ending.set(scraper.scrape(site.categoryUrl()));
            } catch (Throwable e) {
                ending.set(e);
            }
        }, "test-scrape-caller");
        try {
            long start = site.requestsServed();
            caller.start();
            // interrupt mid-run: once some products are being fetched (about 3 s of work remain at the fastest)
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                while (site.requestsServed() - start < 20) {
                    Thread.sleep(5);
                }
            });
            caller.interrupt();
            caller.join(Duration.ofSeconds(30).toMillis());
            assertFalse(caller.isAlive(), model + " ignored the interrupt for 30 s");
            assertTrue(ending.get() instanceof InterruptedException, () -> model + " ended with " + ending.get());
        } finally {
            scraper.close();
        }
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), () -> model + "'s process " + child.pid() + " "
                    + child.info().commandLine().orElse("") + " outlived close");
        }
        // threads that were told to stop may take a moment to finish dying
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (!leftoverThreads(before).isEmpty()) {
                Thread.sleep(20);
            }
        }, () -> model + " left threads behind: " + leftoverThreads(before));
    }

    /** The JDK's own JVM-wide threads keep to their own schedule: no model can stop them. */
    private static final List<String> JVM_WIDE_PREFIXES = java.util.Arrays.stream(Model.values())
            .flatMap(model -> model.traits().jvmThreadPrefixes().stream())
            .toList();

    private static List<String> leftoverThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> THREAD_PREFIXES.stream().anyMatch(name::startsWith))
                .filter(name -> JVM_WIDE_PREFIXES.stream().noneMatch(name::startsWith))
                .toList();
    }
}
