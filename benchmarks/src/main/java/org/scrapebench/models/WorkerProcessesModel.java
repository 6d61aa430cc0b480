package org.scrapebench.models;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.worker.WorkerPool;

/**
 * A pool of {@code processes} worker JVMs fed over stdin/stdout, the JVM's answer to Python's
 * multiprocessing pool. Each worker fetches, parses and computes one product at a time; this
 * process walks the category pages and shards the products over the workers. Processes share
 * nothing and isolate failures, but every product pays a round trip through two pipes and a JSON
 * encoding, and the pool pays JVM start-up once (at creation, outside any measurement).
 */
final class WorkerProcessesModel extends ProductTaskModel {

    private final WorkerPool pool;

    WorkerProcessesModel(ScrapeSettings settings) {
        super(settings);
        List<String> workerArgs = new ArrayList<>();
        workerArgs.add(Integer.toString(settings.computeRounds()));
        workerArgs.addAll(settings.source().toArgs());
        WorkerPool started;
        try {
            started = new WorkerPool(settings.processes(), workerArgs, replyDeadline(settings.source()));
        } catch (RuntimeException e) {
            workload.close();
            throw e;
        }
        this.pool = started;
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
    protected Future<ProductOutcome> submit(URI productUrl) {
        return pool.submit(productUrl);
    }

    @Override
    protected void stop() {
        pool.close();
    }
}
