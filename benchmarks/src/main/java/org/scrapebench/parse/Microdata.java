package org.scrapebench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads schema.org microdata items and their properties, following the WHATWG microdata model. */
final class Microdata {

    private static final Pattern TOKENS = Pattern.compile("\\s+");
    /** "https://", "http://" or a scheme-relative "//", then an optional "www.". */
    private static final Pattern SCHEME_AND_WWW =
            Pattern.compile("^(?:https?:)?//(www\\.)?", Pattern.CASE_INSENSITIVE);

    private Microdata() {
    }

    /** Items of the type that are not inside another item of the same type (which would be a related product). */
    static List<Element> outermostItems(Document doc, String type) {
        List<Element> outermost = new ArrayList<>();
        for (Element item : doc.select("[itemscope][itemtype]")) {
            if (isType(item, type) && item.parents().stream().noneMatch(parent -> isType(parent, type))) {
                outermost.add(item);
            }
        }
        return outermost;
    }

    /**
     * Items of the type that are not a property of another item of that type: a Product that is a page's main
     * entity or stands on its own (even inside another Product's element, since an item without {@code itemprop}
     * is a top-level item), but not a Product's {@code isRelatedTo} or {@code isSimilarTo}.
     */
    static List<Element> itemsNotPropertyOfSameType(Document doc, String type) {
        List<Element> found = new ArrayList<>();
        for (Element item : doc.select("[itemscope][itemtype]")) {
            if (isType(item, type) && !isPropertyOfItemOfType(item, type)) {
                found.add(item);
            }
        }
        return found;
    }

    /** True if the element is an {@code itemprop} of its nearest enclosing item, and that item is of the type. */
    private static boolean isPropertyOfItemOfType(Element element, String type) {
        if (!element.hasAttr("itemprop")) {
            return false;
        }
        return element.parents().stream().filter(parent -> parent.hasAttr("itemscope")).findFirst()
                .map(owner -> isType(owner, type)).orElse(false);
    }

    /** True for an item whose {@code itemtype} lists schema.org's type: https, http or scheme-relative. */
    static boolean isType(Element element, String type) {
        if (!element.hasAttr("itemscope")) {
            return false;
        }
        for (String itemType : TOKENS.split(element.attr("itemtype").strip())) {
            String address = SCHEME_AND_WWW.matcher(itemType).replaceFirst("");
            if (address.equalsIgnoreCase("schema.org/" + type) || address.equalsIgnoreCase("schema.org/" + type + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The item's properties of that name, in tree order. Properties belong to the nearest enclosing item, so a
     * Brand's or a Review author's {@code name} is not the product's. Elements named by {@code itemref} count too.
     */
    static List<Element> properties(Element item, String name) {
        List<Element> found = new ArrayList<>();
        for (Element child : item.children()) {
            collect(child, name, found);
        }
        Document doc = item.ownerDocument();
        if (doc != null && item.hasAttr("itemref")) {
            for (String id : TOKENS.split(item.attr("itemref").strip())) {
                Element referenced = id.isEmpty() ? null : doc.getElementById(id);
                if (referenced != null && referenced != item) {
                    collect(referenced, name, found);
                }
            }
        }
        return found;
    }

    static Element firstProperty(Element item, String name) {
        List<Element> found = properties(item, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void collect(Element element, String name, List<Element> found) {
        if (hasPropertyName(element, name)) {
            found.add(element);
        }
        if (element.hasAttr("itemscope")) {
            return; // its descendants are its own properties
        }
        for (Element child : element.children()) {
            collect(child, name, found);
        }
    }

    private static boolean hasPropertyName(Element element, String name) {
        if (!element.hasAttr("itemprop")) {
            return false;
        }
        for (String token : TOKENS.split(element.attr("itemprop").strip())) {
            if (token.equals(name) || token.endsWith("/" + name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A property's value per WHATWG: the {@code content} attribute wherever present, a URL attribute for link-like
     * elements (returned as written, unresolved), {@code value} for data and meter, {@code datetime} for time,
     * otherwise the element's text.
     */
    static String value(Element property) {
        if (property.hasAttr("content")) {
            return property.attr("content");
        }
        return switch (property.normalName()) {
            case "meta" -> "";
            case "a", "area", "link" -> property.attr("href");
            case "audio", "embed", "iframe", "img", "source", "track", "video" -> property.attr("src");
            case "object" -> property.attr("data");
            case "data", "meter" -> property.attr("value");
            case "time" -> property.hasAttr("datetime") ? property.attr("datetime") : property.text();
            default -> property.text();
        };
    }

    /** True when {@link #value} is a URL attribute: {@code href}, {@code src} or {@code data}. */
    static boolean isUrlValue(Element property) {
        return !property.hasAttr("content") && switch (property.normalName()) {
            case "a", "area", "link", "audio", "embed", "iframe", "img", "source", "track", "video", "object" -> true;
            default -> false;
        };
    }

    /** True when {@link #value} is the element's text rather than an attribute. */
    static boolean isTextValue(Element property) {
        if (property.hasAttr("content")) {
            return false;
        }
        return switch (property.normalName()) {
            case "meta", "data", "meter" -> false;
            case "time" -> !property.hasAttr("datetime");
            default -> !isUrlValue(property);
        };
    }

    /** True when {@link #value} comes from an attribute meant for machines rather than from visible text. */
    static boolean isMachineValue(Element property) {
        return property.hasAttr("content")
                || switch (property.normalName()) {
                    case "meta", "data", "meter" -> true;
                    default -> false;
                };
    }
}
