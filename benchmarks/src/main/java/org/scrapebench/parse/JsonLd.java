package org.scrapebench.parse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads schema.org entities from a page's {@code <script type="application/ld+json">} blocks. */
final class JsonLd {

    // Hand-written shop templates commonly leave trailing commas, raw newlines in strings and comments.
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            // prices must never pass through double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readerFor(JsonNode.class);

    private JsonLd() {
    }

    /** The root values of every JSON-LD script, in document order. A malformed script is skipped, not fatal. */
    static List<JsonNode> roots(Document doc) {
        List<JsonNode> roots = new ArrayList<>();
        for (Element script : doc.select("script[type]")) {
            if (!script.attr("type").strip().toLowerCase(Locale.ROOT).startsWith("application/ld+json")) {
                continue;
            }
            String json = unwrap(script.data());
            try (MappingIterator<JsonNode> values = READER.readValues(json)) {
                while (values.hasNextValue()) {
                    roots.add(values.nextValue());
                }
            } catch (IOException | RuntimeException malformed) {
                // keep whatever parsed before the error; the page may still carry microdata
            }
        }
        return roots;
    }

    /**
     * Entities of any of the given schema.org types: top level, in arrays, in {@code @graph}, or the {@code mainEntity}
     * of a page. Entities nested elsewhere (a related product's {@code isRelatedTo}) are deliberately not found.
     */
    static List<JsonNode> entitiesOfType(List<JsonNode> roots, String... types) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode root : roots) {
            collect(root, types, found);
        }
        return found;
    }

    private static void collect(JsonNode node, String[] types, List<JsonNode> found) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, types, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (String type : types) {
            if (isType(node, type)) {
                found.add(node);
                break;
            }
        }
        collect(node.get("@graph"), types, found);
        collect(node.get("mainEntity"), types, found);
    }

    /** True if {@code @type} (a string or an array) names the type, bare or as a schema.org IRI. */
    static boolean isType(JsonNode node, String type) {
        JsonNode types = node.get("@type");
        if (types == null) {
            return false;
        }
        if (types.isTextual()) {
            return localName(types.asText()).equals(type);
        }
        for (JsonNode each : types) {
            if (each.isTextual() && localName(each.asText()).equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String localName(String typeName) {
        String trimmed = typeName.strip();
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':'));
        return trimmed.substring(cut + 1);
    }

    /**
     * A property's value as text: strings as is, numbers in plain decimal notation (exactly, never via double),
     * {@code {"@value": ...}} unwrapped, the first usable element of an array. Null when absent or blank.
     */
    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isObject()) {
            return text(value.get("@value"));
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                String text = text(element);
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return value.toString();
    }

    /** The value as a list: a JSON array's elements, or the single value itself. */
    static List<JsonNode> asList(JsonNode value) {
        List<JsonNode> list = new ArrayList<>();
        if (value == null || value.isNull()) {
            return list;
        }
        if (value.isArray()) {
            value.forEach(list::add);
        } else {
            list.add(value);
        }
        return list;
    }

    /** Strips the HTML comment and CDATA wrappers that old templates put around script content. */
    private static String unwrap(String script) {
        String json = script.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String prefix : new String[] {"<!--", "<![CDATA["}) {
                if (json.startsWith(prefix)) {
                    json = json.substring(prefix.length()).strip();
                    changed = true;
                }
            }
            for (String suffix : new String[] {"-->", "]]>"}) {
                if (json.endsWith(suffix)) {
                    json = json.substring(0, json.length() - suffix.length()).strip();
                    changed = true;
                }
            }
        }
        return json;
    }
}
