package org.scrapebench.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves hrefs found on one page and keeps only those the scraper may follow: http(s), on the page's host and
 * port (an http page may link to https on the same host), without fragment.
 */
final class SameSiteLinks {

    private final URI page;
    private final URI base;

    /**
     * @param page the page's own URL, which decides what is same-site
     * @param base what relative links resolve against: the page URL or its {@code <base href>}
     */
    SameSiteLinks(URI page, String base) {
        if (!page.isAbsolute() || page.getHost() == null) {
            throw new IllegalArgumentException("page URL must be absolute http(s): " + page);
        }
        this.page = page;
        URI parsedBase = parseOrNull(base);
        this.base = parsedBase != null && parsedBase.isAbsolute() && parsedBase.getRawAuthority() != null
                ? parsedBase : page;
    }

    /** The absolute, normalised link, or empty if it is malformed, off-site or not http(s). */
    Optional<URI> resolve(String href) {
        if (href == null) {
            return Optional.empty();
        }
        // browsers ignore surrounding whitespace and drop tabs and newlines anywhere in a URL
        String cleaned = href.strip().replaceAll("[\\t\\n\\r]", "").replace(" ", "%20");
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        URI reference = parseOrNull(cleaned);
        if (reference == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(normalised(against(base, reference)))
                .filter(this::isSameSite);
    }

    /** RFC 3986 resolution; java.net.URI alone gets query-only references and dot segments above root wrong. */
    private static URI against(URI base, URI reference) {
        if (reference.isAbsolute()) {
            return reference;
        }
        if (reference.getRawAuthority() != null) {
            return parseOrNull(base.getScheme() + ":" + reference.toString());
        }
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String path = reference.getRawPath() == null ? "" : reference.getRawPath();
        if (path.isEmpty()) {
            String query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
            return parseOrNull(origin(base) + basePath + (query != null ? "?" + query : ""));
        }
        URI directory = parseOrNull(origin(base) + basePath);
        if (directory == null) {
            return null;
        }
        URI resolved = directory.resolve(reference);
        String resolvedPath = resolved.getRawPath();
        while (resolvedPath.startsWith("/../")) {
            resolvedPath = resolvedPath.substring(3);
        }
        if (resolvedPath.equals("/..")) {
            resolvedPath = "/";
        }
        return parseOrNull(origin(resolved) + resolvedPath
                + (resolved.getRawQuery() != null ? "?" + resolved.getRawQuery() : ""));
    }

    /** Scheme and host lower-cased, default port and fragment dropped; null unless http(s) with a plain host. */
    private static URI normalised(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.isOpaque() || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = significantPort(scheme, uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return parseOrNull(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
                + path + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
    }

    private boolean isSameSite(URI link) {
        String pageScheme = page.getScheme().toLowerCase(Locale.ROOT);
        return link.getHost().equalsIgnoreCase(page.getHost())
                && link.getPort() == significantPort(pageScheme, page.getPort());
    }

    /** -1 for a scheme's default port, so that http://h and https://h count as the same port. */
    private static int significantPort(String scheme, int port) {
        boolean isDefault = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return isDefault ? -1 : port;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static URI parseOrNull(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException | RuntimeException malformed) {
            return null;
        }
    }
}
