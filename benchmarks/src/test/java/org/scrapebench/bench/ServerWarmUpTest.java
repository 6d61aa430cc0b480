package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FaultPlan;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.fixtures.LatencyProfile;

class ServerWarmUpTest {

    private static final Catalog CATALOG = Catalog.generate(new CatalogSpec(7, 10, 5, 1));

    @Test
    void theMeasurementWaitsUntilTheServerHasBeenKeptBusyForTheWholeWarmUp() throws Exception {
        try (FixtureSite site = FixtureSite.start(CATALOG, LatencyProfile.parse("fixed:1"))) {
            long started = System.nanoTime();
            ServerWarmUp warmUp = ServerWarmUp.start(site.categoryUrl(), plan(), Duration.ofMillis(500));
            long requestsWhenStarted = site.requestsServed();
            warmUp.await();
            long waited = System.nanoTime() - started;
            assertTrue(waited >= Duration.ofMillis(500).toNanos(), "await returned after " + waited / 1_000_000 + " ms");
            assertTrue(site.requestsServed() - requestsWhenStarted > 50,
                    "the warm-up sent " + (site.requestsServed() - requestsWhenStarted) + " requests");
            warmUp.stop();
            assertEquals(0, warmUpThreads(), "the warm-up thread outlived the warm-up");
        }
    }

    @Test
    void aFailedWarmUpFailsTheMeasurementWithTheReason() throws Exception {
        URI nothingThere;
        try (FixtureSite site = FixtureSite.start(CATALOG, LatencyProfile.parse("fixed:1"))) {
            nothingThere = site.categoryUrl();
        }
        ServerWarmUp warmUp = ServerWarmUp.start(nothingThere, plan(), Duration.ofSeconds(30));
        IllegalStateException e = assertThrows(IllegalStateException.class, warmUp::await);
        assertTrue(e.getMessage().startsWith("fixture server warm-up failed"), e.getMessage());
        warmUp.stop();
    }

    @Test
    void stopEndsAWarmUpStillRunning() throws Exception {
        try (FixtureSite site = FixtureSite.start(CATALOG, LatencyProfile.parse("fixed:1"))) {
            ServerWarmUp warmUp = ServerWarmUp.start(site.categoryUrl(), plan(), Duration.ofSeconds(60));
            long started = System.nanoTime();
            warmUp.stop();
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "stop waited for the full minute");
            assertEquals(0, warmUpThreads());
        }
    }

    @Test
    void noWarmUpMeansNoWait() throws Exception {
        ServerWarmUp warmUp = ServerWarmUp.start(URI.create("http://127.0.0.1:9/"), plan(), Duration.ZERO);
        warmUp.await();
        warmUp.stop();
        assertEquals(0, warmUpThreads());
    }

    private static FaultPlan plan() {
        return FaultProfile.parse("none").plan(CATALOG);
    }

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fixture-server-warm-up") && t.isAlive()).count();
    }
}
