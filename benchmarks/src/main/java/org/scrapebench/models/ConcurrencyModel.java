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

    @Override
    void close();
}
