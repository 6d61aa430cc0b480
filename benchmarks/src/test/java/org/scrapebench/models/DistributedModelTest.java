package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.scrapebench.cluster.ClusterConfig;
import org.scrapebench.cluster.HangingMemberMain;
import org.scrapebench.cluster.MemberMain;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.process.ChildJvm;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.RetryPolicy;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The distributed model's own promises: a member killed or hung mid-job costs a retry of its
 * products, never the job, and every product is in the result exactly once; two models at once
 * form two clusters; members already running elsewhere can be joined, and an unreachable cluster
 * fails fast; no member JVM outlives the model, whatever happened to the scrape.
 */
@Order(2) // long, and its tests wait on deadlines: it starts early
@Execution(ExecutionMode.CONCURRENT) // each test has its own cluster
class DistributedModelTest {

    private static final FixtureSites SITES = new FixtureSites();

    @TempDir
    Path markers;

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    @Test
    void aMemberKilledMidJobCostsARetryOfItsProductsNotTheJob() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(9, 40, 10, 1), "fixed:50");
        List<Long> before;
        List<Long> after;
        try (DistributedModel model = (DistributedModel) Model.DISTRIBUTED.create(ScrapeSettings.http(4).toBuilder().members(2).build())) {
            before = model.memberPids();
            assertEquals(2, before.size());
            long start = site.requestsServed();
            CompletableFuture<ScrapeResult> scrape = Background.scrape(model, site).result();
            // kill -9 once products are flowing (40 products at 50 ms, 4 at a time: about 0.5 s of work)
            while (site.requestsServed() - start < 8 && !scrape.isDone()) {
                Thread.sleep(2);
            }
            ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly();
            ScrapeResult result = scrape.get(120, TimeUnit.SECONDS);
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            // the ground truth, in order, each product once: assemble() refuses a product twice
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            assertEquals(site.catalog().categoryPageCount() + 40, result.pagesVisited());
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                while (model.memberPids().size() < 2) {
                    Thread.sleep(50);
                }
            }, "the killed member should have been replaced");
            after = model.memberPids();
            assertFalse(after.contains(before.get(0)), "the killed member is still listed");
            // the replacement takes its share of the next scrape
            ScrapeResult again = model.scrape(site.categoryUrl());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), again.products(), site);
        }
        assertAllGone(before);
        assertAllGone(after);
    }

    /** Timeouts short enough that the hung member is caught quickly; 2 tries, 1 redirect. */
    private static final HttpPageSource.Settings SHORT = new HttpPageSource.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(1), new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(50)), 1);

    @Test
    void aHungMemberIsKilledAndItsProductsRedoneWithinTheDeadline() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(13, 20, 10, 1), "fixed:20");
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Http(SHORT)).concurrency(2).build().toBuilder().members(2).build();
        Duration deadline = ScrapeDeadline.of(Model.DISTRIBUTED, settings, site.catalog().categoryPageCount(), 20);
        assertTrue(DistributedModel.replyDeadline(settings.source()).compareTo(deadline) < 0,
                "a hung member must be caught within the deadline");
        List<Long> before;
        List<Long> after;
        try (DistributedModel model = new DistributedModel(settings, HangingMemberMain.class.getName(),
                List.of(markers.toString()))) {
            before = model.memberPids();
            ScrapeResult result = assertTimeoutPreemptively(deadline, () -> model.scrape(site.categoryUrl()),
                    "the hung member's product was not redone within the deadline of " + deadline.toMillis() + " ms");
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            assertEquals(site.catalog().categoryPageCount() + 20, result.pagesVisited());
            long killed = before.stream().filter(pid -> !isAlive(pid)).count();
            assertEquals(1, killed, "exactly the hung member should have been killed: " + before);
            after = model.memberPids();
        }
        assertAllGone(before);
        assertAllGone(after);
    }

    @Test
    void twoModelsAtOnceFormTwoClusters() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(5, 12, 5, 1), "fixed:2");
        List<Long> pids = new ArrayList<>();
        try (DistributedModel one = (DistributedModel) Model.DISTRIBUTED.create(ScrapeSettings.http(2).toBuilder().members(1).build());
             DistributedModel two = (DistributedModel) Model.DISTRIBUTED.create(ScrapeSettings.http(2).toBuilder().members(1).build())) {
            pids.addAll(one.memberPids());
            pids.addAll(two.memberPids());
            assertNotEquals(one.coordinator().clusterName(), two.coordinator().clusterName());
            // each cluster is its coordinator and its own member (merged, each would count four)
            assertEquals(2, one.coordinator().clusterSize());
            assertEquals(2, two.coordinator().clusterSize());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), one.scrape(site.categoryUrl()).products(), site);
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), two.scrape(site.categoryUrl()).products(), site);
            assertEquals(2, one.coordinator().clusterSize());
            assertEquals(2, two.coordinator().clusterSize());
        }
        assertAllGone(pids);
    }

    @Test
    void closingStopsEveryMemberAfterAFailedScrapeAndAfterAnInterrupt() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(31, 200, 20, 1), "fixed:20");
        List<Long> pids;
        try (DistributedModel model = (DistributedModel) Model.DISTRIBUTED.create(ScrapeSettings.http(2).toBuilder().members(2).build())) {
            pids = model.memberPids();
            // a category that does not exist: the scrape fails, and says so
            ScrapeResult failed = model.scrape(site.url("/no/such/category"));
            assertEquals(1, failed.failures().size());
            assertTrue(failed.failures().get(0).reason().contains("404"), failed.failures().get(0).reason());
            long start = site.requestsServed();
            Background scrape = Background.scrape(model, site);
            while (site.requestsServed() - start < 10) {
                Thread.sleep(2);
            }
            scrape.caller().interrupt();
            scrape.caller().join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(scrape.caller().isAlive(), "the scrape ignored the interrupt");
            assertTrue(scrape.result().isCompletedExceptionally());
            pids.forEach(pid -> assertTrue(isAlive(pid), "member " + pid + " should run until the model closes"));
        }
        assertAllGone(pids);
    }

    @Test
    void joinsAMemberAlreadyRunningElsewhereAndLeavesItRunning() throws Exception {
        FixtureSite site = SITES.get(new CatalogSpec(5, 12, 5, 1), "fixed:2");
        String clusterName = "test-" + UUID.randomUUID();
        ChildJvm launch = ChildJvm.of("member", ClusterConfig.jvmFlags(Runtime.version().feature()),
                MemberMain.class.getName(),
                List.of("--cluster-name", clusterName, "--bind", "127.0.0.1", "--port", "0", "--threads", "4"));
        Process member = launch.start(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.INHERIT);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
            String ready = assertTimeoutPreemptively(Duration.ofSeconds(90), out::readLine);
            assertTrue(ready != null && ready.startsWith("READY "), "member said: " + ready);
            String address = ready.split(" ")[2];
            ScrapeSettings settings = ScrapeSettings.http(4).toBuilder().clusterMembers(clusterName + "@" + address).build();
            try (DistributedModel model = (DistributedModel) Model.DISTRIBUTED.create(settings)) {
                assertEquals(List.of(), model.memberPids(), "nothing is started here");
                assertEquals(2, model.coordinator().clusterSize());
                ScrapeResult result = model.scrape(site.categoryUrl());
                assertTrue(result.complete(), () -> "failures: " + result.failures());
                ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            }
            assertTrue(member.isAlive(), "a member started elsewhere belongs to whoever started it");
        } finally {
            member.destroyForcibly();
            member.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableClusterFailsFastInOneLine() {
        ScrapeSettings settings = ScrapeSettings.http(2).toBuilder().clusterMembers("nobody-" + UUID.randomUUID() + "@127.0.0.1:1").build();
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> assertThrows(IllegalArgumentException.class, () -> Model.DISTRIBUTED.create(settings)));
        assertTrue(e.getMessage().startsWith("no cluster member of 'nobody-"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void malformedClusterMembersAreRefusedWithTheExpectedForm() {
        for (String bad : List.of("127.0.0.1:5701", "name@", "name@host", "name@host:99999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Model.DISTRIBUTED.create(ScrapeSettings.http(2).toBuilder().clusterMembers(bad).build()), bad);
            assertTrue(e.getMessage().startsWith("cluster member"), e.getMessage());
        }
    }

    /** A scrape running on a thread of its own, so the test can act meanwhile. */
    private record Background(Thread caller, CompletableFuture<ScrapeResult> result) {
        static Background scrape(ConcurrencyModel model, FixtureSite site) {
            CompletableFuture<ScrapeResult> result = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    result.complete(model.scrape(site.categoryUrl()));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "test-scrape-caller");
            caller.start();
            return new Background(caller, result);
        }
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    private static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(isAlive(pid), "member process " + pid + " outlived the model");
        }
    }
}
