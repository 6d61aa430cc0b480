package org.scrapebench.analysis.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * SVG as text: elements with escaped attributes and text, coordinates to two
 * decimals. Small on purpose: the charts need lines, rectangles, circles,
 * paths and text, nothing a library would add.
 */
public final class SvgWriter {
    private final StringBuilder out = new StringBuilder();

    /** Attributes come as name, value pairs; null values are left out. */
    public SvgWriter open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(">\n");
        return this;
    }

    public SvgWriter empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    public SvgWriter text(String tag, String text, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    public SvgWriter close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** An element with a {@code <title>} child, the tooltip a browser shows on hover. */
    public SvgWriter withTitle(String tag, String title, String... attributes) {
        open(tag, attributes);
        text("title", title);
        return close(tag);
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A pixel coordinate: two decimals are far below what a screen shows. */
    public static String px(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A data value as written in {@code data-*} attributes: full precision, so nothing is lost. */
    public static String exact(double value) {
        return Double.toString(value);
    }

    /** A tick or axis label: up to six significant digits, no exponent, no trailing zeros. */
    public static String label(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Escapes the five XML special characters (HTML too, since SVG is inlined there). */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
