package org.scrapebench.models;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;
import org.scrapebench.worker.WorkerPool;

/**
 * A pool of {@code concurrency} worker JVMs fed over stdin/stdout, the JVM's answer to Python's
 * multiprocessing pool. Each worker fetches, parses and computes one product at a time; this
 * process walks the category pages and shards the products over the workers. Processes share
 * nothing and isolate failures, but every product pays a round trip through two pipes and a JSON
 * encoding, and the pool pays JVM start-up once (at creation, outside any measurement).
 */
final class WorkerProcessesModel implements ConcurrencyModel {

    private final Workload workload;
    private final WorkerPool pool;

    WorkerProcessesModel(ScrapeSettings settings) {
        List<String> workerArgs = new ArrayList<>();
        workerArgs.add(Integer.toString(settings.computeRounds()));
        workerArgs.addAll(settings.source().toArgs());
        this.pool = new WorkerPool(settings.concurrency(), workerArgs, replyDeadline(settings.source()));
        this.workload = new Workload(settings);
    }

    /**
     * How long a worker may take over one product before it counts as hung: the longest a page can
     * take ({@link ScrapeDeadline#perPage}), plus room for parsing, computing and the round trip.
     */
    static Duration replyDeadline(PageSourceSpec source) {
        if (source instanceof PageSourceSpec.Http http) {
            return ScrapeDeadline.perPage(http.settings()).plusSeconds(30);
        }
        return Duration.ofSeconds(60);
    }

    List<Long> workerPids() {
        return pool.pids();
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        List<CompletableFuture<ProductOutcome>> futures = new ArrayList<>();
        Workload.Walk walk;
        try {
            walk = workload.walk(categoryUrl, page -> {
                for (URI url : page) {
                    urls.add(url);
                    futures.add(pool.submit(url));
                }
            });
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return Workload.assemble(walk, Workload.awaitAll(urls, futures));
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            workload.close();
        }
    }
}
