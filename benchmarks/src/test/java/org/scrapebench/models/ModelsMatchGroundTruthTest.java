package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * Every model, against the WireMock fixture shop, returns exactly the ground truth: the same
 * products, names, prices (value and scale) and currencies, in category order, and nothing failed.
 */
@Order(3) // long: it starts early
class ModelsMatchGroundTruthTest {

    private static final FixtureSites SITES = new FixtureSites();
    /** One instance per model, reused across sites as a benchmark reuses it across iterations. */
    private static final Map<Model, ConcurrencyModel> MODELS = new EnumMap<>(Model.class);

    @AfterAll
    static void stopSitesAndModels() {
        MODELS.values().forEach(ConcurrencyModel::close);
        SITES.close();
    }

    static Stream<Arguments> cases() {
        List<CatalogSpec> sizes = List.of(
                new CatalogSpec(7, 0, 10, 2),     // no products: one empty category page
                new CatalogSpec(7, 1, 10, 2),     // a single product
                new CatalogSpec(7, 10, 10, 2),    // exactly one full page
                new CatalogSpec(7, 47, 10, 4),    // several pages, the last one partial
                new CatalogSpec(11, 60, 8, 1));   // a long chain: 60 products over 8 pages, the last one partial
        List<String> latencies = List.of("fixed:3", "lognormal:3:0.6:30");
        List<Arguments> cases = new ArrayList<>();
        for (Model model : Model.values()) {
            for (CatalogSpec size : sizes) {
                for (String latency : latencies) {
                    cases.add(Arguments.of(model, size, latency));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void returnsExactlyTheGroundTruth(Model model, CatalogSpec spec, String latency) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        FixtureSite site = SITES.get(spec, latency);
        ConcurrencyModel scraper = MODELS.computeIfAbsent(model,
                m -> m.create(ScrapeSettings.http(8)));
        ScrapeResult result = scraper.scrape(site.categoryUrl());
        assertTrue(result.failures().isEmpty(), () -> "failures: " + result.failures());
        assertMatches(site.catalog().expected(), result.products(), site);
        assertEquals(site.catalog().categoryPageCount() + spec.products(), result.pagesVisited());
    }

    static void assertMatches(List<ExpectedProduct> expected, List<Product> actual, FixtureSite site) {
        assertEquals(expected.size(), actual.size(), "product count");
        for (int i = 0; i < expected.size(); i++) {
            ExpectedProduct want = expected.get(i);
            Product got = actual.get(i);
            String where = "product " + i + " (" + want.path() + ")";
            assertEquals(site.url(want.path()), got.url(), where + " url");
            assertEquals(want.name(), got.name(), where + " name");
            // equals, not compareTo: the scale (JPY 0 digits, others 2) must match too
            assertEquals(want.price(), got.price(), where + " price");
            assertEquals(want.currency(), got.currency(), where + " currency");
        }
    }
}
