package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/** The baseline: the calling thread does everything, one request at a time, so time is about N x latency. */
final class SerialModel implements ConcurrencyModel {

    private final Workload workload;

    SerialModel(ScrapeSettings settings) {
        this.workload = new Workload(settings);
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> productUrls = new ArrayList<>();
        Workload.Walk walk = workload.walk(categoryUrl, productUrls::addAll);
        List<ProductOutcome> outcomes = new ArrayList<>(productUrls.size());
        for (URI url : productUrls) {
            outcomes.add(workload.scrapeProduct(url));
        }
        return Workload.assemble(walk, outcomes);
    }

    @Override
    public void close() {
        workload.close();
    }
}
