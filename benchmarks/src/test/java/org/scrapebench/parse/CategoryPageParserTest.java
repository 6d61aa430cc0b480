package org.scrapebench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CategoryPageParserTest {

    private static final URI PAGE = URI.create("http://shop.test:8080/c/shoes?page=1");
    private static final String SHOP = "http://shop.test:8080";

    private static String jsonLd(String json) {
        return "<script type=\"application/ld+json\">" + json + "</script>";
    }

    private static String page(String head, String body) {
        return "<!DOCTYPE html><html><head><title>Shoes</title>" + head + "</head><body>"
                + "<nav><a href=\"/\">Home</a> <a href=\"/c/bags\">Bags</a></nav>" + body + "</body></html>";
    }

    private static List<URI> urls(String... paths) {
        return Arrays.stream(paths).map(path -> URI.create(SHOP + path)).toList();
    }

    private static final String MICRODATA_LIST = "<ol itemscope itemtype=\"https://schema.org/ItemList\">";

    static Stream<Arguments> itemLists() {
        return Stream.of(
                arguments("JSON-LD ListItem url",
                        page(jsonLd("{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":["
                                + "{\"@type\":\"ListItem\",\"position\":1,\"url\":\"http://shop.test:8080/p/1\"},"
                                + "{\"@type\":\"ListItem\",\"position\":2,\"url\":\"/p/2\"}]}"), ""),
                        urls("/p/1", "/p/2")),
                arguments("JSON-LD item as string, item object with url, item object with @id, bare string",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":["
                                + "{\"@type\":\"ListItem\",\"item\":\"/p/1\"},"
                                + "{\"@type\":\"ListItem\",\"item\":{\"@type\":\"Product\",\"name\":\"B\",\"url\":\"/p/2\"}},"
                                + "{\"@type\":\"ListItem\",\"item\":{\"@id\":\"/p/3#product\"}},"
                                + "\"/p/4\"]}"), ""),
                        urls("/p/1", "/p/2", "/p/3", "/p/4")),
                arguments("JSON-LD ordered by position",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":["
                                + "{\"position\":3,\"url\":\"/p/3\"},{\"position\":1,\"url\":\"/p/1\"},"
                                + "{\"position\":\"2\",\"url\":\"/p/2\"}]}"), ""),
                        urls("/p/1", "/p/2", "/p/3")),
                arguments("JSON-LD in document order when a position is missing",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":["
                                + "{\"position\":3,\"url\":\"/p/3\"},{\"url\":\"/p/1\"},{\"position\":2,\"url\":\"/p/2\"}]}"),
                                ""),
                        urls("/p/3", "/p/1", "/p/2")),
                arguments("JSON-LD single itemListElement object",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":{\"@type\":\"ListItem\",\"url\":\"/p/9\"}}"),
                                ""),
                        urls("/p/9")),
                arguments("JSON-LD in @graph after a BreadcrumbList, whose links are not products",
                        page(jsonLd("{\"@graph\":[{\"@type\":\"BreadcrumbList\",\"itemListElement\":["
                                + "{\"@type\":\"ListItem\",\"position\":1,\"item\":\"/\"},"
                                + "{\"@type\":\"ListItem\",\"position\":2,\"item\":\"/c/shoes\"}]},"
                                + "{\"@type\":\"ItemList\",\"itemListElement\":[{\"@type\":\"ListItem\",\"url\":\"/p/1\"}]}]}"),
                                ""),
                        urls("/p/1")),
                arguments("JSON-LD as mainEntity of a CollectionPage",
                        page(jsonLd("{\"@type\":\"CollectionPage\",\"mainEntity\":{\"@type\":\"ItemList\","
                                + "\"itemListElement\":[{\"@type\":\"ListItem\",\"url\":\"/p/5\"}]}}"), ""),
                        urls("/p/5")),
                arguments("JSON-LD preferred over microdata, never both",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":[{\"url\":\"/p/1\"},{\"url\":\"/p/2\"}]}"),
                                MICRODATA_LIST + "<li><a itemprop=\"itemListElement\" href=\"/p/1\">1</a></li>"
                                        + "<li><a itemprop=\"itemListElement\" href=\"/p/3\">3</a></li></ol>"),
                        urls("/p/1", "/p/2")),
                arguments("malformed JSON-LD skipped, microdata used",
                        page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":[{\"url\":"),
                                MICRODATA_LIST + "<li><a itemprop=\"itemListElement\" href=\"/p/7\">7</a></li></ol>"),
                        urls("/p/7")),
                arguments("microdata links as itemListElement",
                        page("", MICRODATA_LIST + "<li><a itemprop=\"itemListElement\" href=\"/p/1\">One</a></li>"
                                + "<li><a itemprop=\"itemListElement\" href=\"p/2\">Two</a></li></ol>"),
                        urls("/p/1", "/c/p/2")),
                arguments("microdata plain itemListElement holding itemprop=url",
                        page("", MICRODATA_LIST + "<li itemprop=\"itemListElement\"><a itemprop=\"url\" href=\"/p/1\">"
                                + "One</a></li><li itemprop=\"itemListElement\"><img src=\"/i.png\"><a href=\"/p/2\">Two</a>"
                                + "</li></ol>"),
                        urls("/p/1", "/p/2")),
                arguments("microdata ListItems with url and position meta, ordered by position",
                        page("", MICRODATA_LIST
                                + "<li itemprop=\"itemListElement\" itemscope itemtype=\"https://schema.org/ListItem\">"
                                + "<meta itemprop=\"position\" content=\"2\"><a itemprop=\"url\" href=\"/p/2\">Two</a></li>"
                                + "<li itemprop=\"itemListElement\" itemscope itemtype=\"https://schema.org/ListItem\">"
                                + "<meta itemprop=\"position\" content=\"1\"><a itemprop=\"url\" href=\"/p/1\">One</a></li>"
                                + "</ol>"),
                        urls("/p/1", "/p/2")),
                arguments("microdata ListItem whose item is a link or a Product with a url",
                        page("", MICRODATA_LIST
                                + "<li itemprop=\"itemListElement\" itemscope itemtype=\"https://schema.org/ListItem\">"
                                + "<a itemprop=\"item\" href=\"/p/1\">One</a></li>"
                                + "<li itemprop=\"itemListElement\" itemscope itemtype=\"https://schema.org/ListItem\">"
                                + "<div itemprop=\"item\" itemscope itemtype=\"https://schema.org/Product\">"
                                + "<span itemprop=\"name\">Two</span><link itemprop=\"url\" href=\"/p/2\">"
                                + "<span itemprop=\"brand\" itemscope itemtype=\"https://schema.org/Brand\">"
                                + "<a itemprop=\"url\" href=\"/brands/acme\">Acme</a></span></div></li></ol>"),
                        urls("/p/1", "/p/2")),
                arguments("microdata http itemtype; other links on the page ignored",
                        page("", "<a href=\"/p/99\">Sale item</a><div itemscope itemtype=\"http://schema.org/ItemList\">"
                                + "<a itemprop=\"itemListElement\" href=\"/p/1\">One</a></div>"),
                        urls("/p/1")),
                arguments("microdata scheme-less itemtype",
                        page("", "<div itemscope itemtype=\"//schema.org/ItemList\">"
                                + "<a itemprop=\"itemListElement\" href=\"/p/1\">One</a></div>"),
                        urls("/p/1")),
                arguments("microdata scheme-less ListItem and Product with www",
                        page("", "<ol itemscope itemtype=\"//www.schema.org/ItemList\">"
                                + "<li itemprop=\"itemListElement\" itemscope itemtype=\"//schema.org/ListItem\">"
                                + "<div itemprop=\"item\" itemscope itemtype=\"//schema.org/Product\">"
                                + "<a itemprop=\"url\" href=\"/p/7\">Seven</a></div></li></ol>"),
                        urls("/p/7")),
                arguments("JSON-LD @type as a scheme-less IRI",
                        page(jsonLd("{\"@type\":\"//schema.org/ItemList\",\"itemListElement\":[\"/p/3\"]}"), ""),
                        urls("/p/3")),
                arguments("empty JSON-LD ItemList is an empty category",
                        page(jsonLd("{\"@type\":\"ItemList\",\"numberOfItems\":0,\"itemListElement\":[]}"), ""),
                        urls()),
                arguments("JSON-LD ItemList without itemListElement is an empty category",
                        page(jsonLd("{\"@type\":\"ItemList\",\"name\":\"Shoes\"}"), ""),
                        urls()),
                arguments("empty microdata ItemList is an empty category",
                        page("", MICRODATA_LIST + "</ol><p>No products in this category.</p>"),
                        urls()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("itemLists")
    void readsProductsFromItemList(String variant, String html, List<URI> expected) throws PageParseException {
        assertEquals(expected, new CategoryPageParser().parse(PAGE, html).productUrls());
    }

    @Test
    void refusesAPageWithoutItemListMarkup() {
        String html = page(jsonLd("{\"@type\":\"BreadcrumbList\",\"itemListElement\":[{\"item\":\"/p/1\"}]}"),
                "<a class=\"product-link\" href=\"/p/1\">One</a>");

        PageParseException failure =
                assertThrows(PageParseException.class, () -> new CategoryPageParser().parse(PAGE, html));

        assertEquals("no schema.org ItemList markup; give a product link selector", failure.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a.product-link                | /p/1,/p/2
            .card                         | /p/1,/p/2
            .card h3 a, a.product-link    | /p/1,/p/2
            a.no-such-class               |
            """)
    void readsProductsThroughASelector(String selector, String expected) throws PageParseException {
        String html = page("", "<div class=\"card\"><h3><a class=\"product-link\" href=\"/p/1\">One</a></h3></div>"
                + "<div class=\"card\"><h3><a class=\"product-link\" href=\"/p/2#top\">Two</a></h3></div>"
                + "<aside><a href=\"/p/99\">Bestseller</a></aside>");
        List<URI> expectedUrls = expected == null ? List.of() : urls(expected.split(","));

        assertEquals(expectedUrls, new CategoryPageParser(selector).parse(PAGE, html).productUrls());
    }

    @Test
    void nullSelectorMeansItemList() throws PageParseException {
        String html = page(jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":[{\"url\":\"/p/1\"}]}"),
                "<a class=\"product-link\" href=\"/p/2\">Two</a>");

        assertEquals(urls("/p/1"), new CategoryPageParser(null).parse(PAGE, html).productUrls());
    }

    @Test
    void rejectsAnInvalidSelectorUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new CategoryPageParser("a[href"));
    }

    // page: http://shop.test:8080/c/shoes?page=1 ; an empty expectation means the link is not followed
    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /p/1                                 | http://shop.test:8080/p/1
            p/1                                  | http://shop.test:8080/c/p/1
            ./p/1                                | http://shop.test:8080/c/p/1
            ../p/1                               | http://shop.test:8080/p/1
            ../../../p/1                         | http://shop.test:8080/p/1
            ?page=2                              | http://shop.test:8080/c/shoes?page=2
            http://shop.test:8080/p/1            | http://shop.test:8080/p/1
            HTTP://SHOP.TEST:8080/p/1            | http://shop.test:8080/p/1
            https://shop.test:8080/p/1           | https://shop.test:8080/p/1
            //shop.test:8080/p/1                 | http://shop.test:8080/p/1
            /p/1#reviews                         | http://shop.test:8080/p/1
            "  /p/1\n "                          | http://shop.test:8080/p/1
            /p/a b                               | http://shop.test:8080/p/a%20b
            /p/1?color=red&size=9                | http://shop.test:8080/p/1?color=red&size=9
            http://other.test:8080/p/1           |
            http://shop.test.evil.test:8080/p/1  |
            http://shop.test:9090/p/1            |
            http://shop.test/p/1                 |
            //other.test/p/1                     |
            mailto:sales@shop.test               |
            javascript:void(0)                   |
            data:text/html,hello                 |
            ftp://shop.test:8080/p/1             |
            http://user@shop.test:8080/p/1       |
            http://[broken                       |
            "#top"                               |
            ""                                   |
            """)
    void resolvesAndFiltersLinks(String href, String expected) throws PageParseException {
        String html = page("", "<a class=\"product-link\" href=\"" + href.replace("\\n", "\n") + "\">x</a>");
        List<URI> expectedUrls = expected == null ? List.of() : List.of(URI.create(expected));

        assertEquals(expectedUrls, new CategoryPageParser("a.product-link").parse(PAGE, html).productUrls());
    }

    @Test
    void treatsDefaultPortsAndHttpsOnTheSameHostAsSameSite() throws PageParseException {
        URI page = URI.create("http://Shop.Test/c/shoes");
        String html = page("", "<a class=\"p\" href=\"http://shop.test:80/p/1\">1</a>"
                + "<a class=\"p\" href=\"https://shop.test/p/2\">2</a>"
                + "<a class=\"p\" href=\"https://shop.test:443/p/3\">3</a>"
                + "<a class=\"p\" href=\"http://shop.test:8080/p/4\">4</a>");

        assertEquals(List.of(URI.create("http://shop.test/p/1"), URI.create("https://shop.test/p/2"),
                        URI.create("https://shop.test/p/3")),
                new CategoryPageParser("a.p").parse(page, html).productUrls());
    }

    @Test
    void dropsDuplicatesKeepingFirstOccurrenceOrder() throws PageParseException {
        String html = page("", "<a class=\"p\" href=\"/p/2\">2</a><a class=\"p\" href=\"/p/1\">1</a>"
                + "<a class=\"p\" href=\"/p/2#reviews\">2 reviews</a><a class=\"p\" href=\"http://SHOP.test:8080/p/1\">1</a>"
                + "<a class=\"p\" href=\"/p/3\">3</a>");

        assertEquals(urls("/p/2", "/p/1", "/p/3"), new CategoryPageParser("a.p").parse(PAGE, html).productUrls());
    }

    @Test
    void resolvesAgainstTheBaseElement() throws PageParseException {
        String html = "<html><head><base href=\"/catalog/\"></head><body>"
                + "<a class=\"p\" href=\"p/1\">1</a></body></html>";

        assertEquals(urls("/catalog/p/1"), new CategoryPageParser("a.p").parse(PAGE, html).productUrls());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "<link rel='next' href='/c/shoes?page=2'>"                 |                                 | /c/shoes?page=2
            ""                                                         | "<a rel='next' href='?page=2'>Next</a>" | /c/shoes?page=2
            ""                                                         | "<a rel='next nofollow' href='/c/shoes/2'>»</a>" | /c/shoes/2
            ""                                                         | "<a rel='NoFollow Next' href='/c/shoes/2'>»</a>" | /c/shoes/2
            "<link rel='prev' href='/c/shoes?page=0'>"                 | "<a rel='prev' href='?page=0'>Prev</a>" |
            ""                                                         | "<a rel='nextpage' href='?page=2'>Next</a>" |
            ""                                                         | "<a class='next' href='?page=2'>Next</a>" |
            "<link rel='next' href='http://other.test:8080/c?page=2'>" |                                 |
            ""                                                         | "<a rel='next' href='javascript:more()'>More</a>" |
            ""                                                         | "<a rel='next' href='?page=1#top'>Same page</a>" |
            ""                                                         | "<a rel='next' href='/c/shoes?page=2#list'>Next</a>" | /c/shoes?page=2
            "<link rel='next' href='mailto:x@shop.test'>"              | "<a rel='next' href='?page=3'>Next</a>" | /c/shoes?page=3
            """)
    void findsTheNextPage(String head, String body, String expected) throws PageParseException {
        String html = page(head == null ? "" : head, body == null ? "" : body)
                .replace("</body>", jsonLd("{\"@type\":\"ItemList\",\"itemListElement\":[]}") + "</body>");
        Optional<URI> expectedNext = Optional.ofNullable(expected).map(path -> URI.create(SHOP + path));

        assertEquals(expectedNext, new CategoryPageParser().parse(PAGE, html).nextPage());
    }

    @Test
    void readsARealisticListingWithPagination() throws Exception {
        String html = ProductPageParserTest.resource("category-like.html");

        CategoryPage page = new CategoryPageParser().parse(URI.create("https://northfold.example/collections/knitwear"),
                html);

        assertEquals(List.of(URI.create("https://northfold.example/products/merino-crew-sweater"),
                        URI.create("https://northfold.example/products/lambswool-cardigan?variant=88"),
                        URI.create("https://northfold.example/products/cotton-rollneck")),
                page.productUrls());
        assertEquals(Optional.of(URI.create("https://northfold.example/collections/knitwear?page=2")), page.nextPage());
    }
}
