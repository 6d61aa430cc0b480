package org.scrapebench.scrape;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A source whose fetch is CPU work rather than a wait on I/O (pages held in memory are only
 * decoded): each fetch holds the process's GIL, as decoding bytes does in CPython. Without it a
 * thread could decode on a second core while another holds the lock, and threads under the GIL
 * would beat the serial model at CPU-bound work.
 */
final class GilHeldSource implements PageSource {

    private final PageSource source;
    private final Gil gil;

    private GilHeldSource(PageSource source, Gil gil) {
        this.source = source;
        this.gil = gil;
    }

    /** {@code source} itself when its fetches wait on I/O or the GIL is off. */
    static PageSource of(PageSource source, Gil gil) {
        return gil.enabled() && !source.waitsOnIo() ? new GilHeldSource(source, gil) : source;
    }

    @Override
    public Page fetch(URI url) throws FetchException, InterruptedException {
        Fetched fetched = gil.run(() -> {
            try {
                return new Fetched(source.fetch(url), null);
            } catch (FetchException | InterruptedException e) {
                return new Fetched(null, e);
            }
        });
        if (fetched.error() instanceof FetchException e) {
            throw e;
        }
        if (fetched.error() instanceof InterruptedException e) {
            throw e;
        }
        return fetched.page();
    }

    private record Fetched(Page page, Exception error) {}

    @Override
    public CompletableFuture<Page> fetchAsync(URI url) {
        try {
            return CompletableFuture.completedFuture(fetch(url));
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean waitsOnIo() {
        return false;
    }

    @Override
    public void close() {
        source.close();
    }
}
