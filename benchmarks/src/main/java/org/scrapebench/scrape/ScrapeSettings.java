package org.scrapebench.scrape;

import java.util.Objects;

/**
 * Everything a concurrency model needs to know about the job besides the category URL.
 *
 * @param source              where pages come from
 * @param concurrency         threads, processes or requests in flight, for the models that have such a limit (>= 1)
 * @param productLinkSelector a CSS selector for product links on sites without schema.org ItemList markup, or null
 * @param computeRounds       rounds of per-product CPU work ({@link ComputeStep}); 0 for none
 */
public record ScrapeSettings(PageSourceSpec source, int concurrency, String productLinkSelector, int computeRounds) {

    public ScrapeSettings {
        Objects.requireNonNull(source, "source");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (computeRounds < 0) {
            throw new IllegalArgumentException("computeRounds must not be negative, was " + computeRounds);
        }
        if (productLinkSelector != null && productLinkSelector.isBlank()) {
            productLinkSelector = null;
        }
    }

    public static ScrapeSettings http(int concurrency) {
        return new ScrapeSettings(new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT), concurrency, null, 0);
    }

    public ScrapeSettings withConcurrency(int newConcurrency) {
        return new ScrapeSettings(source, newConcurrency, productLinkSelector, computeRounds);
    }
}
