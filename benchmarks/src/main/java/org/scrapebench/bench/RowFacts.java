package org.scrapebench.bench;

import java.util.Map;
import java.util.OptionalDouble;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.LatencyProfile;
import org.scrapebench.fixtures.ScheduleFloor;
import org.scrapebench.models.Model;

/**
 * What the report needs to know about one result row that only this module can tell, written into
 * {@code environment.json}: how many threads can run the row's CPU work at once (from the model's
 * traits, the GIL switch and the processes), how many requests it keeps in flight, and the least
 * time the fixture site allows for its requests ({@link ScheduleFloor}, from the site's own per-page
 * delays and fault plan).
 *
 * @param cpuThreads     threads that can run the model's CPU work at once on this machine
 * @param latencyFloorMs the site's floor for this row, empty without a fixture site of ours
 */
record RowFacts(String model, int cpuThreads, boolean limitsInFlight, int inFlight, OptionalDouble latencyFloorMs) {

    static RowFacts of(Map<String, String> params, int cores) {
        Model model = Model.valueOf(params.get("model"));
        boolean gil = ModelKnobs.parseSwitch("gil", params.getOrDefault("gil", "off"));
        int processes = perCore(params.getOrDefault("processes", "0"), cores);
        int concurrency = perCore(params.getOrDefault("concurrency", "0"), cores);
        int cpuThreads = model.traits().cpu().threads(cores, gil, processes);
        boolean limits = model.traits().limitsInFlight();
        int inFlight = limits ? concurrency : 1;
        OptionalDouble floor = OptionalDouble.empty();
        String latency = params.get("latency");
        String siteUrl = params.getOrDefault("siteUrl", "");
        if (latency != null && siteUrl.isBlank()) {
            CatalogSpec spec = new CatalogSpec(ScrapeTrial.SEED, Integer.parseInt(params.get("products")),
                    Integer.parseInt(params.get("productsPerPage")), Integer.parseInt(params.get("pageKb")));
            ScheduleFloor site = ScheduleFloor.of(FaultProfile.parse(params.getOrDefault("faults", "none"))
                    .plan(Catalog.generate(spec)), LatencyProfile.parse(latency));
            floor = OptionalDouble.of(limits ? site.overlappedMillis(inFlight) : site.serialMillis());
        }
        return new RowFacts(model.name(), cpuThreads, limits, inFlight, floor);
    }

    private static int perCore(String value, int cores) {
        int n = Integer.parseInt(value.trim());
        return n == 0 ? cores : n;
    }
}
