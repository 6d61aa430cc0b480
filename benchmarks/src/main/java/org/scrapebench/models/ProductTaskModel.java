package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * The skeleton of the models that hand each product to an executor as a task: walk the category
 * pages on the calling thread, submit each page's products as soon as it is parsed (so the walk
 * overlaps the fetches), wait for every task in order, assemble. On an interrupt every task
 * submitted so far is cancelled before the interrupt is rethrown. A subclass says how one product
 * is submitted and how its executor stops.
 */
abstract class ProductTaskModel implements ConcurrencyModel {

    protected final Workload workload;

    protected ProductTaskModel(ScrapeSettings settings) {
        this.workload = new Workload(settings);
    }

    /** Starts scraping one product; the future never fails but for cancellation. */
    protected abstract Future<ProductOutcome> submit(URI productUrl);

    /** Stops the model's threads or processes; called once, by {@link #close}. */
    protected abstract void stop();

    @Override
    public final ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        List<Future<ProductOutcome>> futures = new ArrayList<>();
        Workload.Walk walk;
        try {
            walk = workload.walk(categoryUrl, page -> {
                for (URI url : page) {
                    urls.add(url);
                    futures.add(submit(url));
                }
            });
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return Workload.assemble(walk, Workload.awaitAll(urls, futures));
    }

    @Override
    public final void close() {
        try {
            stop();
        } finally {
            workload.close();
        }
    }
}
