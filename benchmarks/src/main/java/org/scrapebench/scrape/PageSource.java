package org.scrapebench.scrape;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Where pages come from: a real site over HTTP, or a catalog held in memory (the CPU-bound regime).
 * One source is shared by all threads of a run; implementations are thread-safe.
 */
public interface PageSource extends AutoCloseable {

    /** Fetches a page, blocking the calling thread, with the retry policy applied. */
    Page fetch(URI url) throws FetchException, InterruptedException;

    /**
     * Fetches a page without blocking the caller or holding a thread while waiting; completes
     * exceptionally with a {@link FetchException} when the page cannot be had.
     */
    CompletableFuture<Page> fetchAsync(URI url);

    /**
     * Whether a fetch waits on I/O (and so releases the GIL while it waits) rather than being CPU
     * work itself, like decoding a page held in memory, which must hold the GIL as a parse does.
     */
    default boolean waitsOnIo() {
        return true;
    }

    @Override
    void close();
}
