package org.scrapebench.models;

import java.net.URI;
import org.scrapebench.scrape.ScrapeResult;

/**
 * One way of spreading the scraping job over threads or processes. Made once per run by
 * {@link Model#create}, used for any number of scrapes, then closed; closing stops every thread and
 * process the model started.
 */
public interface ConcurrencyModel extends AutoCloseable {

    /**
     * Scrapes every product reachable from the category page. Pages that fail are listed in the
     * result; only an interrupt ends the call early, after cancelling the work in flight.
     */
    ScrapeResult scrape(URI categoryUrl) throws InterruptedException;

    /**
     * Times the model found its one thread of work stalled (an event loop held by one task past a
     * threshold), counted since it was created; 0 for models that have no such thread.
     */
    default long stalls() {
        return 0;
    }

    @Override
    void close();
}
