package org.scrapebench.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the one price of a product from everything its page states, or refuses. The rule:
 * <ol>
 * <li>Within one offer, prices marked old (struck through, "was", a ListPrice) are dropped when another price
 * remains; of several different prices left, the one marked as the sale price is taken if exactly one is.</li>
 * <li>Each source (the product's JSON-LD, its microdata, the page's {@code og:price:amount} and
 * {@code product:price:amount} meta tags) then states a set of prices: the union over its offers, or, when they
 * differ and exactly one offer's {@code url} is this page, that offer's (of several offers on this page, the one at
 * the very address the page was fetched at, query included: a Shopify variant's "?variant=12"). A ProductGroup's
 * variants are read the same way, each variant as one offer.</li>
 * <li>The price is the one price every source allows. Sources that disagree, or several prices that no source
 * singles out (a travel size and a full size, an AggregateOffer's low and high price), are refused with a reason
 * naming the values. Meta tags only confirm or single out a price of the markup; they never stand alone.</li>
 * </ol>
 */
final class PriceChoice {

    /** A price as stated by the markup, with what the markup says it is. */
    record Stated(Price price, PriceRole role) {
    }

    /** Where a set of prices comes from, named for the reason of a refusal: "JSON-LD price", "og:price:amount". */
    record Source(String label, Set<Price> prices) {
    }

    /** The prices one offer allows, and the page it says it is on (null if it does not say). */
    record Offer(Set<Price> prices, String url) {
    }

    private PriceChoice() {
    }

    /** The prices one offer allows, by step 1 of the rule. */
    static Set<Price> ofOffer(List<Stated> stated) {
        Set<Price> all = distinct(stated, null);
        if (all.size() <= 1) {
            return all;
        }
        Set<Price> notOld = stated.stream().filter(s -> s.role() != PriceRole.OLD).map(Stated::price)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Price> remaining = notOld.isEmpty() ? all : notOld;
        if (remaining.size() > 1) {
            Set<Price> sale = distinct(stated, PriceRole.SALE);
            sale.retainAll(remaining);
            if (sale.size() == 1) {
                return sale;
            }
        }
        return remaining;
    }

    /**
     * The prices a product's offers allow: all of them, unless they differ and exactly one offer is on this page's
     * own address (a full size on its page, the travel size linking to its own), or, when several are (variants at
     * "?variant=11" and "?variant=12"), exactly one is at the very address the page was fetched at.
     */
    static Set<Price> ofOffers(List<Offer> offers, PageAddress page) {
        Set<Price> all = new LinkedHashSet<>();
        offers.forEach(offer -> all.addAll(offer.prices()));
        if (all.size() > 1) {
            List<Offer> onThisPage = offers.stream().filter(offer -> page.isThisPage(offer.url())).toList();
            if (onThisPage.size() > 1) {
                onThisPage = onThisPage.stream().filter(offer -> page.isExactlyThisPage(offer.url())).toList();
            }
            if (onThisPage.size() == 1 && !onThisPage.get(0).prices().isEmpty()) {
                return onThisPage.get(0).prices();
            }
        }
        return all;
    }

    /**
     * The one price all sources allow.
     *
     * @param markup prices from schema.org markup, at least one source with a price
     * @param meta   prices from the page's meta tags, each a single price
     */
    static Price choose(List<Source> markup, List<Source> meta) throws PageParseException {
        List<Source> sources = new ArrayList<>(markup);
        sources.addAll(meta);
        Source first = sources.get(0);
        Set<Price> allowed = new LinkedHashSet<>(first.prices());
        String allowedBy = first.label();
        for (Source source : sources.subList(1, sources.size())) {
            Set<Price> both = new LinkedHashSet<>(allowed);
            both.retainAll(source.prices());
            if (both.isEmpty()) {
                throw new PageParseException(allowedBy + " " + list(allowed) + " disagrees with "
                        + source.label() + " " + list(source.prices()));
            }
            allowed = both;
            allowedBy = allowedBy.equals(source.label()) ? allowedBy : allowedBy + " and " + source.label();
        }
        if (allowed.size() > 1) {
            throw new PageParseException("several prices for the product: " + list(allowed));
        }
        return allowed.iterator().next();
    }

    private static Set<Price> distinct(List<Stated> stated, PriceRole role) {
        return stated.stream().filter(s -> role == null || s.role() == role).map(Stated::price)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String list(Set<Price> prices) {
        List<String> shown = prices.stream().map(PriceChoice::show).toList();
        return shown.size() <= 2 ? String.join(" and ", shown)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    static String show(Price price) {
        return price.amount().toPlainString() + " " + price.currency();
    }
}
