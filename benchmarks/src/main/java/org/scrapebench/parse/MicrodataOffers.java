package org.scrapebench.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Reads the prices a microdata Product states in its offers (or on itself), for {@link PriceChoice}. */
final class MicrodataOffers {

    private MicrodataOffers() {
    }

    /** The prices the product's offers allow, else the prices stated on the product itself; empty if none. */
    static Set<Price> prices(Element product, PageAddress page) throws PageParseException {
        String productCurrency = currency(product, null);
        List<PriceChoice.Offer> offers = new ArrayList<>();
        for (Element offer : Microdata.properties(product, "offers")) {
            // an offers element without itemscope is transparent: its price is the product's own property
            if (offer.hasAttr("itemscope")) {
                Element url = Microdata.firstProperty(offer, "url");
                offers.add(new PriceChoice.Offer(offerPrices(offer, productCurrency),
                        url == null ? null : Microdata.value(url)));
            }
        }
        Set<Price> prices = PriceChoice.ofOffers(offers, page);
        return prices.isEmpty() ? offerPrices(product, productCurrency) : prices;
    }

    private static Set<Price> offerPrices(Element offer, String fallbackCurrency) throws PageParseException {
        String currency = currency(offer, fallbackCurrency);
        List<Element> amounts = Microdata.properties(offer, "price");
        if (amounts.isEmpty()) {
            amounts = new ArrayList<>(Microdata.properties(offer, "lowPrice"));
            amounts.addAll(Microdata.properties(offer, "highPrice"));
        }
        List<PriceChoice.Stated> stated = new ArrayList<>();
        for (Element amount : amounts) {
            if (amount.hasAttr("itemscope")) {
                continue;
            }
            if (Microdata.isTextValue(amount) && hasRaisedDigits(amount)) {
                // "$119<sup>95</sup>" reads as 11995 once the markup is gone: the decimal point is only typography
                throw new PageParseException("price with raised digits " + PageParseException.quote(amount.text()));
            }
            // text is printed for people ("1.234" may mean a thousand); attributes follow schema.org's plain decimal
            String value = Microdata.isTextValue(amount) ? VisibleText.ofPrice(amount) : Microdata.value(amount);
            if (!value.isBlank()) {
                Price price = Microdata.isMachineValue(amount)
                        ? PriceParser.parseMarkupValue(value, currency)
                        : PriceParser.parse(value, currency);
                stated.add(new PriceChoice.Stated(price, PriceRole.of(amount)));
            }
        }
        if (!stated.isEmpty()) {
            return PriceChoice.ofOffer(stated);
        }
        Set<Price> specified = new LinkedHashSet<>();
        for (Element specification : Microdata.properties(offer, "priceSpecification")) {
            if (specification.hasAttr("itemscope")) {
                specified.addAll(offerPrices(specification, currency));
            }
        }
        return specified;
    }

    private static boolean hasRaisedDigits(Element amount) {
        return amount.select("sup, sub").stream().anyMatch(element -> element.text().chars().anyMatch(Character::isDigit));
    }

    private static String currency(Element item, String fallback) {
        Element currency = Microdata.firstProperty(item, "priceCurrency");
        if (currency == null) {
            return fallback;
        }
        String code = Microdata.value(currency).strip();
        return code.isEmpty() ? fallback : code;
    }
}
