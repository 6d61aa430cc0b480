package org.scrapebench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.scrape.ComputeStep;
import org.scrapebench.scrape.InMemoryPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;

/** With the GIL switch on, every model still does all the work and returns the exact answer. */
class ModelsUnderTheGilTest {

    @ParameterizedTest
    @EnumSource(Model.class)
    void everyModelReturnsTheGroundTruthWithTheGilOn(Model model) throws Exception {
        assumeTrue(model.available(), () -> model + " skipped: " + model.unavailableReason());
        CatalogSpec spec = new CatalogSpec(13, 30, 7, 4);
        Catalog catalog = Catalog.generate(spec);
        // one cluster member: this test is not about spreading the job (the ground-truth, fault and
        // distributed tests run two), and each member JVM costs seconds of CPU
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Memory(spec)).concurrency(4).computeRounds(2).members(1).build().withGil(true);
        try (ConcurrencyModel scraper = model.create(settings)) {
            ScrapeResult result = scraper.scrape(InMemoryPageSource.BASE_URL.resolve(catalog.categoryPath()));
            assertTrue(result.complete(), () -> "failures: " + result.failures());
            List<ExpectedProduct> expected = catalog.expected();
            assertEquals(expected.size(), result.products().size());
            long digest = 0;
            for (int i = 0; i < expected.size(); i++) {
                Product got = result.products().get(i);
                assertEquals(expected.get(i).name(), got.name());
                assertEquals(expected.get(i).price(), got.price());
                digest += ComputeStep.digest(new String(catalog.page(expected.get(i).path()), StandardCharsets.UTF_8), 2);
            }
            assertEquals(digest, result.computeDigest(), "every compute step ran exactly once");
            assertEquals(expected.stream().map(p -> InMemoryPageSource.BASE_URL.resolve(p.path())).toList(),
                    result.products().stream().map(Product::url).toList(), "every product, at its own address, in order");
        }
    }
}
