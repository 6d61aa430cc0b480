package org.scrapebench.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import org.scrapebench.scrape.Failure;
import org.scrapebench.scrape.Product;
import org.scrapebench.scrape.ProductOutcome;

/**
 * The line protocol between the parent and a worker process: one JSON object per line each way.
 * A worker's first argument is how many requests it may be sent at once (its share of the
 * requests in flight); it prints {@code READY} once its page source is open, then answers each
 * request once, in any order: a reply carries its request's id.
 * The cluster members of the distributed model send the same {@link Reply}.
 */
public final class WorkerMessages {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private WorkerMessages() {}

    /** Parent to worker: scrape this product. */
    record Request(long id, String url) {}

    /** Worker to parent: the product, or the failure, for request {@code id}. */
    public record Reply(long id, String url, String name, String price, String currency, String error,
                 int requests, long digest) {

        public static Reply of(long id, ProductOutcome outcome) {
            if (outcome.succeeded()) {
                Product p = outcome.product();
                return new Reply(id, p.url().toString(), p.name(), p.price().toPlainString(), p.currency(), null,
                        outcome.requests(), outcome.computeDigest());
            }
            Failure f = outcome.failure();
            return new Reply(id, f.url().toString(), null, null, null, f.reason(), f.attempts(), 0L);
        }

        public ProductOutcome toOutcome() {
            URI uri = URI.create(url);
            if (error != null) {
                return ProductOutcome.failed(new Failure(uri, requests, error));
            }
            if (name == null || price == null || currency == null) {
                throw new IllegalArgumentException("reply " + id + " has neither a product nor an error");
            }
            return ProductOutcome.scraped(new Product(uri, name, new BigDecimal(price), currency), requests, digest);
        }
    }

    static String write(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    static <T> T read(String line, Class<T> type) throws IOException {
        return JSON.readValue(line, type);
    }
}
