package org.scrapebench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Lists a category page's product links and its next page. By default products come from schema.org
 * {@code ItemList} markup (JSON-LD preferred over microdata, never both); for a site without it, from a CSS selector.
 * Only same-site http(s) links are returned. Immutable, so one instance may be shared by any number of threads.
 */
public final class CategoryPageParser {

    private static final String ITEM_LIST = "ItemList";

    private final String productLinkSelector;

    /** Reads products from schema.org ItemList markup. */
    public CategoryPageParser() {
        this(null);
    }

    /**
     * @param productLinkSelector CSS selector for the product links, e.g. {@code "a.product-link"}; an element
     *                            without href stands for the first link inside it; null means ItemList markup
     * @throws IllegalArgumentException if the selector is not valid CSS
     */
    public CategoryPageParser(String productLinkSelector) {
        if (productLinkSelector != null) {
            // fail at configuration time, not on the first page
            try {
                QueryParser.parse(productLinkSelector);
            } catch (Selector.SelectorParseException e) {
                throw new IllegalArgumentException("invalid product link selector: " + e.getMessage(), e);
            }
        }
        this.productLinkSelector = productLinkSelector;
    }

    public CategoryPage parse(URI pageUrl, String html) throws PageParseException {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        SameSiteLinks links = new SameSiteLinks(pageUrl, doc.baseUri());
        URI self = links.resolve(pageUrl.toString()).orElse(null);

        List<String> hrefs = productLinkSelector == null ? itemListHrefs(doc) : selectedHrefs(doc);
        Set<URI> products = new LinkedHashSet<>();
        for (String href : hrefs) {
            // a link back to the category itself is navigation, never a product
            links.resolve(href).filter(url -> !url.equals(self)).ifPresent(products::add);
        }
        return new CategoryPage(new ArrayList<>(products), nextPage(doc, links, self));
    }

    private List<String> selectedHrefs(Document doc) {
        List<String> hrefs = new ArrayList<>();
        for (Element element : doc.select(productLinkSelector)) {
            Element link = element.hasAttr("href") ? element : element.selectFirst("a[href]");
            if (link != null) {
                hrefs.add(link.attr("href"));
            }
        }
        return hrefs;
    }

    private static List<String> itemListHrefs(Document doc) throws PageParseException {
        // the first list is the category's; BreadcrumbList, a subtype, never matches the exact type name
        List<JsonNode> jsonLists = JsonLd.entitiesOfType(JsonLd.roots(doc), ITEM_LIST);
        if (!jsonLists.isEmpty()) {
            return jsonLdHrefs(jsonLists.get(0));
        }
        List<Element> microdataLists = Microdata.outermostItems(doc, ITEM_LIST);
        if (!microdataLists.isEmpty()) {
            return microdataHrefs(microdataLists.get(0));
        }
        throw new PageParseException("no schema.org ItemList markup; give a product link selector");
    }

    /** A list entry's link and, if stated, its position. */
    private record Entry(String href, OptionalLong position) {
    }

    private static List<String> jsonLdHrefs(JsonNode list) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode element : JsonLd.asList(list.get("itemListElement"))) {
            String href = jsonLdElementHref(element);
            if (href != null) {
                entries.add(new Entry(href, position(element.isObject() ? JsonLd.text(element.get("position")) : null)));
            }
        }
        return inListOrder(entries);
    }

    private static String jsonLdElementHref(JsonNode element) {
        if (element.isTextual()) {
            return element.asText();
        }
        if (!element.isObject()) {
            return null;
        }
        String url = JsonLd.text(element.get("url"));
        if (url != null) {
            return url;
        }
        JsonNode item = element.get("item");
        if (item == null) {
            return null;
        }
        if (item.isObject()) {
            String itemUrl = JsonLd.text(item.get("url"));
            return itemUrl != null ? itemUrl : JsonLd.text(item.get("@id"));
        }
        return JsonLd.text(item);
    }

    private static List<String> microdataHrefs(Element list) {
        List<Entry> entries = new ArrayList<>();
        for (Element element : Microdata.properties(list, "itemListElement")) {
            String href = element.hasAttr("itemscope") ? listItemHref(element) : linkIn(element);
            if (href != null) {
                Element position = element.hasAttr("itemscope") ? Microdata.firstProperty(element, "position") : null;
                entries.add(new Entry(href, position(position == null ? null : Microdata.value(position))));
            }
        }
        return inListOrder(entries);
    }

    /** A ListItem's url, or its item's: the item may be a link or a nested item (a Product) with a url. */
    private static String listItemHref(Element listItem) {
        Element url = Microdata.firstProperty(listItem, "url");
        if (url != null) {
            return Microdata.value(url);
        }
        Element item = Microdata.firstProperty(listItem, "item");
        if (item == null) {
            return null;
        }
        if (!item.hasAttr("itemscope")) {
            return Microdata.value(item);
        }
        Element itemUrl = Microdata.firstProperty(item, "url");
        if (itemUrl != null) {
            return Microdata.value(itemUrl);
        }
        return item.hasAttr("itemid") ? item.attr("itemid") : null;
    }

    /** A plain itemListElement: a link itself, or holding an {@code itemprop="url"} or a link. */
    private static String linkIn(Element element) {
        if (element.hasAttr("href")) {
            return element.attr("href");
        }
        Element url = element.selectFirst("[itemprop~=(^|\\s)url(\\s|$)]");
        if (url == null) {
            url = element.selectFirst("a[href]");
        }
        return url == null ? null : Microdata.value(url);
    }

    private static OptionalLong position(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    /** Ordered by position when every entry states one (a stable sort keeps ties in page order), else page order. */
    private static List<String> inListOrder(List<Entry> entries) {
        List<Entry> ordered = new ArrayList<>(entries);
        if (ordered.stream().allMatch(entry -> entry.position().isPresent())) {
            ordered.sort(Comparator.comparingLong(entry -> entry.position().getAsLong()));
        }
        return ordered.stream().map(Entry::href).toList();
    }

    private static Optional<URI> nextPage(Document doc, SameSiteLinks links, URI self) {
        for (Element link : doc.select("link[rel][href], a[rel][href], area[rel][href]")) {
            boolean isNext = List.of(link.attr("rel").toLowerCase(Locale.ROOT).strip().split("\\s+")).contains("next");
            if (isNext) {
                Optional<URI> next = links.resolve(link.attr("href")).filter(url -> !url.equals(self));
                if (next.isPresent()) {
                    return next;
                }
            }
        }
        return Optional.empty();
    }
}
