package org.scrapebench.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The price a page states in its Open Graph and Facebook product meta tags ({@code og:price:amount},
 * {@code product:price:amount}, or their {@code sale_price} forms, which win when present). Used only to confirm or
 * single out a price of the schema.org markup; a tag without a currency, or one that cannot be read, is no signal.
 */
final class MetaPrices {

    private static final List<String> PREFIXES = List.of("og", "product");

    private MetaPrices() {
    }

    static List<PriceChoice.Source> of(Document doc) {
        List<PriceChoice.Source> sources = new ArrayList<>();
        for (String prefix : PREFIXES) {
            PriceChoice.Source source = source(doc, prefix + ":sale_price");
            if (source == null) {
                source = source(doc, prefix + ":price");
            }
            if (source != null) {
                sources.add(source);
            }
        }
        return sources;
    }

    private static PriceChoice.Source source(Document doc, String property) {
        List<String> currencies = contents(doc, property + ":currency");
        if (currencies.size() != 1) {
            return null;
        }
        Set<Price> prices = new LinkedHashSet<>();
        for (String amount : contents(doc, property + ":amount")) {
            try {
                prices.add(PriceParser.parseMarkupValue(amount, currencies.get(0)));
            } catch (PageParseException unreadable) {
                return null;
            }
        }
        return prices.isEmpty() ? null : new PriceChoice.Source(property + ":amount", prices);
    }

    private static List<String> contents(Document doc, String property) {
        List<String> contents = new ArrayList<>();
        for (Element meta : doc.select("meta[content]")) {
            if (meta.attr("property").strip().equals(property) || meta.attr("name").strip().equals(property)) {
                if (!meta.attr("content").isBlank()) {
                    contents.add(meta.attr("content"));
                }
            }
        }
        return contents;
    }
}
