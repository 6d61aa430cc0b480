package org.scrapebench.parse;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Tells whether a link in the markup names the page itself: its URL or its canonical link, compared by host and
 * path (scheme, query and fragment ignored, so that "?variant=2" or "#product" still name the page), or, to tell a
 * product's variants apart, exactly by the address the page was fetched at.
 */
final class PageAddress {

    private final URI base;
    private final Set<String> keys = new HashSet<>();
    private final String exactKey;

    PageAddress(URI page, Document doc) {
        this.base = parseOrNull(doc.baseUri()) != null ? parseOrNull(doc.baseUri()) : page;
        addKey(page);
        this.exactKey = page.getHost() == null ? null : exactKey(page);
        for (Element canonical : doc.select("link[rel=canonical][href]")) {
            addKey(resolve(canonical.attr("href")));
        }
    }

    /** True if the href names this page; false if it names another page or cannot be read. */
    boolean isThisPage(String href) {
        URI uri = resolve(href);
        return uri != null && keys.contains(key(uri));
    }

    /**
     * True if the href names exactly the address the page was fetched at, query included: of a product's variants
     * at "?variant=11" and "?variant=12", only the one the page was opened at; with no query, only a link without one.
     */
    boolean isExactlyThisPage(String href) {
        URI uri = resolve(href);
        return uri != null && exactKey != null && exactKey.equals(exactKey(uri));
    }

    /** True if the href names a page that is not this one. */
    boolean isOtherPage(String href) {
        URI uri = resolve(href);
        return uri != null && !keys.contains(key(uri));
    }

    private void addKey(URI uri) {
        if (uri != null && uri.getHost() != null) {
            keys.add(key(uri));
        }
    }

    private URI resolve(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        URI reference = parseOrNull(href.strip().replace(" ", "%20"));
        if (reference == null) {
            return null;
        }
        try {
            URI resolved = base.resolve(reference);
            return resolved.getHost() == null ? null : resolved;
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }

    private static String key(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return host + path;
    }

    private static String exactKey(URI uri) {
        return uri.getRawQuery() == null ? key(uri) : key(uri) + "?" + uri.getRawQuery();
    }

    private static URI parseOrNull(String uri) {
        try {
            return new URI(uri);
        } catch (Exception malformed) {
            return null;
        }
    }
}
