package org.scrapebench.parse;

import java.util.Objects;

/** What a product page says about its product. */
public record ProductPage(String name, Price price) {

    public ProductPage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
