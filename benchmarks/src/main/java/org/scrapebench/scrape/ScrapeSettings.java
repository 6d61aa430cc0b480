package org.scrapebench.scrape;

import java.util.Objects;

/**
 * Everything a concurrency model needs to know about the job besides the category URL.
 *
 * @param source              where pages come from
 * @param concurrency         threads or requests in flight, for the models that have such a limit (>= 1)
 * @param productLinkSelector a CSS selector for product links on sites without schema.org ItemList markup, or null
 * @param computeRounds       rounds of per-product CPU work ({@link ComputeStep}); 0 for none
 * @param gil                 whether CPU work (parsing and computing) holds one lock per process, as
 *                            CPython's threads do ({@link Gil})
 * @param processes           worker processes, for the models that start them (>= 1)
 * @param queueCapacity       capacity of each queue between the stages of the models built as a
 *                            pipeline; 0 = the model's own default
 * @param parseWorkers        threads of the parse stage of the models built as a pipeline (>= 1)
 * @param members             cluster member JVMs a distributed model starts on this machine (>= 1)
 * @param clusterMembers      {@code NAME@host:port,host:port...}: members already running elsewhere for a
 *                            distributed model to join instead of starting its own, or null
 */
public record ScrapeSettings(PageSourceSpec source, int concurrency, String productLinkSelector, int computeRounds,
                             boolean gil, int processes, int queueCapacity, int parseWorkers, int members,
                             String clusterMembers) {

    public ScrapeSettings {
        Objects.requireNonNull(source, "source");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (computeRounds < 0) {
            throw new IllegalArgumentException("computeRounds must not be negative, was " + computeRounds);
        }
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be at least 1, was " + processes);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be 0 (= the model's default) or more, was "
                    + queueCapacity);
        }
        if (parseWorkers < 1) {
            throw new IllegalArgumentException("parseWorkers must be at least 1, was " + parseWorkers);
        }
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, was " + members);
        }
        if (clusterMembers != null && clusterMembers.isBlank()) {
            clusterMembers = null;
        }
        if (productLinkSelector != null && productLinkSelector.isBlank()) {
            productLinkSelector = null;
        }
    }

    /**
     * No GIL, one worker process, one parse worker and one cluster member per core, the pipeline's
     * default queues, no cluster elsewhere.
     */
    public ScrapeSettings(PageSourceSpec source, int concurrency, String productLinkSelector, int computeRounds) {
        this(source, concurrency, productLinkSelector, computeRounds, false, cores(), 0, cores(), cores(), null);
    }

    public static ScrapeSettings http(int concurrency) {
        return new ScrapeSettings(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT), concurrency, null, 0);
    }

    public ScrapeSettings withConcurrency(int newConcurrency) {
        return new ScrapeSettings(source, newConcurrency, productLinkSelector, computeRounds, gil, processes,
                queueCapacity, parseWorkers, members, clusterMembers);
    }

    public ScrapeSettings withGil(boolean newGil) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, newGil, processes,
                queueCapacity, parseWorkers, members, clusterMembers);
    }

    public ScrapeSettings withProcesses(int newProcesses) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, gil, newProcesses,
                queueCapacity, parseWorkers, members, clusterMembers);
    }

    public ScrapeSettings withQueueCapacity(int newQueueCapacity) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, gil, processes,
                newQueueCapacity, parseWorkers, members, clusterMembers);
    }

    public ScrapeSettings withParseWorkers(int newParseWorkers) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, gil, processes,
                queueCapacity, newParseWorkers, members, clusterMembers);
    }

    public ScrapeSettings withMembers(int newMembers) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, gil, processes,
                queueCapacity, parseWorkers, newMembers, clusterMembers);
    }

    public ScrapeSettings withClusterMembers(String newClusterMembers) {
        return new ScrapeSettings(source, concurrency, productLinkSelector, computeRounds, gil, processes,
                queueCapacity, parseWorkers, members, newClusterMembers);
    }

    /** Requests per second the page source may make, 0 for no limit; only a source over HTTP has one. */
    public double rate() {
        return source instanceof PageSourceSpec.Http http ? http.settings().rate() : 0;
    }

    /** The same job with the HTTP source limited to {@code newRate} requests per second (0 = no limit). */
    public ScrapeSettings withRate(double newRate) {
        if (!(source instanceof PageSourceSpec.Http http)) {
            if (newRate == 0) {
                return this;
            }
            throw new IllegalArgumentException("a rate limit needs a page source over HTTP, not " + source);
        }
        return new ScrapeSettings(new PageSourceSpec.Http(http.settings().withRate(newRate)), concurrency,
                productLinkSelector, computeRounds, gil, processes, queueCapacity, parseWorkers, members, clusterMembers);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
