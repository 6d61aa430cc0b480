package org.scrapebench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a product's name and price from the schema.org {@code Product} markup of its page, JSON-LD and microdata
 * (itemtypes with https, http or no scheme). Visible text outside that markup (old prices, related products) is never
 * read. A wrong answer is worse than a refusal, so whatever is ambiguous is refused with a reason.
 *
 * <p>The product: of the page's Products (in JSON-LD at top level, in {@code @graph} or as {@code mainEntity}, a
 * ProductGroup counting as one Product whose offers are its variants' (see {@link PriceChoice}); in
 * microdata every Product that is not a property of another Product, so a Product nested in a page-wide one counts),
 * those with offers; if several, the one whose {@code url} is this page, else the only one whose {@code url} is not
 * another page, else all of them if they share one name (the same product stated twice); otherwise refused.
 *
 * <p>The name: JSON-LD's, else microdata's: the text of the {@code itemprop="name"} element without nested
 * {@code itemprop} elements (a SKU) and without visually hidden text (eBay's "Details about"), or its
 * {@code content}. A name that is empty or a URL (a logo link's {@code href}) is no name.
 *
 * <p>The price: by {@link PriceChoice}, from the product's JSON-LD and microdata offers, confirmed or singled out by
 * the page's {@code og:price:amount} and {@code product:price:amount} meta tags. A price that cannot be read in one
 * syntax is reported only if the other has none. Stateless, so one instance may be shared by any number of threads.
 */
public final class ProductPageParser {

    private static final String PRODUCT = "Product";
    private static final String PRODUCT_GROUP = "ProductGroup";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern URL_LIKE = Pattern.compile("^(?:https?:|//|/|www\\.)\\S*$", Pattern.CASE_INSENSITIVE);

    /** One Product of the page in one syntax, with its prices read (or the reason they cannot be). */
    private record Candidate(String source, String name, String url, Set<Price> prices, PageParseException failure) {

        boolean hasOffers() {
            return failure != null || !prices.isEmpty();
        }
    }

    /** Reads a product's prices; an interface because reading may fail with a reason. */
    private interface PriceReader {
        Set<Price> read() throws PageParseException;
    }

    public ProductPage parse(URI pageUrl, String html) throws PageParseException {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        PageAddress page = new PageAddress(pageUrl, doc);
        List<Candidate> jsonLd = new ArrayList<>();
        // one walk of the JSON-LD finds both; the groups are then taken after the products
        List<Candidate> groups = new ArrayList<>();
        for (JsonNode entity : JsonLd.entitiesOfType(JsonLd.roots(doc), PRODUCT, PRODUCT_GROUP)) {
            if (JsonLd.isType(entity, PRODUCT_GROUP)) {
                groups.add(candidate("JSON-LD price", jsonLdName(entity), jsonLdUrl(entity),
                        () -> JsonLdOffers.groupPrices(entity, page)));
            } else {
                jsonLd.add(candidate("JSON-LD price", jsonLdName(entity), jsonLdUrl(entity),
                        () -> JsonLdOffers.prices(entity, page)));
            }
        }
        jsonLd.addAll(groups);
        List<Candidate> microdata = new ArrayList<>();
        for (Element product : Microdata.itemsNotPropertyOfSameType(doc, PRODUCT)) {
            Element url = Microdata.firstProperty(product, "url");
            microdata.add(candidate("microdata price", microdataName(product), url == null ? null : Microdata.value(url),
                    () -> MicrodataOffers.prices(product, page)));
        }
        if (jsonLd.isEmpty() && microdata.isEmpty()) {
            throw new PageParseException("no schema.org Product markup");
        }
        List<Candidate> chosen = new ArrayList<>(mainProduct(jsonLd, page));
        chosen.addAll(mainProduct(microdata, page));

        String name = chosen.stream().map(Candidate::name).filter(n -> n != null).findFirst().orElse(null);
        if (name == null) {
            throw new PageParseException("product has no name");
        }
        return new ProductPage(name, price(chosen, doc));
    }

    private static Candidate candidate(String syntax, String name, String url, PriceReader reader) {
        try {
            return new Candidate(syntax, name, url, reader.read(), null);
        } catch (PageParseException e) {
            return new Candidate(syntax, name, url, Set.of(), e);
        }
    }

    /** The page's own product among one syntax's Products, by the rule in the class doc; empty if there is none. */
    private static List<Candidate> mainProduct(List<Candidate> products, PageAddress page) throws PageParseException {
        List<Candidate> offering = products.stream().filter(Candidate::hasOffers).toList();
        if (offering.isEmpty()) {
            // only for its name: the page is then refused for having no price
            return products.stream().filter(p -> p.name() != null).findFirst()
                    .or(() -> products.stream().findFirst()).map(List::of).orElse(List.of());
        }
        if (offering.size() == 1) {
            return offering;
        }
        List<Candidate> onThisPage = offering.stream().filter(p -> page.isThisPage(p.url())).toList();
        if (onThisPage.size() == 1) {
            return onThisPage;
        }
        List<Candidate> notElsewhere = offering.stream().filter(p -> !page.isOtherPage(p.url())).toList();
        if (notElsewhere.size() == 1) {
            return notElsewhere;
        }
        Set<String> names = new LinkedHashSet<>();
        offering.forEach(p -> names.add(p.name()));
        if (names.size() == 1 && !names.contains(null)) {
            return offering;
        }
        throw new PageParseException("several products on the page: "
                + String.join(" and ", names.stream().limit(2)
                        .map(n -> n == null ? "one without name" : PageParseException.quote(n)).toList()));
    }

    private static Price price(List<Candidate> products, Document doc) throws PageParseException {
        List<PriceChoice.Source> markup = new ArrayList<>();
        PageParseException failure = null;
        for (Candidate product : products) {
            if (product.failure() != null) {
                failure = failure != null ? failure : product.failure(); // the other syntax may still hold a price
            } else if (!product.prices().isEmpty()) {
                markup.add(new PriceChoice.Source(product.source(), product.prices()));
            }
        }
        if (markup.isEmpty()) {
            throw failure != null ? failure : new PageParseException("product has no price");
        }
        return PriceChoice.choose(markup, MetaPrices.of(doc));
    }

    private static String jsonLdUrl(JsonNode product) {
        String url = JsonLd.text(product.get("url"));
        return url != null ? url : JsonLd.text(product.get("@id"));
    }

    private static String jsonLdName(JsonNode product) {
        String name = JsonLd.text(product.get("name"));
        // many shop templates HTML-escape names inside JSON-LD ("Salt &amp; Pepper")
        return name == null ? null : cleanName(Parser.unescapeEntities(name, false));
    }

    private static String microdataName(Element product) {
        for (Element property : Microdata.properties(product, "name")) {
            if (property.hasAttr("itemscope") || Microdata.isUrlValue(property)) {
                continue; // a link's value is its href: a logo link named "name" is no name
            }
            String name = cleanName(Microdata.isTextValue(property)
                    ? VisibleText.ofName(property) : Microdata.value(property));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** The name on one line; null if empty or a URL, which no shop means as a product's name. */
    private static String cleanName(String raw) {
        String name = WHITESPACE.matcher(raw).replaceAll(" ").strip();
        return name.isEmpty() || URL_LIKE.matcher(name).matches() ? null : name;
    }
}
