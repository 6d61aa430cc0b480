package org.scrapebench.models;

import java.util.function.Function;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The concurrency models under comparison, one constant each. Every model does the same work and
 * must return the same result; {@link #summary()} is what the README table and {@code --help} show.
 */
public enum Model {
    SERIAL("one thread, one request at a time: the baseline, about N x latency", false, SerialModel::new),
    FIXED_THREAD_POOL("a fixed pool of n platform threads making blocking calls: n caps I/O concurrency",
            true, FixedThreadPoolModel::new),
    FORK_JOIN("a dedicated ForkJoinPool (parallelism = cores), recursive split, fetches as ManagedBlockers; n in flight",
            true, ForkJoinModel::new),
    VIRTUAL_THREADS("a virtual thread per product (JDK 21+), carriers = cores; n requests in flight",
            true, VirtualThreadsModel::new),
    COMPLETABLE_FUTURE("HttpClient.sendAsync composed with thenApply/allOf, no thread blocked per request; n in flight",
            true, CompletableFutureModel::new),
    WORKER_PROCESSES("a pool of n worker JVMs fed over stdin/stdout: isolation, at the price of start-up and IPC",
            true, WorkerProcessesModel::new);

    private final String summary;
    private final boolean usesConcurrency;
    private final Function<ScrapeSettings, ConcurrencyModel> factory;

    Model(String summary, boolean usesConcurrency, Function<ScrapeSettings, ConcurrencyModel> factory) {
        this.summary = summary;
        this.usesConcurrency = usesConcurrency;
        this.factory = factory;
    }

    /** One line: what the model is and what it shows. */
    public String summary() {
        return summary;
    }

    /** Whether {@link ScrapeSettings#concurrency()} means anything to this model. */
    public boolean usesConcurrency() {
        return usesConcurrency;
    }

    /** Null when the model can run on this JVM, else why not (e.g. "needs JDK 21+ (this is JDK 17)"). */
    public String unavailableReason() {
        return this == VIRTUAL_THREADS ? VirtualThreadsModel.unavailableReason() : null;
    }

    public boolean available() {
        return unavailableReason() == null;
    }

    /**
     * Creates the model with its threads or processes started.
     *
     * @throws UnsupportedOperationException when the model cannot run on this JVM
     */
    public ConcurrencyModel create(ScrapeSettings settings) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException(name() + " " + reason);
        }
        return factory.apply(settings);
    }
}
