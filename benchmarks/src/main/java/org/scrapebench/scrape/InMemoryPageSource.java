package org.scrapebench.scrape;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.scrapebench.fixtures.Catalog;

/**
 * Pages held in memory, looked up by path: the CPU-bound regime, where no network is involved and
 * what remains is decoding, parsing and computing. Bodies are decoded per read, as an HTTP body
 * would be.
 */
public final class InMemoryPageSource implements PageSource {

    /** The base URL of in-memory catalogs; never resolved, only used to build absolute links. */
    public static final URI BASE_URL = URI.create("http://catalog.invalid");

    private final Map<String, byte[]> pagesByPath;

    public InMemoryPageSource(Map<String, byte[]> pagesByPath) {
        this.pagesByPath = Map.copyOf(pagesByPath);
    }

    public static InMemoryPageSource of(Catalog catalog) {
        return new InMemoryPageSource(catalog.pages());
    }

    @Override
    public Page fetch(URI url) throws FetchException {
        byte[] body = pagesByPath.get(url.getRawPath());
        if (body == null) {
            throw new FetchException(url, 1, "HTTP 404");
        }
        return new Page(url, url, new String(body, StandardCharsets.UTF_8), 1);
    }

    @Override
    public CompletableFuture<Page> fetchAsync(URI url) {
        try {
            return CompletableFuture.completedFuture(fetch(url));
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Decoding a page is all a fetch does here: CPU work, run holding the GIL when it is on. */
    @Override
    public boolean waitsOnIo() {
        return false;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
