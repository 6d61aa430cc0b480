package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SvgWriterTest {

    @Test
    void textAndAttributesAreEscapedSoAnyLabelStaysWellFormed() {
        String nasty = "a<b & \"c\" 'd'>";
        String svg = new SvgWriter().open("svg", "xmlns", "http://www.w3.org/2000/svg", "data-label", nasty)
                .text("text", nasty, "x", "1").close("svg").toString();
        SvgDoc doc = SvgDoc.parse(svg);
        assertEquals(nasty, doc.root().getAttribute("data-label"));
        assertEquals(nasty, ((Element) doc.root().getElementsByTagName("text").item(0)).getTextContent());
    }

    @Test
    void nullAttributesAreLeftOutAndPixelsHaveTwoDecimals() {
        String svg = new SvgWriter().empty("rect", "x", SvgWriter.px(1.0 / 3), "fill", null).toString();
        assertEquals("<rect x=\"0.33\"/>\n", svg);
    }
}
