package org.scrapebench.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The text of an element as a person reads it on the page. Text that is there only for screen readers or hidden
 * (eBay's "Details about" before a title, WooCommerce's "Original price was: ...") is left out, and so are, as asked,
 * nested microdata properties (a SKU inside the name element) and struck-through prices.
 */
final class VisibleText {

    /** Class names that popular themes and CSS frameworks use to hide text from sight. */
    private static final Set<String> HIDING_CLASSES = Set.of("sr-only", "visually-hidden", "visuallyhidden",
            "screen-reader-text", "screen-reader-only", "show-for-sr", "element-invisible", "a-offscreen", "offscreen",
            "g-hdn", "hidden", "d-none", "is-hidden", "u-hidden", "u-visually-hidden", "assistive-text");
    private static final Pattern HIDING_STYLE =
            Pattern.compile("(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKENS = Pattern.compile("\\s+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> STRUCK_TAGS = Set.of("del", "s", "strike");

    private VisibleText() {
    }

    /** A name element's text without hidden text and without the text of nested itemprop or item elements. */
    static String ofName(Element name) {
        return textWithout(name, element -> isHidden(element) || element.hasAttr("itemprop")
                || element.hasAttr("itemscope"));
    }

    /** A price element's text without hidden text and without struck-through (old) prices inside it. */
    static String ofPrice(Element price) {
        return textWithout(price, element -> isHidden(element) || isStruck(element));
    }

    static boolean isStruck(Element element) {
        return STRUCK_TAGS.contains(element.normalName());
    }

    static boolean isHidden(Element element) {
        if (element.hasAttr("hidden") || HIDING_STYLE.matcher(element.attr("style")).find()) {
            return true;
        }
        List<String> classes = List.of(TOKENS.split(element.className().strip().toLowerCase(Locale.ROOT)));
        // Tailwind's "hidden md:inline" shows the text on wider screens, so "hidden" counts only without a breakpoint
        boolean responsive = classes.stream().anyMatch(name -> name.contains(":"));
        return classes.stream().anyMatch(name -> HIDING_CLASSES.contains(name) && !(responsive && name.equals("hidden")));
    }

    private static String textWithout(Element element, Predicate<Element> leaveOut) {
        Element copy = element.clone();
        for (Element descendant : copy.select("*")) {
            if (descendant != copy && leaveOut.test(descendant)) {
                descendant.remove();
            }
        }
        return WHITESPACE.matcher(copy.text()).replaceAll(" ").strip();
    }
}
