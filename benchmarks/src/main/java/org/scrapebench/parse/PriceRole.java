package org.scrapebench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What the markup says a stated price is: the old (struck-through, list, regular) price, the sale price, or
 * neither. Only used to choose between different prices of one offer; a lone price is taken whatever its role.
 */
enum PriceRole {
    OLD, SALE, PLAIN;

    private static final Set<String> OLD_WORDS =
            Set.of("old", "was", "compare", "regular", "original", "strike", "strikethrough", "crossed", "before",
                    "rrp", "msrp", "uvp");
    private static final Set<String> SALE_WORDS =
            Set.of("sale", "special", "new", "final", "now", "current", "promo", "reduced", "discounted", "actual");
    /** schema.org PriceTypeEnumeration members that are not what the buyer pays. */
    private static final Set<String> OLD_PRICE_TYPES =
            Set.of("ListPrice", "StrikethroughPrice", "MSRP", "SRP", "InvoicePrice", "MinimumAdvertisedPrice");
    /** Splits "price--old", "old_price", "oldPrice" into words. */
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}]+|(?<=\\p{Ll})(?=\\p{Lu})");
    private static final Pattern TOKENS = Pattern.compile("\\s+");

    /**
     * The role of a microdata price element, from the element and its ancestors: a {@code del},
     * {@code s} or {@code strike} element or a class such as "old-price" marks it old; {@code ins} or a class such
     * as "special-price" marks it a sale price; Magento's {@code data-price-type} counts as a class. The search
     * stops at the enclosing item (the offer, or the product when the price is stated on it).
     */
    static PriceRole of(Element price) {
        boolean sale = false;
        for (Element element = price; element != null && !element.hasAttr("itemscope"); element = element.parent()) {
            if (VisibleText.isStruck(element) || hasWord(element, OLD_WORDS)) {
                return OLD;
            }
            sale |= element.normalName().equals("ins") || hasWord(element, SALE_WORDS);
        }
        return sale ? SALE : PLAIN;
    }

    /** The role of a JSON-LD price specification, from its schema.org {@code priceType}. */
    static PriceRole ofPriceType(JsonNode specification) {
        String type = JsonLd.text(specification.get("priceType"));
        if (type == null) {
            return PLAIN;
        }
        String local = type.substring(type.lastIndexOf('/') + 1).strip();
        if (OLD_PRICE_TYPES.contains(local)) {
            return OLD;
        }
        return local.equals("SalePrice") ? SALE : PLAIN;
    }

    private static boolean hasWord(Element element, Set<String> words) {
        String names = element.className() + " " + element.attr("data-price-type");
        for (String name : TOKENS.split(names.strip())) {
            for (String word : WORD_BREAK.split(name)) {
                if (words.contains(word.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
