package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class RegimeMapChartTest {

    private static final List<Double> X = List.of(0.1, 0.3, 1.0, 3.0, 10.0, 30.0);

    private static RegimeMapChart.Series series(String model, List<Double> means) {
        return new RegimeMapChart.Series(model, X, means, means.stream().map(m -> m * 0.97).toList(),
                means.stream().map(m -> m * 1.03).toList());
    }

    // an event loop at 210 ms + 40 ms per ms of CPU, a pool at 220 ms + 20 ms per ms above its latency floor
    private static final List<RegimeMapChart.Series> LINES = List.of(
            series("EVENT_LOOP", X.stream().map(c -> Math.max(210, 40 * c + 30)).toList()),
            series("FIXED_THREAD_POOL", X.stream().map(c -> Math.max(220, 20 * c + 30)).toList()));
    private static final List<RegimeMapChart.BoundLine> BOUNDS = List.of(
            new RegimeMapChart.BoundLine("EVENT_LOOP", X, X.stream().map(c -> Math.max(200, 40 * c)).toList()),
            new RegimeMapChart.BoundLine("FIXED_THREAD_POOL", X, X.stream().map(c -> Math.max(200, 20 * c)).toList()));

    private final SvgDoc doc = SvgDoc.parse(RegimeMapChart.render("regime-map", "Regime map", "CPU per product (ms)",
            "ms/op", "95%", LINES, BOUNDS, List.of(new RegimeMapChart.Mark("EVENT_LOOP / FIXED_THREAD_POOL", 2.2, 1.8, 2.9)))
            .svg());

    @Test
    void bothAxesAreLogarithmic() {
        assertEquals("log", doc.byClass("x-axis").get(0).getAttribute("data-scale"));
        assertEquals("log", doc.byClass("y-axis").get(0).getAttribute("data-scale"));
    }

    @Test
    void everyModelHasALineThroughItsMeansAndABand() {
        Element x = doc.byClass("x-axis").get(0);
        Element y = doc.byClass("y-axis").get(0);
        List<Element> lines = doc.byClass("measured");
        assertEquals(2, lines.size());
        String[] points = lines.get(1).getAttribute("points").split(" ");
        assertEquals(X.size(), points.length);
        String[] last = points[5].split(",");
        assertEquals(SvgDoc.pixel(x, 30), Double.parseDouble(last[0]), SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(y, 630), Double.parseDouble(last[1]), SvgDoc.PIXEL);
        List<Element> bands = doc.byClass("band");
        assertEquals(2, bands.size());
        // the band goes out along the high ends and back along the low ones
        String[] corners = bands.get(0).getAttribute("points").split(" ");
        assertEquals(2 * X.size(), corners.length);
        assertEquals(SvgDoc.pixel(y, 210 * 1.03), Double.parseDouble(corners[0].split(",")[1]), SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(y, 210 * 0.97), Double.parseDouble(corners[corners.length - 1].split(",")[1]), SvgDoc.PIXEL);
    }

    @Test
    void theBoundsAreDrawnAsLines() {
        List<Element> bounds = doc.byClass("bound");
        assertEquals(2, bounds.size());
        Element y = doc.byClass("y-axis").get(0);
        String[] points = bounds.get(1).getAttribute("points").split(" ");
        assertEquals(SvgDoc.pixel(y, 600), Double.parseDouble(points[5].split(",")[1]), SvgDoc.PIXEL);
    }

    @Test
    void theCrossoverIsMarkedWhereItIsWithItsInterval() {
        List<Element> marks = doc.byClass("crossover");
        assertEquals(1, marks.size());
        Element mark = marks.get(0);
        assertEquals(2.2, SvgDoc.number(mark, "data-at"), 1e-12);
        Element x = doc.byClass("x-axis").get(0);
        Element vertical = (Element) mark.getElementsByTagName("line").item(0);
        assertEquals(SvgDoc.pixel(x, 2.2), SvgDoc.number(vertical, "x1"), SvgDoc.PIXEL);
        Element bar = (Element) mark.getElementsByTagName("line").item(1);
        assertEquals(SvgDoc.pixel(x, 1.8), SvgDoc.number(bar, "x1"), SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(x, 2.9), SvgDoc.number(bar, "x2"), SvgDoc.PIXEL);
        assertTrue(mark.getTextContent().contains("EVENT_LOOP / FIXED_THREAD_POOL"));
    }
}
