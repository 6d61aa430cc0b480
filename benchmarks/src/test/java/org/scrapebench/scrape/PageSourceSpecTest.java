package org.scrapebench.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.scrapebench.fixtures.CatalogSpec;
import org.junit.jupiter.api.Test;

/** What a worker process is started with opens the same source, rate limit included. */
class PageSourceSpecTest {

    @Test
    void anHttpSourceCrossesTheProcessBoundaryWithItsRate() {
        PageSourceSpec spec = new PageSourceSpec.Http(new HttpPageSource.Settings(Duration.ofMillis(700),
                Duration.ofMillis(900), new RetryPolicy(4, Duration.ofMillis(30), Duration.ofMillis(400)), 3, 6.5));
        assertEquals(spec, PageSourceSpec.fromArgs(spec.toArgs()));
        ScrapeSettings limited = ScrapeSettings.http(4).withRate(2.5);
        assertEquals(2.5, limited.rate());
        assertEquals(limited.source(), PageSourceSpec.fromArgs(limited.source().toArgs()));
        assertEquals(0, ScrapeSettings.http(4).rate());
    }

    @Test
    void aRateNeedsAnHttpSourceAndAPositiveNumber() {
        ScrapeSettings inMemory = new ScrapeSettings(new PageSourceSpec.Memory(new CatalogSpec(1, 2, 2, 1)),
                1, null, 0);
        assertEquals(inMemory, inMemory.withRate(0));
        assertThrows(IllegalArgumentException.class, () -> inMemory.withRate(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScrapeSettings.http(1).withRate(-2));
        assertEquals("rate must be 0 (none) or a positive number of requests per second, was -2.0", e.getMessage());
    }
}
