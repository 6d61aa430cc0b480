package org.scrapebench.models;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.worker.WorkerPool;

/**
 * A pool of {@code processes} worker JVMs fed over stdin/stdout, the JVM's answer to Python's
 * multiprocessing pool as crawlers use it: the n requests in flight are spread over the workers,
 * and each worker scrapes its share at once on threads of its own. This process walks the category
 * pages and hands out the products. Processes share nothing and isolate failures, but every
 * product pays a round trip through two pipes and a JSON encoding, and the pool pays JVM start-up
 * once (at creation, outside any measurement). There are never more workers than requests in
 * flight: a worker without a share would sit idle.
 *
 * <p>A rate limit is a token bucket per process (a bucket shared across processes would need a
 * round trip to one owner per request): the P workers and this process's category walk each get
 * rate / (P + 1), so that together they never exceed the rate. Every worker is started with the
 * settings this model runs on ({@link ScrapeSettings#toJson}), its share of the rate included.
 */
final class WorkerProcessesModel extends ProductTaskModel {

    private final WorkerPool pool;

    WorkerProcessesModel(ScrapeSettings settings) {
        super(settings.sharedBy(workers(settings) + 1));
        WorkerPool started;
        try {
            started = new WorkerPool(workers(settings), settings.concurrency(), List.of(workload.settings().toJson()),
                    replyDeadline(workload.settings()));
        } catch (RuntimeException e) {
            workload.close();
            throw e;
        }
        this.pool = started;
    }

    /** One worker per process asked for, but no more than requests in flight. */
    static int workers(ScrapeSettings settings) {
        return Math.min(settings.workerProcesses().processes(), settings.concurrency());
    }
    /**
     * How long a worker may take over one product before it counts as hung: the longest a page can
     * take ({@link ScrapeDeadline#perPage}), plus, under a rate limit, the wait for a token behind
     * every request the products in flight may make, plus room for parsing, computing and the
     * round trip.
     */
    static Duration replyDeadline(ScrapeSettings workerSettings) {
        if (workerSettings.source() instanceof PageSourceSpec.Http http) {
            Duration deadline = ScrapeDeadline.perPage(http.settings()).plusSeconds(30);
            HttpPageSource.Settings source = http.settings();
            if (source.rate() > 0) {
                long requests = ScrapeDeadline.requestsPerPage(source) * workerSettings.concurrency();
                deadline = deadline.plusNanos((long) Math.ceil(requests * 1e9 / source.rate()));
            }
            return deadline;
        }
        return Duration.ofSeconds(60);
    }

    List<Long> workerPids() {
        return pool.pids();
    }

    List<Integer> workerShares() {
        return pool.shares();
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
