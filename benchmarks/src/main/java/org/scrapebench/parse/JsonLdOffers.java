package org.scrapebench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the prices a JSON-LD Product states in its offers, for {@link PriceChoice}. */
final class JsonLdOffers {

    private JsonLdOffers() {
    }

    /** The prices the product's offers allow; empty if it states none. */
    static Set<Price> prices(JsonNode product, PageAddress page) throws PageParseException {
        return PriceChoice.ofOffers(offers(product), page);
    }

    /**
     * The prices a ProductGroup allows: its own offers' and its variants' ({@code hasVariant} Products), each variant
     * taken as one offer at the variant's {@code url} (or its offer's), so that the variant at the page's own address
     * is singled out and variants that all cost the same give one price.
     */
    static Set<Price> groupPrices(JsonNode group, PageAddress page) throws PageParseException {
        List<PriceChoice.Offer> offers = new ArrayList<>(offers(group));
        for (JsonNode variant : JsonLd.asList(group.get("hasVariant"))) {
            if (variant.isObject()) {
                offers.add(new PriceChoice.Offer(prices(variant, page), variantUrl(variant)));
            }
        }
        return PriceChoice.ofOffers(offers, page);
    }

    private static String variantUrl(JsonNode variant) {
        String url = JsonLd.text(variant.get("url"));
        if (url != null) {
            return url;
        }
        for (JsonNode offer : JsonLd.asList(variant.get("offers"))) {
            String offerUrl = JsonLd.text(offer.get("url"));
            if (offerUrl != null) {
                return offerUrl;
            }
        }
        return null;
    }

    private static List<PriceChoice.Offer> offers(JsonNode holder) throws PageParseException {
        List<PriceChoice.Offer> offers = new ArrayList<>();
        for (JsonNode offer : JsonLd.asList(holder.get("offers"))) {
            if (offer.isObject()) {
                offers.addAll(offer(offer));
            }
        }
        return offers;
    }

    private static List<PriceChoice.Offer> offer(JsonNode offer) throws PageParseException {
        String currency = JsonLd.text(offer.get("priceCurrency"));
        boolean aggregate = JsonLd.isType(offer, "AggregateOffer");
        List<PriceChoice.Stated> stated = new ArrayList<>();
        add(stated, offer.get("price"), currency, PriceRole.PLAIN);
        if (aggregate) {
            // a range: both ends are stated prices, and only another source can single one out
            add(stated, offer.get("lowPrice"), currency, PriceRole.PLAIN);
            add(stated, offer.get("highPrice"), currency, PriceRole.PLAIN);
        }
        for (JsonNode specification : JsonLd.asList(offer.get("priceSpecification"))) {
            if (specification.isObject() && !isPerUnitOrPeriod(specification)) {
                String specifiedCurrency = JsonLd.text(specification.get("priceCurrency"));
                add(stated, specification.get("price"), specifiedCurrency != null ? specifiedCurrency : currency,
                        PriceRole.ofPriceType(specification));
            }
        }
        if (stated.isEmpty() && aggregate) {
            return offers(offer); // an AggregateOffer may list its offers instead of summarising them
        }
        return List.of(new PriceChoice.Offer(PriceChoice.ofOffer(stated), JsonLd.text(offer.get("url"))));
    }

    /** A price per kilogram or per month is not the product's price. */
    private static boolean isPerUnitOrPeriod(JsonNode specification) {
        return specification.hasNonNull("referenceQuantity") || specification.hasNonNull("billingDuration")
                || specification.hasNonNull("billingIncrement");
    }

    private static void add(List<PriceChoice.Stated> stated, JsonNode amount, String currency, PriceRole role)
            throws PageParseException {
        String value = JsonLd.text(amount);
        if (value != null) {
            stated.add(new PriceChoice.Stated(PriceParser.parseMarkupValue(value, currency), role));
        }
    }
}
