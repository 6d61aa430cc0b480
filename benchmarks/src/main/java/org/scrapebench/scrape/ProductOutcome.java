package org.scrapebench.scrape;

import java.net.URI;

/**
 * What scraping one product URL gave: the product or the failure, the requests it took, and
 * the digest of its compute step (0 when there is none), so every model's work can be checked.
 */
public record ProductOutcome(URI url, Product product, Failure failure, int requests, long computeDigest) {
    public ProductOutcome {
        if ((product == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of product and failure must be given");
        }
    }

    public static ProductOutcome scraped(Product product, int requests, long computeDigest) {
        return new ProductOutcome(product.url(), product, null, requests, computeDigest);
    }

    public static ProductOutcome failed(Failure failure) {
        return new ProductOutcome(failure.url(), null, failure, failure.attempts(), 0L);
    }

    public boolean succeeded() {
        return product != null;
    }
}
