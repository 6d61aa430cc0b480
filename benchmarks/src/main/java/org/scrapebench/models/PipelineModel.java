package org.scrapebench.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.scrapebench.scrape.FetchException;
import org.scrapebench.scrape.Page;
import org.scrapebench.scrape.ProductOutcome;
import org.scrapebench.scrape.ScrapeResult;
import org.scrapebench.scrape.ScrapeSettings;
import org.scrapebench.scrape.Workload;

/**
 * The job as stages joined by bounded queues: the category walk (on the calling thread) puts
 * product URLs on one queue; {@code concurrency} fetcher threads take them, make the blocking
 * request and put the page on a second queue; {@code parseWorkers} parser threads take pages, parse
 * and compute. Fetchers never parse or compute and parsers never wait on the network, so a request
 * slot is never held by a parse and the cores parse while n requests stay in flight.
 *
 * <p>A full queue blocks the stage that feeds it: when the parsers fall behind, fetched pages pile
 * up no further than the page queue's capacity, and the walk runs no further ahead of the fetchers
 * than the product queue's. Each queue holds two items per fetcher unless told otherwise: the
 * product queue then keeps the fetchers busy while the walk makes its next request, and the page
 * queue takes a round of responses landing together, and the next, while the parsers catch up.
 * Deeper queues would hold more pages in memory without getting them parsed any sooner.
 *
 * <p>The stage threads live as long as the model and serve every scrape. A scrape keeps one future
 * per product in category order; a product whose scrape was interrupted is cancelled, and the stage
 * that meets it next drops it (a fetch already under way finishes, within its timeout, first; close
 * interrupts it).
 */
final class PipelineModel implements ConcurrencyModel {

    /** Each queue's capacity, per fetcher, when the settings leave it to the model. */
    static final int DEFAULT_CAPACITY_PER_FETCHER = 2;

    private final Workload workload;
    private final BiFunction<Workload, Page, ProductOutcome> parseStep;
    private final BlockingQueue<ProductJob> productQueue;
    private final BlockingQueue<FetchedPage> pageQueue;
    private final ExecutorService fetchers;
    private final ExecutorService parsers;
    private volatile boolean closed;

    PipelineModel(ScrapeSettings settings) {
        this(settings, Workload::fromPage);
    }

    /** {@code parseStep} is the parse stage's work: {@link Workload#fromPage}, which tests wrap to watch or hold it. */
    PipelineModel(ScrapeSettings settings, BiFunction<Workload, Page, ProductOutcome> parseStep) {
        this.workload = new Workload(settings);
        this.parseStep = parseStep;
        int capacity = queueCapacity(settings);
        this.productQueue = new ArrayBlockingQueue<>(capacity);
        this.pageQueue = new ArrayBlockingQueue<>(capacity);
        this.fetchers = Executors.newFixedThreadPool(settings.concurrency(),
                new NamedThreadFactory("pipeline-fetch", true));
        this.parsers = Executors.newFixedThreadPool(settings.pipeline().parseWorkers(),
                new NamedThreadFactory("pipeline-parse", true));
        for (int i = 0; i < settings.concurrency(); i++) {
            fetchers.execute(this::runFetchStage);
        }
        for (int i = 0; i < settings.pipeline().parseWorkers(); i++) {
            parsers.execute(this::runParseStage);
        }
    }

    /** The capacity of each of the two queues. */
    static int queueCapacity(ScrapeSettings settings) {
        return settings.pipeline().queueCapacity() > 0
                ? settings.pipeline().queueCapacity()
                : DEFAULT_CAPACITY_PER_FETCHER * settings.concurrency();
    }

    /** A product URL waiting for a fetcher, with the future its scrape waits on. */
    private record ProductJob(URI url, CompletableFuture<ProductOutcome> outcome) {}

    /** A fetched product page waiting for a parser. */
    private record FetchedPage(Page page, CompletableFuture<ProductOutcome> outcome) {}

    /** Carries an interrupt out of the walk's callback, which cannot throw it. */
    private static final class WalkInterrupted extends RuntimeException {
        WalkInterrupted(InterruptedException cause) {
            super(cause);
        }
    }

    @Override
    public ScrapeResult scrape(URI categoryUrl) throws InterruptedException {
        List<URI> urls = new ArrayList<>();
        List<CompletableFuture<ProductOutcome>> outcomes = new ArrayList<>();
        Workload.Walk walk;
        try {
            walk = workload.walk(categoryUrl, page -> {
                for (URI url : page) {
                    CompletableFuture<ProductOutcome> outcome = new CompletableFuture<>();
                    urls.add(url);
                    outcomes.add(outcome);
                    enqueue(new ProductJob(url, outcome));
                }
            });
        } catch (InterruptedException e) {
            outcomes.forEach(outcome -> outcome.cancel(false));
            throw e;
        } catch (WalkInterrupted e) {
            outcomes.forEach(outcome -> outcome.cancel(false));
            throw (InterruptedException) e.getCause();
        }
        return Workload.assemble(walk, Workload.awaitAll(urls, outcomes));
    }

    /** Hands a product to the fetchers, waiting for room: a full queue holds the walk back. */
    private void enqueue(ProductJob job) {
        try {
            productQueue.put(job);
        } catch (InterruptedException e) {
            throw new WalkInterrupted(e);
        }
        if (closed) {
            throw new IllegalStateException("PIPELINE was closed during a scrape");
        }
    }

    /** A fetcher's life: take a product, fetch its page, hand the page on; until close interrupts it. */
    private void runFetchStage() {
        try {
            while (true) {
                ProductJob job = productQueue.take();
                try {
                    fetch(job);
                } catch (InterruptedException e) {
                    job.outcome().cancel(false);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // close() stops the stage
        }
    }

    /** I/O only: a page that cannot be had is the product's outcome; a fetched one waits for a parser. */
    private void fetch(ProductJob job) throws InterruptedException {
        if (job.outcome().isDone()) {
            return;
        }
        Page page;
        try {
            page = workload.source().fetch(job.url());
        } catch (FetchException e) {
            job.outcome().complete(ProductOutcome.failed(e.toFailure()));
            return;
        } catch (RuntimeException e) {
            job.outcome().completeExceptionally(e);
            return;
        }
        pageQueue.put(new FetchedPage(page, job.outcome()));
    }

    /** A parser's life: take a fetched page, parse and compute it; until close interrupts it. */
    private void runParseStage() {
        try {
            while (true) {
                FetchedPage fetched = pageQueue.take();
                if (fetched.outcome().isDone()) {
                    continue;
                }
                try {
                    fetched.outcome().complete(parseStep.apply(workload, fetched.page()));
                } catch (RuntimeException e) {
                    fetched.outcome().completeExceptionally(e);
                }
            }
        } catch (InterruptedException e) {
            // close() stops the stage
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            PoolShutdown.stop(fetchers);
            PoolShutdown.stop(parsers);
        } finally {
            // whatever was still queued ends as cancelled, so that no scrape waits on a stopped stage
            cancelAll(productQueue, ProductJob::outcome);
            cancelAll(pageQueue, FetchedPage::outcome);
            workload.close();
        }
    }

    private static <T> void cancelAll(BlockingQueue<T> queue, Function<T, CompletableFuture<ProductOutcome>> outcome) {
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(item -> outcome.apply(item).cancel(false));
    }
}
