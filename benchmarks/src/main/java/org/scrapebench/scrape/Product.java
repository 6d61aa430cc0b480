package org.scrapebench.scrape;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Objects;

/** One scraped product: where it was found, its name, and its exact price. */
public record Product(URI url, String name, BigDecimal price, String currency) {
    public Product {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
    }
}
