package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.TokenBucket;

/**
 * Under the {@code rate} knob every model, blocking or asynchronous, one process or several, makes
 * no more requests than its token buckets allow over the time it took, counted by the site.
 */
class ModelsKeepToTheRateTest {

    private static final FixtureSites SITES = new FixtureSites();

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void noModelOutrunsItsRate(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = SITES.get(new CatalogSpec(37, 30, 10, 1), "fixed:1");
        double rate = 20;
        ScrapeSettings settings = ScrapeSettings.http(8).withRate(rate);
        try (ConcurrencyModel scraper = model.create(settings)) {
            site.resetCounters();
            long start = System.nanoTime();
            ScrapeResult result = scraper.scrape(site.categoryUrl());
            double seconds = (System.nanoTime() - start) / 1e9;
            long requests = site.requestsServed();

            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            int categoryPages = site.catalog().categoryPageCount();
            assertEquals(categoryPages + 30, requests);
            // one bucket per process that fetches; the workers' buckets share the rate, and the
            // walk's own (rate / P) adds at most its category pages
            double bound = model.traits().startsProcesses()
                    ? WorkerProcessesModel.workers(settings) * TokenBucket.BURST + rate * seconds + categoryPages
                    : TokenBucket.BURST + rate * seconds;
            assertTrue(requests <= bound, () -> model + " made " + requests + " requests in " + seconds
                    + " s at " + rate + "/s: more than " + bound);
        }
    }
}
