package org.scrapebench.parse;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a category page lists.
 *
 * @param productUrls absolute, same-site, without fragments, no duplicates, in page order
 * @param nextPage    the next page of the same category, if any
 */
public record CategoryPage(List<URI> productUrls, Optional<URI> nextPage) {

    public CategoryPage {
        productUrls = List.copyOf(productUrls);
        Objects.requireNonNull(nextPage, "nextPage");
    }
}
