package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedFailure;
import org.scrapebench.fixtures.FaultKind;
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
 * The fault matrix: every fault kind, and the two mixes the benchmark uses, against every model.
 * Each scrape returns exactly the products the plan expects, in category order, and reports exactly
 * the pages it expects as failed, each with the expected reason and number of attempts; where the
 * cost is exact, the retries match too.
 */
@Order(1) // the longest class: it starts first
class ModelsUnderFaultsTest {

    static final int MAX_ATTEMPTS = 3;
    static final int MAX_REDIRECTS = 3;
    /**
     * Short, so the timing kinds (held for 3 s or more) cost little; far above a normal answer (ms),
     * and above the pauses a healthy request met on two busy cores with the whole build beside it
     * (500 ms was not: a healthy page now and then counted a retry the plan does not expect).
     */
    static final HttpPageSource.Settings HTTP = new HttpPageSource.Settings(Duration.ofMillis(1000),
            Duration.ofMillis(1000), new RetryPolicy(MAX_ATTEMPTS, Duration.ofMillis(5), Duration.ofMillis(50)),
            MAX_REDIRECTS);
    static final Catalog CATALOG = Catalog.generate(new CatalogSpec(17, 12, 8, 1));

    private static final Map<Model, ConcurrencyModel> MODELS = new EnumMap<>(Model.class);
    /** One site at a time: the cases run profile by profile. */
    private static FixtureSite site;

    @AfterAll
    static void stopSiteAndModels() {
        MODELS.values().forEach(ConcurrencyModel::close);
        if (site != null) {
            site.close();
        }
    }

    static Stream<Arguments> cases() {
        List<String> profiles = new ArrayList<>(List.of("transient:30", "permanent:30"));
        for (FaultKind kind : FaultKind.values()) {
            // a timing kind holds each of its requests for the whole timeout: one product is enough
            profiles.add("kind:" + kind.specName() + ":" + (kind.timing() ? 5 : 20));
        }
        List<Arguments> cases = new ArrayList<>();
        for (String profile : profiles) {
            for (Model model : Model.values()) {
                cases.add(Arguments.of(profile, model));
            }
        }
        return cases.stream();
    }

    static synchronized FixtureSite site(String profile) {
        if (site == null || !site.faults().spec().equals(profile)) {
            if (site != null) {
                site.close();
            }
            site = FixtureSite.start(CATALOG, LatencyProfile.parse("fixed:2"), FaultProfile.parse(profile));
        }
        return site;
    }

    /**
     * The model, made on first use and warmed by one scrape of a healthy site: a cold model's first
     * requests (its client's classes loading beside other test classes) must not meet the short
     * timeout, or a healthy page would count a retry the plan does not expect.
     */
    static synchronized ConcurrencyModel model(Model model) throws InterruptedException {
        ConcurrencyModel made = MODELS.get(model);
        if (made == null) {
            made = model.create(ScrapeSettings.builder(new PageSourceSpec.Http(HTTP)).concurrency(6).build());
            MODELS.put(model, made);
            try (FixtureSite healthy = FixtureSite.start(CATALOG, LatencyProfile.parse("fixed:2"))) {
                ScrapeResult warm = made.scrape(healthy.categoryUrl());
                assertTrue(warm.complete(), () -> "the warm-up scrape failed: " + warm.failures());
            }
        }
        return made;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void returnsExactlyTheProductsAndFailuresThePlanExpects(String profile, Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = site(profile);
        assertTrue(site.plan().faultsByPath().size() > 0, "the profile should touch some product");
        ScrapeResult result = model(model).scrape(site.categoryUrl());
        assertExpected(site, result);
    }

    /** The exact products and failures of the site's plan, each failure with its reason and attempts. */
    static void assertExpected(FixtureSite site, ScrapeResult result) {
        List<ExpectedFailure> expectedFailures = site.expectedFailures();
        List<String> failedPaths = result.failures().stream().map(f -> f.url().getRawPath()).toList();
        assertEquals(expectedFailures.stream().map(ExpectedFailure::path).toList(), failedPaths,
                () -> "failures: " + result.failures());
        for (int i = 0; i < expectedFailures.size(); i++) {
            ExpectedFailure want = expectedFailures.get(i);
            Failure got = result.failures().get(i);
            assertEquals(site.url(want.path()), got.url());
            assertTrue(want.matches(got.reason()), () -> got.describe() + " should match " + want.reasonPattern());
            int extra = want.kind().extraRequests(MAX_ATTEMPTS, MAX_REDIRECTS);
            assertEquals(1 + extra, got.attempts(), got::describe);
        }
        ModelsMatchGroundTruthTest.assertMatches(site.expectedProducts(), result.products(), site);
        assertEquals(site.catalog().categoryPageCount() + site.catalog().expected().size(), result.pagesVisited());
        boolean exact = site.plan().faultsByPath().values().stream().allMatch(k -> k.extraRequests(1, 1) >= 0);
        if (exact) {
            assertEquals(site.plan().expectedRetries(MAX_ATTEMPTS, MAX_REDIRECTS), result.retries(),
                    "retries beyond one request per page");
        }
    }
}
