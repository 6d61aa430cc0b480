package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.scrapebench.fixtures.CatalogSpec;

/** The one settings value: what a child JVM receives is what the model was made with. */
class ScrapeSettingsTest {

    @Test
    void everyKnobCrossesTheProcessBoundary() {
        PageSourceSpec http = new PageSourceSpec.Http(new HttpPageSource.Settings(Duration.ofMillis(700),
                Duration.ofMillis(900), new RetryPolicy(4, Duration.ofMillis(30), Duration.ofMillis(400)), 3, 6.5));
        ScrapeSettings settings = ScrapeSettings.builder(http).concurrency(7).productLinkSelector("a.product")
                .computeRounds(5).gil(true).queueCapacity(9).parseWorkers(3).processes(4).members(5)
                .clusterMembers("c1@10.0.0.2:5701").build();
        ScrapeSettings back = ScrapeSettings.fromJson(settings.toJson());
        assertEquals(settings.toJson(), back.toJson());
        assertEquals(http, back.source());
        assertEquals(7, back.concurrency());
        assertEquals("a.product", back.productLinkSelector());
        assertEquals(5, back.computeRounds());
        assertTrue(back.gil());
        assertEquals(new ScrapeSettings.Pipeline(9, 3), back.pipeline());
        assertEquals(new ScrapeSettings.WorkerProcesses(4), back.workerProcesses());
        assertEquals(new ScrapeSettings.Cluster(5, "c1@10.0.0.2:5701"), back.cluster());

        ScrapeSettings memory = ScrapeSettings.memory(new CatalogSpec(3, 20, 5, 8), 2);
        assertEquals(memory.source(), ScrapeSettings.fromJson(memory.toJson()).source());
    }

    @Test
    void zeroMeansOnePerCoreAndIsResolvedWhenBuilt() {
        int cores = Runtime.getRuntime().availableProcessors();
        ScrapeSettings settings = ScrapeSettings.builder(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT)).build();
        assertEquals(cores, settings.concurrency());
        assertEquals(cores, settings.pipeline().parseWorkers());
        assertEquals(cores, settings.workerProcesses().processes());
        assertEquals(cores, settings.cluster().members());
        assertEquals(0, settings.pipeline().queueCapacity(), "0 is the pipeline's own default, not a count of cores");
        assertNull(settings.cluster().clusterMembers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.toBuilder().processes(-1).build());
        assertEquals("processes must be 0 (= one per core) or more, was -1", e.getMessage());
    }

    @Test
    void processesThatShareARateSplitIt() {
        ScrapeSettings limited = ScrapeSettings.http(4).withRate(9);
        assertEquals(9, limited.rate());
        assertEquals(3, limited.sharedBy(3).rate(), 1e-12);
        assertEquals(0, ScrapeSettings.http(4).sharedBy(3).rate(), "no limit stays no limit");
        assertThrows(IllegalArgumentException.class, () -> limited.sharedBy(0));
    }

    @Test
    void aRateNeedsAnHttpSourceAndAPositiveNumber() {
        ScrapeSettings inMemory = ScrapeSettings.memory(new CatalogSpec(1, 2, 2, 1), 1);
        assertEquals(inMemory, inMemory.withRate(0));
        assertThrows(IllegalArgumentException.class, () -> inMemory.withRate(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScrapeSettings.http(1).withRate(-2));
        assertEquals("rate must be 0 (none) or a positive number of requests per second, was -2.0", e.getMessage());
    }

    @Test
    void unreadableSettingsAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScrapeSettings.fromJson("{\"source\":{\"kind\":\"ftp\"}}"));
        assertTrue(e.getMessage().startsWith("unreadable settings: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
