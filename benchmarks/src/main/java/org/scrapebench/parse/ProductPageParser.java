package org.scrapebench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a product's name and price from the schema.org {@code Product} markup of its page: JSON-LD first, microdata
 * for whatever JSON-LD lacks. Visible text outside that markup (old prices, related products) is never read.
 * Stateless, so one instance may be shared by any number of threads.
 */
public final class ProductPageParser {

    private static final String PRODUCT = "Product";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    public ProductPage parse(URI pageUrl, String html) throws PageParseException {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        List<JsonNode> jsonProducts = JsonLd.entitiesOfType(JsonLd.roots(doc), PRODUCT);
        List<Element> microdataProducts = Microdata.outermostItems(doc, PRODUCT);
        if (jsonProducts.isEmpty() && microdataProducts.isEmpty()) {
            throw new PageParseException("no schema.org Product markup");
        }
        // the first Product is the page's own; later ones are typically related products
        JsonNode jsonProduct = jsonProducts.isEmpty() ? null : jsonProducts.get(0);
        Element microdataProduct = microdataProducts.isEmpty() ? null : microdataProducts.get(0);

        String name = jsonProduct != null ? jsonLdName(jsonProduct) : null;
        if (name == null && microdataProduct != null) {
            name = microdataName(microdataProduct);
        }
        if (name == null) {
            throw new PageParseException("product has no name");
        }
        return new ProductPage(name, price(jsonProduct, microdataProduct));
    }

    private static Price price(JsonNode jsonProduct, Element microdataProduct) throws PageParseException {
        List<PageParseException> failures = new ArrayList<>();
        if (jsonProduct != null) {
            try {
                Price price = jsonLdPrice(jsonProduct);
                if (price != null) {
                    return price;
                }
            } catch (PageParseException e) {
                failures.add(e); // microdata may still hold a good price
            }
        }
        if (microdataProduct != null) {
            try {
                Price price = microdataPrice(microdataProduct);
                if (price != null) {
                    return price;
                }
            } catch (PageParseException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        throw new PageParseException("product has no price");
    }

    private static String jsonLdName(JsonNode product) {
        String name = JsonLd.text(product.get("name"));
        // many shop templates HTML-escape names inside JSON-LD ("Salt &amp; Pepper")
        return name == null ? null : cleanName(Parser.unescapeEntities(name, false));
    }

    private static String microdataName(Element product) {
        for (Element property : Microdata.properties(product, "name")) {
            if (!property.hasAttr("itemscope")) {
                String name = cleanName(Microdata.value(property));
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String cleanName(String raw) {
        String name = WHITESPACE.matcher(raw).replaceAll(" ").strip();
        return name.isEmpty() ? null : name;
    }

    /** The first offer with a price; null if none has one. */
    private static Price jsonLdPrice(JsonNode product) throws PageParseException {
        for (JsonNode offer : JsonLd.asList(product.get("offers"))) {
            if (!offer.isObject()) {
                continue;
            }
            Price price = jsonLdOfferPrice(offer);
            if (price != null) {
                return price;
            }
        }
        return null;
    }

    private static Price jsonLdOfferPrice(JsonNode offer) throws PageParseException {
        String currency = JsonLd.text(offer.get("priceCurrency"));
        String amount = JsonLd.isType(offer, "AggregateOffer")
                ? firstNonNull(JsonLd.text(offer.get("lowPrice")), JsonLd.text(offer.get("price")))
                : JsonLd.text(offer.get("price"));
        if (amount != null) {
            return PriceParser.parseMarkupValue(amount, currency);
        }
        for (JsonNode specification : JsonLd.asList(offer.get("priceSpecification"))) {
            String specifiedAmount = specification.isObject() ? JsonLd.text(specification.get("price")) : null;
            if (specifiedAmount != null) {
                String specifiedCurrency = JsonLd.text(specification.get("priceCurrency"));
                return PriceParser.parseMarkupValue(specifiedAmount, firstNonNull(specifiedCurrency, currency));
            }
        }
        // an AggregateOffer may list its offers instead of summarising them
        return JsonLd.isType(offer, "AggregateOffer") ? jsonLdPrice(offer) : null;
    }

    /** The first Offer item with a price, else a price stated on the product itself; null if neither. */
    private static Price microdataPrice(Element product) throws PageParseException {
        String productCurrency = microdataCurrency(product, null);
        for (Element offer : Microdata.properties(product, "offers")) {
            // an offers element without itemscope is transparent: its price is the product's own property
            if (offer.hasAttr("itemscope")) {
                Price price = microdataOfferPrice(offer, productCurrency);
                if (price != null) {
                    return price;
                }
            }
        }
        return microdataOfferPrice(product, productCurrency);
    }

    private static Price microdataOfferPrice(Element offer, String fallbackCurrency) throws PageParseException {
        String currency = microdataCurrency(offer, fallbackCurrency);
        Element amount = firstNonNull(Microdata.firstProperty(offer, "price"), Microdata.firstProperty(offer, "lowPrice"));
        if (amount != null && !amount.hasAttr("itemscope")) {
            String value = Microdata.value(amount);
            if (value.isBlank()) {
                return null;
            }
            // text is printed for people ("1.234" may mean a thousand); attributes follow schema.org's plain decimal
            return Microdata.isMachineValue(amount)
                    ? PriceParser.parseMarkupValue(value, currency)
                    : PriceParser.parse(value, currency);
        }
        for (Element specification : Microdata.properties(offer, "priceSpecification")) {
            if (specification.hasAttr("itemscope")) {
                Price price = microdataOfferPrice(specification, currency);
                if (price != null) {
                    return price;
                }
            }
        }
        return null;
    }

    private static String microdataCurrency(Element item, String fallback) {
        Element currency = Microdata.firstProperty(item, "priceCurrency");
        if (currency == null) {
            return fallback;
        }
        String code = Microdata.value(currency).strip();
        return code.isEmpty() ? fallback : code;
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
