package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.RetryPolicy;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Whatever the site does, every model returns within the deadline its timeouts and retries allow
 * ({@link ScrapeDeadline}): here, a site where every product page hangs.
 */
class ModelsMeetTheirDeadlineTest {

    private static final FixtureSites SITES = new FixtureSites();

    @AfterAll
    static void stopSites() {
        SITES.close();
    }

    private static final HttpPageSource.Settings IMPATIENT = new HttpPageSource.Settings(Duration.ofMillis(200),
            Duration.ofMillis(200), new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)), 2);

    @ParameterizedTest
    @EnumSource(Model.class)
    void returnsWithinItsDeadlineWhenEveryProductHangs(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = SITES.get(new CatalogSpec(23, 8, 4, 1), "none", "kind:hang:100");
        // one cluster member: this test is not about spreading the job (the ground-truth, fault and
        // distributed tests run two), and each member JVM costs seconds of CPU
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Http(IMPATIENT)).concurrency(4).members(1).build();
        Duration deadline = ScrapeDeadline.of(model, settings, site.catalog().categoryPageCount(), 8);
        try (ConcurrencyModel scraper = model.create(settings)) {
            ScrapeResult result = assertTimeoutPreemptively(deadline, () -> scraper.scrape(site.categoryUrl()),
                    () -> model + " overran its deadline of " + deadline.toMillis() + " ms");
            assertEquals(List.of(), result.products());
            assertEquals(8, result.failures().size(), () -> "failures: " + result.failures());
            for (Failure failure : result.failures()) {
                assertEquals("timed out after 200 ms (gave up after 2 tries)", failure.reason(), failure::describe);
                assertEquals(2, failure.attempts());
            }
        }
    }
}
