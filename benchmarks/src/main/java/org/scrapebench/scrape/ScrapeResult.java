package org.scrapebench.scrape;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The answer of one scrape: every product found, in category order, and every page that failed.
 * A result with failures is incomplete and says so; it is never a silently short list.
 *
 * @param requests      HTTP requests (or in-memory page reads) made, category pages and retries included
 * @param pagesVisited  distinct pages asked for (category pages plus product pages)
 * @param computeDigest sum of the per-product compute digests; equal across models for the same job
 */
public record ScrapeResult(
        List<Product> products, List<Failure> failures, long requests, long pagesVisited, long computeDigest) {

    public ScrapeResult {
        products = List.copyOf(products);
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    /** Requests beyond the first one per page. */
    public long retries() {
        return Math.max(0, requests - pagesVisited);
    }

    /**
     * An order-sensitive checksum of every product's URL path, name, price and currency; two results
     * agree on it only if they list the same products in the same order. The host is left out so
     * that the same catalog served on another port has the same checksum.
     */
    public long checksum() {
        return checksumOf(products);
    }

    public static long checksumOf(List<Product> products) {
        CRC32C crc = new CRC32C();
        for (Product p : products) {
            String line = p.url().getRawPath() + '\u001f' + p.name() + '\u001f'
                    + p.price().toPlainString() + '\u001f' + p.currency() + '\u001e';
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return crc.getValue() ^ ((long) products.size() << 32);
    }
}
