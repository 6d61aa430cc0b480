package org.scrapebench.models;

import java.time.Duration;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.RetryPolicy;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * The longest a scrape over HTTP can take, whatever the site does, derived from the timeouts and
 * retries alone: every model returns within it (tests hold them to it against a site where every
 * request hangs). It assumes worker processes stay alive; a worker that dies adds the start-up of
 * its replacement.
 */
public final class ScrapeDeadline {

    /** Room for what is not waiting on the network: parsing, scheduling, and worker round trips. */
    static final Duration ALLOWANCE = Duration.ofSeconds(5);

    private ScrapeDeadline() {}

    /**
     * The longest one page can take: every request (the attempts the retry policy allows plus the
     * redirects followed) running into the request timeout, which covers the whole exchange, plus
     * the longest backoff before every retry.
     */
    public static Duration perPage(HttpPageSource.Settings settings) {
        RetryPolicy retry = settings.retry();
        return settings.requestTimeout().multipliedBy(requestsPerPage(settings))
                .plus(retry.maxDelay().multipliedBy(retry.maxAttempts() - 1L));
    }

    /** The most requests one page can take: every attempt the retry policy allows, plus the redirects. */
    static long requestsPerPage(HttpPageSource.Settings settings) {
        return settings.retry().maxAttempts() + (long) settings.maxRedirects();
    }

    /**
     * The longest {@code model} can take over a site of {@code categoryPages} category pages listing
     * {@code products} products: the category pages one after another, then the products in batches
     * of the model's in-flight limit, each page at worst {@link #perPage}, plus {@link #ALLOWANCE};
     * under a rate limit, plus the time the rate needs for every request those pages may make.
     *
     * @throws IllegalArgumentException if the settings do not fetch over HTTP (in memory, nothing waits)
     */
    public static Duration of(Model model, ScrapeSettings settings, int categoryPages, int products) {
        if (!(settings.source() instanceof PageSourceSpec.Http http)) {
            throw new IllegalArgumentException("a deadline needs an HTTP page source, not " + settings.source());
        }
        int inFlight = model.usesConcurrency() ? settings.concurrency() : 1;
        long batches = (products + (long) inFlight - 1) / inFlight;
        Duration deadline = perPage(http.settings()).multipliedBy(categoryPages + batches).plus(ALLOWANCE);
        if (settings.rate() > 0) {
            long requests = requestsPerPage(http.settings()) * (categoryPages + (long) products);
            deadline = deadline.plusNanos((long) Math.ceil(requests * 1e9 / settings.rate()));
        }
        return deadline;
    }
}
