package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Each benchmark class, on a small grid, opens its trial (fixture server process included), runs
 * one validated scrape and closes: a benchmark that would compute a wrong or short answer fails
 * here, not in the middle of a long run. Nothing is timed.
 */
@Order(4) // long: it starts early
@Execution(ExecutionMode.CONCURRENT) // each test opens its own trial
class BenchmarksValidateTheirAnswerTest {

    /**
     * Every regime with the simplest model and the one whose trial has the most parts (worker
     * processes that load the corpus themselves); that every model returns the right answer is
     * {@code ModelsMatchGroundTruthTest}'s job.
     */
    static Stream<Arguments> regimes() {
        return Stream.of(Model.SERIAL, Model.WORKER_PROCESSES).flatMap(model -> Stream.of(
                Arguments.of(model, "io-bound"), Arguments.of(model, "cpu-bound"), Arguments.of(model, "mixed")));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("regimes")
    void everyRegimeScrapesTheWholeCatalogCorrectly(Model model, String regime) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        ScrapeBenchmark benchmark = small(model, regime);
        inTrial(benchmark, counters -> {
            ScrapeResult result = benchmark.scrape(counters);
            assertEquals(12, result.products().size());
            assertTrue(result.complete());
            // 3 category pages + 12 products, no retries on a healthy site
            assertEquals(15, counters.requests);
            assertEquals(0, counters.retries);
            assertEquals(0, counters.failures);
            assertEquals(1, counters.scrapes);
            benchmark.scrape(counters);
            assertEquals(2, counters.scrapes, "the report divides the summed counters by this");
            assertEquals(30, counters.requests);
        });
    }

    private static ScrapeBenchmark small(Model model, String regime) {
        return switch (regime) {
            case "io-bound" -> JmhParams.set(new IoBoundBenchmark(), "model", model, "products", 12,
                    "productsPerPage", 5, "latency", "fixed:1", "pageKb", 1, "faults", "none", "computeRounds", 0,
                    "concurrency", 4, "siteUrl", "", "serverWarmUpSeconds", 1, "gil", "off", "processes", 0);
            case "mixed" -> JmhParams.set(new MixedBenchmark(), "model", model, "products", 12,
                    "productsPerPage", 5, "latency", "lognormal:2:0.5:20", "pageKb", 8, "faults", "none",
                    "computeRounds", 1, "concurrency", 2, "siteUrl", "", "serverWarmUpSeconds", 0, "gil", "off",
                    "processes", 0);
            default -> JmhParams.set(new CpuBoundBenchmark(), "model", model, "products", 12,
                    "productsPerPage", 5, "pageKb", 8, "computeRounds", 3, "concurrency", 0, "gil", "off",
                    "processes", 0);
        };
    }

    /**
     * Each of the regime map's classes with the model of it that differs most from the rest (one
     * thread; processes that compute in JVMs of their own, under the GIL): the compute rounds and
     * the lock reach the model, and the digest of the answer checks that each product got all of
     * the rounds. That every model runs each compute step once is {@code ModelsUnderTheGilTest}'s.
     */
    static Stream<Arguments> mapRows() {
        return Stream.of(Arguments.of(new RegimeMapBenchmark(), Model.EVENT_LOOP, "off"),
                Arguments.of(new GilRegimeMapBenchmark(), Model.WORKER_PROCESSES, "on"));
    }

    @ParameterizedTest(name = "{1} gil={2}")
    @MethodSource("mapRows")
    void theRegimeMapScrapesTheWholeCatalogWithItsComputeRounds(RegimeMapBenchmark map, Model model, String gil)
            throws Exception {
        ScrapeBenchmark benchmark = JmhParams.set(map, "model", model, "products", 12, "productsPerPage", 5,
                "latency", "fixed:1", "pageKb", 4, "faults", "none", "computeRounds", 30, "concurrency", 4,
                "siteUrl", "", "serverWarmUpSeconds", 0, "gil", gil, "processes", 0, "childJvmWarmUpSeconds", 0);
        assertEquals(30, RowParams.of(benchmark).settings().computeRounds());
        assertEquals("on".equals(gil), RowParams.of(benchmark).settings().gil());
        inTrial(benchmark, counters -> {
            ScrapeResult result = benchmark.scrape(counters);
            assertEquals(12, result.products().size());
            assertTrue(result.complete());
            assertEquals(15, counters.requests);
        });
    }

    /** The trial's extra warm-up scrapes (each validated) for a model with JVMs of its own, and only for one. */
    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"SERIAL", "FIXED_THREAD_POOL", "WORKER_PROCESSES"})
    void onlyAModelWithJvmsOfItsOwnGetsTheTrialWarmUp(Model model) throws Exception {
        try (ScrapeTrial trial = ScrapeTrial.inMemory(model, ScrapeSettings.builder(new PageSourceSpec.Memory(
                new CatalogSpec(ScrapeTrial.SEED, 12, 5, 8))).computeRounds(1).build())) {
            int scrapes = trial.warmUpChildJvms(Duration.ofMillis(500));
            if (model.traits().startsProcesses()) {
                assertTrue(scrapes > 0, "no warm-up scrape ran");
            } else {
                assertEquals(0, scrapes);
            }
        }
    }

    /**
     * The process sweep's trial, with the rate knob any HTTP benchmark takes ({@code -p rate=20}):
     * the rate reaches the worker processes, and the answer is still whole.
     */
    @Test
    void theProcessSweepScrapesTheWholeCatalogUnderARateLimit() throws Exception {
        ScrapeBenchmark benchmark = JmhParams.set(new ProcessSweepBenchmark(), "model", Model.WORKER_PROCESSES,
                "products", 12, "productsPerPage", 5, "latency", "fixed:1", "pageKb", 1, "faults", "none",
                "computeRounds", 0, "concurrency", 4, "siteUrl", "", "serverWarmUpSeconds", 0, "gil", "off",
                "processes", 2, "rate", 20);
        inTrial(benchmark, counters -> {
            ScrapeResult result = benchmark.scrape(counters);
            assertEquals(12, result.products().size());
            assertEquals(15, counters.requests);
        });
    }

    @Test
    void aShortOrWrongAnswerFailsTheRun() throws Exception {
        CatalogSpec spec = new CatalogSpec(ScrapeTrial.SEED, 6, 5, 1);
        try (ScrapeTrial trial = ScrapeTrial.inMemory(Model.SERIAL, ScrapeSettings.memory(spec, 1))) {
            ScrapeResult right = trial.scrapeOnce();
            trial.validate(right);

            List<Product> shortList = right.products().subList(0, 5);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trial.validate(
                    new ScrapeResult(shortList, List.of(), right.requests(), right.pagesVisited(), right.computeDigest())));
            assertEquals("SERIAL returned 5 products, expected 6", e.getMessage());

            Product first = right.products().get(0);
            List<Product> wrongPrice = new java.util.ArrayList<>(right.products());
            wrongPrice.set(0, new Product(first.url(), first.name(), first.price().add(java.math.BigDecimal.ONE), first.currency()));
            e = assertThrows(IllegalStateException.class, () -> trial.validate(
                    new ScrapeResult(wrongPrice, List.of(), right.requests(), right.pagesVisited(), right.computeDigest())));
            assertEquals("SERIAL returned wrong products (checksum mismatch)", e.getMessage());

            e = assertThrows(IllegalStateException.class, () -> trial.validate(new ScrapeResult(right.products(),
                    List.of(new Failure(URI.create("http://x/p/1"), 3, "HTTP 503")), 0, 0, right.computeDigest())));
            assertTrue(e.getMessage().startsWith("SERIAL scrape incomplete: 1 pages failed"), e.getMessage());

            e = assertThrows(IllegalStateException.class, () -> trial.validate(new ScrapeResult(right.products(),
                    List.of(), right.requests(), right.pagesVisited(), right.computeDigest() + 1)));
            assertEquals("SERIAL skipped or repeated compute work (digest mismatch)", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Model.class)
    void benchmarkClassesLeaveOutOnlyTheModelsTheForkJdkCannotRun(Model model) {
        List<String> on17 = BenchRunner.modelsFor(IoBoundBenchmark.class, 17);
        assertEquals(model.traits().minimumJdk() <= 17, on17.contains(model.name()));
        assertEquals(null, BenchRunner.modelsFor(IoBoundBenchmark.class, 25));
        assertEquals(null, BenchRunner.modelsFor(CalibrationBenchmark.class, 17));
        // the sweep declares its own list (pool, virtual threads, processes); that list is kept
        List<String> declared = List.of("FIXED_THREAD_POOL", "VIRTUAL_THREADS", "WORKER_PROCESSES");
        List<String> sweepOn17 = BenchRunner.modelsFor(ConcurrencySweepBenchmark.class, 17);
        assertEquals(declared.contains(model.name()) && model.traits().minimumJdk() <= 17,
                sweepOn17.contains(model.name()));
    }

    /** What a test checks in a benchmark's open trial, with counters fresh for it. */
    private interface TrialCheck {
        void check(ScrapeCounters counters) throws Exception;
    }

    /** Opens {@code benchmark}'s trial, runs {@code check} in it, and closes the trial whatever happens. */
    private static void inTrial(ScrapeBenchmark benchmark, TrialCheck check) throws Exception {
        ScrapeCounters counters = new ScrapeCounters();
        counters.reset();
        benchmark.openTrialOnce();
        try {
            check.check(counters);
        } finally {
            benchmark.closeTrial();
        }
    }
}
