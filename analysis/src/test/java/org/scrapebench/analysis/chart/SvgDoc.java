package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A chart's SVG parsed with the JDK's XML parser (so it must be well-formed),
 * with what the tests look up: elements by class, a marker's position, and an
 * axis's mapping rebuilt from its data attributes by this class's own formula.
 */
public record SvgDoc(Document document) {
    /** Coordinates are written to two decimals. */
    public static final double PIXEL = 0.006;
    private static final Pattern TRANSLATE = Pattern.compile("translate\\(([-0-9.]+) ([-0-9.]+)\\)");

    public static SvgDoc parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new SvgDoc(factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    public Element root() {
        return document.getDocumentElement();
    }

    public List<Element> byClass(String cls) {
        return byClass(root(), cls);
    }

    /** Elements under {@code from} whose class list holds {@code cls}. */
    public static List<Element> byClass(Element from, String cls) {
        List<Element> found = new ArrayList<>();
        NodeList all = from.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                found.add(e);
            }
        }
        return found;
    }

    public static Element single(Element from, String cls) {
        List<Element> found = byClass(from, cls);
        assertEquals(1, found.size(), "one ." + cls);
        return found.get(0);
    }

    /** The (x, y) a marker is drawn at. */
    public static double[] position(Element marker) {
        Matcher m = TRANSLATE.matcher(marker.getAttribute("transform"));
        assertTrue(m.matches(), marker.getAttribute("transform"));
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    public static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The enclosing element with class {@code cls}. */
    public static Element ancestor(Element e, String cls) {
        for (Node n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
            if (List.of(p.getAttribute("class").split(" ")).contains(cls)) {
                return p;
            }
        }
        throw new AssertionError("no ." + cls + " around " + e.getTagName());
    }

    /** The pixel of {@code value} on an axis group (.x-axis or .y-axis), computed from its data attributes. */
    public static double pixel(Element axis, double value) {
        String[] domain = axis.getAttribute("data-domain").split(" ");
        String[] range = axis.getAttribute("data-range").split(" ");
        double d0 = Double.parseDouble(domain[0]);
        double d1 = Double.parseDouble(domain[1]);
        double r0 = Double.parseDouble(range[0]);
        double r1 = Double.parseDouble(range[1]);
        double t = "log".equals(axis.getAttribute("data-scale"))
                ? Math.log10(value / d0) / Math.log10(d1 / d0) : (value - d0) / (d1 - d0);
        return r0 + t * (r1 - r0);
    }
}
