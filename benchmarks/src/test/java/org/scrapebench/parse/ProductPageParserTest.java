package org.scrapebench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProductPageParserTest {

    private static final URI PAGE = URI.create("https://shop.example/products/p-1");
    private final ProductPageParser parser = new ProductPageParser();

    private static String jsonLd(String json) {
        return "<script type=\"application/ld+json\">" + json + "</script>";
    }

    /** A page with the usual noise around the markup: an old price and related products printed as plain text. */
    private static String page(String head, String body) {
        return "<!DOCTYPE html><html><head><title>Shop</title>" + head + "</head><body>"
                + "<nav><a href=\"/\">Home</a></nav>"
                + body
                + "<p class=\"was\"><del>$999.99</del></p>"
                + "<section class=\"related\"><h2>You may also like</h2>"
                + "<div class=\"card\"><h3>Other thing</h3><span class=\"price\">$5.00</span></div></section>"
                + "</body></html>";
    }

    private static String offer(String price, String currency) {
        return "{\"@type\":\"Offer\",\"price\":" + price + ",\"priceCurrency\":\"" + currency + "\"}";
    }

    static Stream<Arguments> jsonLdPages() {
        return Stream.of(
                arguments("ProductGroup in @graph whose variants cost the same",
                        page(jsonLd("{\"@context\":\"https://schema.org\",\"@graph\":["
                                + "{\"@type\":\"Organization\",\"name\":\"Shop Inc\"},"
                                + "{\"@type\":\"ProductGroup\",\"name\":\"Canvas Tote\",\"hasVariant\":["
                                + "{\"@type\":\"Product\",\"name\":\"Canvas Tote - Sand\",\"offers\":"
                                + offer("\"24.00\"", "EUR") + "},"
                                + "{\"@type\":\"Product\",\"name\":\"Canvas Tote - Olive\",\"offers\":"
                                + offer("24", "EUR") + "}]}]}"), ""),
                        "Canvas Tote", "24.00", "EUR"),
                arguments("ProductGroup variants of different prices, og:price singling one out",
                        page("<meta property=\"og:price:amount\" content=\"18.50\">"
                                + "<meta property=\"og:price:currency\" content=\"GBP\">"
                                + jsonLd("{\"@type\":\"ProductGroup\",\"name\":\"Beeswax Candle\",\"hasVariant\":["
                                + "{\"@type\":\"Product\",\"offers\":" + offer("18.5", "GBP") + "},"
                                + "{\"@type\":\"Product\",\"offers\":" + offer("29", "GBP") + "}]}"), ""),
                        "Beeswax Candle", "18.50", "GBP"),
                arguments("top-level object",
                        page(jsonLd("{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"Red Shoe\","
                                + "\"offers\":" + offer("\"19.99\"", "USD") + "}"), ""),
                        "Red Shoe", "19.99", "USD"),
                arguments("top-level array beside a BreadcrumbList",
                        page(jsonLd("[{\"@type\":\"BreadcrumbList\",\"itemListElement\":[{\"@type\":\"ListItem\","
                                + "\"position\":1,\"name\":\"Shoes\",\"item\":\"https://shop.example/c/shoes\"}]},"
                                + "{\"@type\":\"Product\",\"name\":\"Blue Shoe\",\"offers\":" + offer("25", "EUR") + "}]"),
                                ""),
                        "Blue Shoe", "25.00", "EUR"),
                arguments("@graph with Organization and WebSite",
                        page(jsonLd("{\"@context\":\"https://schema.org\",\"@graph\":["
                                + "{\"@type\":\"Organization\",\"name\":\"Shop Inc\"},"
                                + "{\"@type\":\"WebSite\",\"name\":\"Shop\",\"url\":\"https://shop.example/\"},"
                                + "{\"@type\":\"Product\",\"name\":\"Green Shoe\",\"offers\":" + offer("30.5", "GBP")
                                + "}]}"), ""),
                        "Green Shoe", "30.50", "GBP"),
                arguments("@type array",
                        page(jsonLd("{\"@type\":[\"Product\",\"Car\"],\"name\":\"Hatchback\",\"offers\":"
                                + offer("\"15000\"", "EUR") + "}"), ""),
                        "Hatchback", "15000.00", "EUR"),
                arguments("@type as a schema.org IRI",
                        page(jsonLd("{\"@type\":\"http://schema.org/Product\",\"name\":\"Lamp\",\"offers\":"
                                + offer("12", "USD") + "}"), ""),
                        "Lamp", "12.00", "USD"),
                arguments("offers list: an offer without price is skipped, equal prices are one",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Kettle\",\"offers\":["
                                + "{\"@type\":\"Offer\",\"availability\":\"https://schema.org/OutOfStock\"},"
                                + offer("\"45.00\"", "USD") + "," + offer("45", "USD") + "]}"), ""),
                        "Kettle", "45.00", "USD"),
                arguments("several offers: og:price:amount singles one out",
                        page("<meta property=\"og:price:amount\" content=\"99.00\">"
                                + "<meta property=\"og:price:currency\" content=\"USD\">"
                                + jsonLd("{\"@type\":\"Product\",\"name\":\"Kettle\",\"offers\":["
                                + offer("\"45.00\"", "USD") + "," + offer("\"99.00\"", "USD") + "]}"), ""),
                        "Kettle", "99.00", "USD"),
                arguments("AggregateOffer with lowPrice only",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"T-Shirt\",\"offers\":{\"@type\":\"AggregateOffer\","
                                + "\"lowPrice\":10.5,\"offerCount\":1,\"priceCurrency\":\"USD\"}}"), ""),
                        "T-Shirt", "10.50", "USD"),
                arguments("AggregateOffer range: product:price:amount singles out the low end",
                        page("<meta property=\"product:price:amount\" content=\"10.50\">"
                                + "<meta property=\"product:price:currency\" content=\"USD\">"
                                + jsonLd("{\"@type\":\"Product\",\"name\":\"T-Shirt\",\"offers\":{\"@type\":"
                                + "\"AggregateOffer\",\"lowPrice\":10.5,\"highPrice\":20,\"priceCurrency\":\"USD\"}}"), ""),
                        "T-Shirt", "10.50", "USD"),
                arguments("priceSpecification: the StrikethroughPrice is the old price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Blender\",\"offers\":{\"@type\":\"Offer\","
                                + "\"priceCurrency\":\"EUR\",\"priceSpecification\":[{\"@type\":\"UnitPriceSpecification\","
                                + "\"priceType\":\"https://schema.org/StrikethroughPrice\",\"price\":89.99},"
                                + "{\"@type\":\"UnitPriceSpecification\",\"price\":69.99}]}}"), ""),
                        "Blender", "69.99", "EUR"),
                arguments("a price per kilogram beside the product's price is not a second price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Coffee beans 500 g\",\"offers\":{"
                                + "\"@type\":\"Offer\",\"price\":\"9.95\",\"priceCurrency\":\"EUR\","
                                + "\"priceSpecification\":{\"@type\":\"UnitPriceSpecification\",\"price\":19.90,"
                                + "\"priceCurrency\":\"EUR\",\"referenceQuantity\":{\"@type\":\"QuantitativeValue\","
                                + "\"value\":1,\"unitCode\":\"KGM\"}}}}"), ""),
                        "Coffee beans 500 g", "9.95", "EUR"),
                arguments("two Products: the one whose url is another page is a listing, not the page's own",
                        page(jsonLd("[{\"@type\":\"Product\",\"name\":\"Bundle lamp\",\"url\":\"/products/lamp-bundle\","
                                + "\"offers\":" + offer("80", "USD") + "},{\"@type\":\"Product\",\"name\":\"Lamp\","
                                + "\"offers\":" + offer("50", "USD") + "}]"), ""),
                        "Lamp", "50.00", "USD"),
                arguments("JSON number price keeps its exact digits",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Sofa\",\"offers\":"
                                + offer("1234.5", "USD") + "}"), ""),
                        "Sofa", "1234.50", "USD"),
                arguments("JSON number price beyond double precision",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Yacht\",\"offers\":"
                                + offer("12345678901234567.89", "USD") + "}"), ""),
                        "Yacht", "12345678901234567.89", "USD"),
                arguments("integer price in a currency without minor units",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Bento box\",\"offers\":"
                                + offer("1234", "JPY") + "}"), ""),
                        "Bento box", "1234", "JPY"),
                arguments("sloppy formatted string price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Mixer\",\"offers\":"
                                + offer("\"1.234,56\"", "EUR") + "}"), ""),
                        "Mixer", "1234.56", "EUR"),
                arguments("string price with symbol agreeing with priceCurrency",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Grill\",\"offers\":"
                                + offer("\"R$ 1.234,56\"", "BRL") + "}"), ""),
                        "Grill", "1234.56", "BRL"),
                arguments("lower-case priceCurrency",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Mug\",\"offers\":"
                                + offer("\"8.00\"", "eur") + "}"), ""),
                        "Mug", "8.00", "EUR"),
                arguments("price in priceSpecification",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Drill\",\"offers\":{\"@type\":\"Offer\","
                                + "\"priceSpecification\":{\"@type\":\"UnitPriceSpecification\",\"price\":89.9,"
                                + "\"priceCurrency\":\"CHF\"}}}"), ""),
                        "Drill", "89.90", "CHF"),
                arguments("several scripts: the Product is in the second",
                        page(jsonLd("{\"@type\":\"Organization\",\"name\":\"Shop Inc\"}")
                                + jsonLd("{\"@type\":\"Product\",\"name\":\"Chair\",\"offers\":" + offer("70", "USD") + "}"),
                                ""),
                        "Chair", "70.00", "USD"),
                arguments("mainEntity of an ItemPage",
                        page(jsonLd("{\"@type\":\"ItemPage\",\"name\":\"Chair page\",\"mainEntity\":"
                                + "{\"@type\":\"Product\",\"name\":\"Stool\",\"offers\":" + offer("35", "USD") + "}}"), ""),
                        "Stool", "35.00", "USD"),
                arguments("HTML comment wrapper",
                        page(jsonLd("<!-- {\"@type\":\"Product\",\"name\":\"Vase\",\"offers\":"
                                + offer("15", "USD") + "} -->"), ""),
                        "Vase", "15.00", "USD"),
                arguments("CDATA wrapper",
                        page(jsonLd("//<![CDATA[\n{\"@type\":\"Product\",\"name\":\"Rug\",\"offers\":"
                                + offer("60", "USD") + "}\n//]]>"), ""),
                        "Rug", "60.00", "USD"),
                arguments("trailing commas and a raw newline in a string",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Desk\nlamp\",\"offers\":{\"@type\":\"Offer\","
                                + "\"price\":\"22.00\",\"priceCurrency\":\"USD\",},}"), ""),
                        "Desk lamp", "22.00", "USD"),
                arguments("entities decoded, whitespace collapsed, Unicode kept",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"  Salt &amp; Pepper\\u00a0Mill \\t Café — 500 g \","
                                + "\"offers\":" + offer("9", "EUR") + "}"), ""),
                        "Salt & Pepper Mill Café — 500 g", "9.00", "EUR"),
                arguments("a related Product nested in isRelatedTo is not taken",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Main\",\"isRelatedTo\":{\"@type\":\"Product\","
                                + "\"name\":\"Related\",\"offers\":" + offer("1", "USD") + "},\"offers\":"
                                + offer("100", "USD") + "}"), ""),
                        "Main", "100.00", "USD"),
                arguments("JSON-LD name preferred when microdata is present too",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"From JSON\",\"offers\":" + offer("10", "USD") + "}"),
                                "<div itemscope itemtype=\"https://schema.org/Product\"><h1 itemprop=\"name\">From microdata"
                                        + "</h1><span itemprop=\"price\" content=\"10\"></span>"
                                        + "<meta itemprop=\"priceCurrency\" content=\"USD\"></div>"),
                        "From JSON", "10.00", "USD"),
                arguments("malformed JSON-LD is skipped and microdata answers",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Broken\" \"offers\": }"),
                                "<div itemscope itemtype=\"https://schema.org/Product\"><h1 itemprop=\"name\">Fixed</h1>"
                                        + "<span itemprop=\"price\" content=\"20\">$20</span>"
                                        + "<meta itemprop=\"priceCurrency\" content=\"USD\"></div>"),
                        "Fixed", "20.00", "USD"),
                arguments("JSON-LD without offers: the price comes from microdata",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Named in JSON\"}"),
                                "<div itemscope itemtype=\"https://schema.org/Product\"><h1 itemprop=\"name\">Other</h1>"
                                        + "<span itemprop=\"price\">€ 1.299,00</span></div>"),
                        "Named in JSON", "1299.00", "EUR"),
                arguments("JSON-LD without name: the name comes from microdata",
                        page(jsonLd("{\"@type\":\"Product\",\"offers\":" + offer("3.5", "USD") + "}"),
                                "<div itemscope itemtype=\"https://schema.org/Product\"><h1 itemprop=\"name\">Pencil</h1>"
                                        + "</div>"),
                        "Pencil", "3.50", "USD"));
    }

    private static String product(String inner) {
        return "<div itemscope itemtype=\"https://schema.org/Product\">" + inner + "</div>";
    }

    private static final String OFFER = "<div itemprop=\"offers\" itemscope itemtype=\"https://schema.org/Offer\">";

    static Stream<Arguments> microdataPages() {
        return Stream.of(
                arguments("price content attribute and meta priceCurrency",
                        page("", product("<h1 itemprop=\"name\">Coffee Grinder</h1>" + OFFER
                                + "<span itemprop=\"price\" content=\"1234.56\">1.234,56 €</span>"
                                + "<meta itemprop=\"priceCurrency\" content=\"EUR\"></div>")),
                        "Coffee Grinder", "1234.56", "EUR"),
                arguments("price as formatted text, currency from meta",
                        page("", product("<h1 itemprop=\"name\">Cafeteira</h1>" + OFFER
                                + "<span itemprop=\"price\">R$ 1.234,56</span>"
                                + "<meta itemprop=\"priceCurrency\" content=\"BRL\"></div>")),
                        "Cafeteira", "1234.56", "BRL"),
                arguments("printed \"1.234\" is a thousand; markup \"1.234\" would not be",
                        page("", product("<h1 itemprop=\"name\">Bike</h1>" + OFFER
                                + "<span itemprop=\"price\">1.234</span>"
                                + "<meta itemprop=\"priceCurrency\" content=\"EUR\"></div>")),
                        "Bike", "1234.00", "EUR"),
                arguments("currency as element text",
                        page("", product("<h1 itemprop=\"name\">Teapot</h1>" + OFFER
                                + "<span itemprop=\"priceCurrency\">GBP</span> <span itemprop=\"price\">12.00</span>"
                                + "</div>")),
                        "Teapot", "12.00", "GBP"),
                arguments("currency as content attribute on a visible element",
                        page("", product("<h1 itemprop=\"name\">Toaster</h1>" + OFFER
                                + "<span itemprop=\"priceCurrency\" content=\"CAD\">$</span>"
                                + "<span itemprop=\"price\" content=\"49.99\">49.99</span></div>")),
                        "Toaster", "49.99", "CAD"),
                arguments("http itemtype",
                        page("", "<div itemscope itemtype=\"http://schema.org/Product\"><h1 itemprop=\"name\">Fan</h1>"
                                + "<div itemprop=\"offers\" itemscope itemtype=\"http://schema.org/Offer\">"
                                + "<span itemprop=\"price\">$39</span></div></div>"),
                        "Fan", "39.00", "USD"),
                arguments("a Brand's name before the product's is not taken",
                        page("", product("<div itemprop=\"brand\" itemscope itemtype=\"https://schema.org/Brand\">"
                                + "<span itemprop=\"name\">Acme</span></div><h1 itemprop=\"name\">Anvil</h1>"
                                + OFFER + "<span itemprop=\"price\">$80.00</span></div>")),
                        "Anvil", "80.00", "USD"),
                arguments("a review author's name is not taken",
                        page("", product("<div itemprop=\"review\" itemscope itemtype=\"https://schema.org/Review\">"
                                + "<span itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\">"
                                + "<span itemprop=\"name\">Jane</span></span></div>"
                                + "<meta itemprop=\"name\" content=\"Rocket Skates\">"
                                + OFFER + "<span itemprop=\"price\">$120</span></div>")),
                        "Rocket Skates", "120.00", "USD"),
                arguments("a nested related Product's price is not taken",
                        page("", product("<h1 itemprop=\"name\">Tent</h1>"
                                + "<div itemprop=\"isRelatedTo\" itemscope itemtype=\"https://schema.org/Product\">"
                                + "<span itemprop=\"name\">Peg</span><div itemprop=\"offers\" itemscope "
                                + "itemtype=\"https://schema.org/Offer\"><span itemprop=\"price\">$1</span></div></div>"
                                + OFFER + "<span itemprop=\"price\">$250</span></div>")),
                        "Tent", "250.00", "USD"),
                arguments("price directly on the product",
                        page("", product("<h1 itemprop=\"name\">Bag</h1><span itemprop=\"price\">£30</span>")),
                        "Bag", "30.00", "GBP"),
                arguments("offers element without itemscope is transparent",
                        page("", product("<h1 itemprop=\"name\">Hat</h1><div itemprop=\"offers\">"
                                + "<meta itemprop=\"priceCurrency\" content=\"USD\"><span itemprop=\"price\">19</span>"
                                + "</div>")),
                        "Hat", "19.00", "USD"),
                arguments("AggregateOffer lowPrice alone",
                        page("", product("<h1 itemprop=\"name\">Socks</h1><div itemprop=\"offers\" itemscope "
                                + "itemtype=\"https://schema.org/AggregateOffer\"><span itemprop=\"lowPrice\">€4,50</span>"
                                + "</div>")),
                        "Socks", "4.50", "EUR"),
                arguments("several offers: the visible JSON-LD price singles one out",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Lens\",\"offers\":" + offer("13800", "JPY") + "}"),
                                product("<h1 itemprop=\"name\">Lens</h1>"
                                + OFFER + "<link itemprop=\"availability\" href=\"https://schema.org/SoldOut\"></div>"
                                + OFFER + "<span itemprop=\"price\">¥12,800</span></div>"
                                + OFFER + "<span itemprop=\"price\">¥13,800</span></div>")),
                        "Lens", "13800", "JPY"),
                arguments("two prices in one offer: the struck-through one is the old price",
                        page("", product("<h1 itemprop=\"name\">Kite</h1>" + OFFER
                                + "<del><span itemprop=\"price\">$60.00</span></del> <span itemprop=\"price\">$45.00</span>"
                                + "</div>")),
                        "Kite", "45.00", "USD"),
                arguments("scheme-less itemtype",
                        page("", "<div itemscope itemtype=\"//schema.org/Product\"><h1 itemprop=\"name\">Fan</h1>"
                                + "<div itemprop=\"offers\" itemscope itemtype=\"//www.schema.org/Offer\">"
                                + "<span itemprop=\"price\">$39</span></div></div>"),
                        "Fan", "39.00", "USD"),
                arguments("Product nested in a Product that has a name but no offer",
                        page("", product("<h1 itemprop=\"name\">Desk Organiser</h1>"
                                + product("<span itemprop=\"name\">Desk Organiser, walnut</span>" + OFFER
                                + "<span itemprop=\"price\">£24.00</span></div>"))),
                        "Desk Organiser, walnut", "24.00", "GBP"),
                arguments("visually hidden text and a nested SKU are not part of the name",
                        page("", product("<h1 itemprop=\"name\"><span class=\"visually-hidden\">Product: </span>Wall Clock"
                                + " <span class=\"sku\" itemprop=\"sku\">WC-12</span></h1>" + OFFER
                                + "<span itemprop=\"price\">$30</span></div>")),
                        "Wall Clock", "30.00", "USD"),
                arguments("a logo link named \"name\" is no name; the meta name is",
                        page("", product("<a itemprop=\"name\" href=\"https://shop.example/\">Shop</a>"
                                + "<meta itemprop=\"name\" content=\"Rain Jacket\">" + OFFER
                                + "<span itemprop=\"price\">$99</span></div>")),
                        "Rain Jacket", "99.00", "USD"),
                arguments("name with entities and line breaks",
                        page("", product("<h1 itemprop=\"name\">\n  Fish &amp; Chips\n  Fryer&nbsp;XL\n</h1>" + OFFER
                                + "<meta itemprop=\"price\" content=\"75\"><meta itemprop=\"priceCurrency\" content=\"GBP\">"
                                + "</div>")),
                        "Fish & Chips Fryer XL", "75.00", "GBP"),
                arguments("product inside a WebPage item",
                        page("", "<body itemscope itemtype=\"https://schema.org/WebPage\"><span itemprop=\"name\">Page</span>"
                                + "<main itemprop=\"mainEntity\" itemscope itemtype=\"https://schema.org/Product\">"
                                + "<h1 itemprop=\"name\">Clock</h1>" + OFFER
                                + "<data itemprop=\"price\" value=\"42.00\">42 zł</data>"
                                + "<meta itemprop=\"priceCurrency\" content=\"PLN\"></div></main>"),
                        "Clock", "42.00", "PLN"),
                arguments("properties through itemref",
                        page("", "<div itemscope itemtype=\"https://schema.org/Product\" itemref=\"buy\">"
                                + "<h1 itemprop=\"name\">Globe</h1></div>"
                                + "<aside id=\"buy\"><span itemprop=\"price\">$64</span></aside>"),
                        "Globe", "64.00", "USD"));
    }

    @ParameterizedTest(name = "[{index}] JSON-LD: {0}")
    @MethodSource("jsonLdPages")
    void readsJsonLd(String variant, String html, String name, String amount, String currency)
            throws PageParseException {
        assertEquals(new ProductPage(name, new Price(new BigDecimal(amount), currency)), parser.parse(PAGE, html));
    }

    @ParameterizedTest(name = "[{index}] microdata: {0}")
    @MethodSource("microdataPages")
    void readsMicrodata(String variant, String html, String name, String amount, String currency)
            throws PageParseException {
        assertEquals(new ProductPage(name, new Price(new BigDecimal(amount), currency)), parser.parse(PAGE, html));
    }

    static Stream<Arguments> brokenPages() {
        return Stream.of(
                arguments("no markup, only visible text",
                        page("", "<h1>Plain</h1><span class=\"price\">$10</span>"),
                        "no schema.org Product markup"),
                arguments("JSON-LD of other types only",
                        page(jsonLd("[{\"@type\":\"Organization\",\"name\":\"Shop\"},{\"@type\":\"BreadcrumbList\","
                                + "\"itemListElement\":[]}]"), ""),
                        "no schema.org Product markup"),
                arguments("malformed JSON-LD and nothing else",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":"), ""),
                        "no schema.org Product markup"),
                arguments("JSON-LD Product without name",
                        page(jsonLd("{\"@type\":\"Product\",\"offers\":" + offer("5", "USD") + "}"), ""),
                        "product has no name"),
                arguments("JSON-LD Product with blank name",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"  \",\"offers\":" + offer("5", "USD") + "}"), ""),
                        "product has no name"),
                arguments("JSON-LD Product without offers",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Ghost\"}"), ""),
                        "product has no price"),
                arguments("JSON-LD offer with empty price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Ghost\",\"offers\":" + offer("\"\"", "USD") + "}"),
                                ""),
                        "product has no price"),
                arguments("JSON-LD garbage price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Quote\",\"offers\":"
                                + offer("\"call us\"", "USD") + "}"), ""),
                        "unparseable price 'call us'"),
                arguments("JSON-LD price without currency",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Nowhere\",\"offers\":{\"price\":\"12.00\"}}"), ""),
                        "no currency for price '12.00'"),
                arguments("JSON-LD negative price",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Refund\",\"offers\":" + offer("-5", "USD") + "}"),
                                ""),
                        "negative price '-5'"),
                arguments("JSON-LD garbage price is reported when microdata has no price either",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Quote\",\"offers\":"
                                + offer("\"TBA\"", "USD") + "}"),
                                product("<h1 itemprop=\"name\">Quote</h1>")),
                        "unparseable price 'TBA'"),
                arguments("JSON-LD and microdata disagree",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"From JSON\",\"offers\":" + offer("10", "USD") + "}"),
                                product("<h1 itemprop=\"name\">From microdata</h1><span itemprop=\"price\" content=\"20\">"
                                        + "</span><meta itemprop=\"priceCurrency\" content=\"USD\">")),
                        "JSON-LD price 10.00 USD disagrees with microdata price 20.00 USD"),
                arguments("JSON-LD disagrees with product:price:amount",
                        page("<meta property=\"product:price:amount\" content=\"15.00\">"
                                + "<meta property=\"product:price:currency\" content=\"EUR\">"
                                + jsonLd("{\"@type\":\"Product\",\"name\":\"Scarf\",\"offers\":" + offer("18", "EUR") + "}"),
                                ""),
                        "JSON-LD price 18.00 EUR disagrees with product:price:amount 15.00 EUR"),
                arguments("several offers and nothing singles one out",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"Kettle\",\"offers\":["
                                + offer("\"45.00\"", "USD") + "," + offer("\"99.00\"", "USD") + "]}"), ""),
                        "several prices for the product: 45.00 USD and 99.00 USD"),
                arguments("ProductGroup variants of different prices and nothing singles one out",
                        page(jsonLd("{\"@type\":\"ProductGroup\",\"name\":\"Beeswax Candle\",\"hasVariant\":["
                                + "{\"@type\":\"Product\",\"offers\":" + offer("18.5", "GBP") + "},"
                                + "{\"@type\":\"Product\",\"offers\":" + offer("29", "GBP") + "}]}"), ""),
                        "several prices for the product: 18.50 GBP and 29.00 GBP"),
                arguments("ProductGroup without variants or offers",
                        page(jsonLd("{\"@type\":\"ProductGroup\",\"name\":\"Beeswax Candle\",\"hasVariant\":[]}"),
                                ""),
                        "product has no price"),
                arguments("AggregateOffer range",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"T-Shirt\",\"offers\":{\"@type\":\"AggregateOffer\","
                                + "\"lowPrice\":10.5,\"highPrice\":20,\"offerCount\":3,\"priceCurrency\":\"USD\"}}"), ""),
                        "several prices for the product: 10.50 USD and 20.00 USD"),
                arguments("microdata AggregateOffer range",
                        page("", product("<h1 itemprop=\"name\">Socks</h1><div itemprop=\"offers\" itemscope "
                                + "itemtype=\"https://schema.org/AggregateOffer\"><span itemprop=\"lowPrice\">€4,50</span>"
                                + " - <span itemprop=\"highPrice\">€9,00</span></div>")),
                        "several prices for the product: 4.50 EUR and 9.00 EUR"),
                arguments("two prices in one offer, neither marked",
                        page("", product("<h1 itemprop=\"name\">Kite</h1>" + OFFER
                                + "<span itemprop=\"price\">$60.00</span> <span itemprop=\"price\">$45.00</span></div>")),
                        "several prices for the product: 60.00 USD and 45.00 USD"),
                arguments("two Products with offers, neither the page's own",
                        page(jsonLd("[{\"@type\":\"Product\",\"name\":\"Lamp\",\"offers\":" + offer("80", "USD") + "},"
                                + "{\"@type\":\"Product\",\"name\":\"Shade\",\"offers\":" + offer("20", "USD") + "}]"), ""),
                        "several products on the page: 'Lamp' and 'Shade'"),
                arguments("cents printed as superscript are not read as part of the whole amount",
                        page("", product("<h1 itemprop=\"name\">Toaster</h1>" + OFFER
                                + "<span itemprop=\"price\">$119<sup>95</sup></span></div>")),
                        "price with raised digits '$11995'"),
                arguments("a name that is a URL is no name",
                        page(jsonLd("{\"@type\":\"Product\",\"name\":\"https://shop.example/p/1\",\"offers\":"
                                + offer("5", "USD") + "}"), ""),
                        "product has no name"),
                arguments("microdata Product without name",
                        page("", product(OFFER + "<span itemprop=\"price\">$5</span></div>")),
                        "product has no name"),
                arguments("microdata name only on a nested Brand",
                        page("", product("<div itemprop=\"brand\" itemscope itemtype=\"https://schema.org/Brand\">"
                                + "<span itemprop=\"name\">Acme</span></div>"
                                + OFFER + "<span itemprop=\"price\">$5</span></div>")),
                        "product has no name"),
                arguments("microdata without price; the struck-out and related prices are not used",
                        page("", product("<h1 itemprop=\"name\">Mystery</h1>")),
                        "product has no price"),
                arguments("microdata price only on a nested related product",
                        page("", product("<h1 itemprop=\"name\">Main</h1><div itemprop=\"isRelatedTo\" itemscope "
                                + "itemtype=\"https://schema.org/Product\"><span itemprop=\"name\">Other</span>"
                                + "<span itemprop=\"price\">$1</span></div>")),
                        "product has no price"),
                arguments("microdata garbage price text",
                        page("", product("<h1 itemprop=\"name\">Quote</h1>" + OFFER
                                + "<span itemprop=\"price\">Call for price</span></div>")),
                        "unparseable price 'Call for price'"),
                arguments("microdata price without any currency",
                        page("", product("<h1 itemprop=\"name\">Plain</h1>" + OFFER
                                + "<span itemprop=\"price\">12.00</span></div>")),
                        "no currency in price '12.00'"),
                arguments("microdata currency contradicting the printed symbol",
                        page("", product("<h1 itemprop=\"name\">Odd</h1>" + OFFER
                                + "<span itemprop=\"price\">£12.00</span><meta itemprop=\"priceCurrency\" content=\"EUR\">"
                                + "</div>")),
                        "currency mismatch: markup says EUR but price '£12.00' says GBP"),
                arguments("microdata bad grouping",
                        page("", product("<h1 itemprop=\"name\">Odd</h1>" + OFFER
                                + "<span itemprop=\"price\">$1,23,4</span></div>")),
                        "bad digit grouping in price '$1,23,4'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("brokenPages")
    void reportsWhyAPageCannotBeRead(String variant, String html, String message) {
        PageParseException failure = assertThrows(PageParseException.class, () -> parser.parse(PAGE, html));

        assertEquals(message, failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shopify-like.html                          | Merino Crew Sweater — Charcoal           | 89.00   | USD
            woocommerce-like.html                      | Espresso Machine “Barista Pro” & Tamper  | 1249.90 | EUR
            magento-like.html                          | Trail Runner 2 Men's Shoe                | 79.00   | GBP
            auction-hidden-title-prefix.html           | Vintage Brass Ship Compass 3" Gimbal Mount | 45.00 | USD
            name-with-nested-sku.html                  | Akku-Bohrschrauber 18V                   | 129.00  | EUR
            regular-and-special-price-in-one-offer.html | Sac à dos Randonnée 30 L                | 44.90   | EUR
            schemeless-itemtype.html                   | Czajnik elektryczny 1,7 l                | 149.99  | PLN
            product-nested-in-page-wide-product.html   | Trekking Poles Carbon, Pair              | 89.95   | GBP
            old-and-sale-price-in-one-element.html     | Handmühle Keramik                        | 29.00   | EUR
            """)
    void readsRealisticShopPages(String file, String name, String amount, String currency)
            throws IOException, PageParseException {
        ProductPage product = parser.parse(PAGE, resource(file));

        assertEquals(new ProductPage(name, new Price(new BigDecimal(amount), currency)), product);
    }

    @Test
    void takesTheOfferOnThePagesOwnAddressOverATravelSizeListedFirst() throws IOException, PageParseException {
        URI fullSizePage = URI.create("https://bloom.example/products/rose-face-cream");

        ProductPage product = parser.parse(fullSizePage, resource("travel-size-before-full-size.html"));

        assertEquals(new ProductPage("Rose Face Cream", new Price(new BigDecimal("38.00"), "USD")), product);
    }

    @Test
    void refusesSeveralOffersWhenNoneIsOnThePagesOwnAddress() throws IOException {
        URI elsewhere = URI.create("https://mirror.example/rose-face-cream");
        String html = resource("travel-size-before-full-size.html").replace("<link rel=\"canonical\"", "<link rel=\"x\"");

        PageParseException failure = assertThrows(PageParseException.class, () -> parser.parse(elsewhere, html));

        assertEquals("several prices for the product: 12.00 USD and 38.00 USD", failure.getMessage());
    }

    /** A Shopify ProductGroup: the page at "?variant=N" shows that variant, found by its url or its offer's. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://fernhill.example/products/linen-apron?variant=3301 | 32.00
            https://fernhill.example/products/linen-apron?variant=3302 | 36.00
            https://fernhill.example/products/linen-apron?variant=3303 | 36.00
            """)
    void takesTheProductGroupVariantAtThePagesOwnAddress(URI variantPage, String amount)
            throws IOException, PageParseException {
        ProductPage product = parser.parse(variantPage, resource("shopify-product-group.html"));

        assertEquals(new ProductPage("Linen Apron", new Price(new BigDecimal(amount), "USD")), product);
    }

    /** Without "?variant=", or with one no variant has, nothing in the markup says which size the page shows. */
    @ParameterizedTest
    @ValueSource(strings = {"https://fernhill.example/products/linen-apron",
        "https://fernhill.example/products/linen-apron?variant=9999"})
    void refusesProductGroupVariantsOfDifferentPricesWhenNoneIsThePagesOwn(URI page) {
        PageParseException failure = assertThrows(PageParseException.class,
                () -> parser.parse(page, resource("shopify-product-group.html")));

        assertEquals("several prices for the product: 32.00 USD and 36.00 USD", failure.getMessage());
    }

    @Test
    void takesTheOfferAtThePagesExactAddressAmongVariantOffersOfOneProduct() throws PageParseException {
        URI secondVariant = URI.create("https://shop.example/products/p-1?variant=12");
        String html = page(jsonLd("{\"@type\":\"Product\",\"name\":\"Wallet\",\"offers\":["
                + "{\"@type\":\"Offer\",\"price\":\"45.00\",\"priceCurrency\":\"USD\","
                + "\"url\":\"/products/p-1?variant=11\"},"
                + "{\"@type\":\"Offer\",\"price\":\"55.00\",\"priceCurrency\":\"USD\","
                + "\"url\":\"/products/p-1?variant=12\"}]}"), "");

        assertEquals(new ProductPage("Wallet", new Price(new BigDecimal("55.00"), "USD")), parser.parse(secondVariant, html));
        PageParseException failure = assertThrows(PageParseException.class, () -> parser.parse(PAGE, html));
        assertEquals("several prices for the product: 45.00 USD and 55.00 USD", failure.getMessage());
    }

    @Test
    void refusesAJsonLdPriceThatDisagreesWithOgPriceNamingBoth() {
        PageParseException failure = assertThrows(PageParseException.class,
                () -> parser.parse(PAGE, resource("json-ld-disagrees-with-og-price.html")));

        assertEquals("JSON-LD price 49.00 USD disagrees with og:price:amount 39.00 USD", failure.getMessage());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        String html = resource("shopify-like.html");
        ProductPage expected = parser.parse(PAGE, html);
        Stream<ProductPage> results = java.util.stream.IntStream.range(0, 32).parallel().mapToObj(i -> {
            try {
                return parser.parse(PAGE, html);
            } catch (PageParseException e) {
                throw new AssertionError(e);
            }
        });

        results.forEach(result -> assertEquals(expected, result));
    }

    static String resource(String file) throws IOException {
        try (InputStream in = ProductPageParserTest.class.getResourceAsStream("/parse/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource /parse/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
