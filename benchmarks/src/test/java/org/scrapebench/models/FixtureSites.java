package org.scrapebench.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.fixtures.LatencyProfile;

/** Fixture sites shared by the tests of one class, started on first use and closed together. */
final class FixtureSites implements AutoCloseable {
    private final Map<String, FixtureSite> sites = new LinkedHashMap<>();

    synchronized FixtureSite get(CatalogSpec spec, String latency) {
        return get(spec, latency, "none");
    }

    synchronized FixtureSite get(CatalogSpec spec, String latency, String faults) {
        return sites.computeIfAbsent(spec + "|" + latency + "|" + faults, key -> FixtureSite.start(
                Catalog.generate(spec), LatencyProfile.parse(latency), FaultProfile.parse(faults)));
    }

    @Override
    public synchronized void close() {
        sites.values().forEach(FixtureSite::close);
        sites.clear();
    }
}
