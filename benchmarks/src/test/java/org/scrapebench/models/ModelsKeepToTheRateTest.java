package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.TokenBucket;

/**
 * Under the {@code rate} knob every model, blocking or asynchronous, one process or several, keeps
 * to the rate as the site sees it: the most requests that arrive within any window of w seconds is
 * at most rate x (w + j), plus the one token each of its buckets holds when full (one per process
 * that fetches: this one, and each worker or member). j is the spread of the delay between a
 * token and the server's log of its request: the tests share two cores, and with none allowed,
 * 22 requests of FORK_JOIN once arrived within one second at 20 per second (bound 21), and with
 * 100 ms allowed, 46 at 40 per second (bound 45) in a full test run on a slow hour. The job is
 * long enough (63 requests at 40 per second, over 1.5 s) that a model sending at twice the rate
 * puts all of them in one window, above the bound (51 to 53).
 */
class ModelsKeepToTheRateTest {

    private static final FixtureSites SITES = new FixtureSites();
    private static final double RATE = 40;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    /** The delivery jitter allowed for: ten token intervals at this rate. */
    private static final Duration JITTER = Duration.ofMillis(250);

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void noModelSendsMoreThanItsRateInAnyWindow(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = SITES.get(new CatalogSpec(37, 60, 20, 1), "fixed:1");
        ScrapeSettings settings = ScrapeSettings.http(8).toBuilder().processes(2).members(2).rate(RATE).build();
        try (ConcurrencyModel scraper = model.create(settings)) {
            site.resetCounters();
            ScrapeResult result = scraper.scrape(site.categoryUrl());

            assertTrue(result.complete(), () -> "failures: " + result.failures());
            ModelsMatchGroundTruthTest.assertMatches(site.catalog().expected(), result.products(), site);
            assertEquals(site.catalog().categoryPageCount() + 60, site.requestsServed());
            int buckets = 1 + model.processes(settings);
            double bound = RATE * (WINDOW.toNanos() + JITTER.toNanos()) / 1e9 + buckets * TokenBucket.BURST;
            int most = site.maxRequestsWithin(WINDOW);
            assertTrue(most <= bound, () -> model + " sent " + most + " requests within " + WINDOW.toMillis()
                    + " ms at " + RATE + "/s over " + buckets + " token buckets: more than " + bound);
        }
    }
}
