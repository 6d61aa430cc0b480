package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class StripPlotTest {

    private static final List<StripPlot.Row> IO_BOUND = List.of(
            new StripPlot.Row("SERIAL", List.of(List.of(2260.0, 2270.0, 2275.0), List.of(2268.0, 2280.0, 2266.0)),
                    2269.8, 2263.0, 2276.6, 2100, 0.93),
            new StripPlot.Row("FIXED_THREAD_POOL", List.of(List.of(220.0, 221.5, 224.0), List.of(223.0, 222.0, 225.0)),
                    222.6, 220.9, 224.3, 200, 0.90),
            new StripPlot.Row("WORKER_PROCESSES", List.of(List.of(380.0, 401.0, 450.0), List.of(402.0, 430.0, 399.0)),
                    410.3, 386.0, 434.6, Double.NaN, Double.NaN));

    private final SvgChart chart = StripPlot.render("io-bound", "io-bound, lower is better", "ms/op", false, "95%",
            IO_BOUND);
    private final SvgDoc doc = SvgDoc.parse(chart.svg());
    private final Element axis = SvgDoc.single(doc.root(), "x-axis");

    @Test
    void aWideSpanIsDrawnOnALogAxis() {
        assertEquals("log", axis.getAttribute("data-scale"));
    }

    @Test
    void everyIterationIsAPointAtItsValueOnItsForksLine() {
        List<Element> rows = doc.byClass("row");
        assertEquals(3, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Element> points = SvgDoc.byClass(rows.get(r), "point");
            StripPlot.Row row = IO_BOUND.get(r);
            assertEquals(6, points.size(), row.label());
            for (int f = 0; f < 2; f++) {
                for (int i = 0; i < 3; i++) {
                    Element p = points.get(f * 3 + i);
                    double value = row.forks().get(f).get(i);
                    assertEquals(Integer.toString(f + 1), p.getAttribute("data-fork"));
                    assertEquals(SvgDoc.pixel(axis, value), SvgDoc.position(p)[0], SvgDoc.PIXEL, row.label());
                }
            }
            // the forks lie on separate lines: spread between forks is visible as such
            assertTrue(SvgDoc.position(points.get(0))[1] < SvgDoc.position(points.get(3))[1]);
        }
    }

    @Test
    void theIntervalBarEndsAtItsBoundsAndTheMeanSitsOnIt() {
        for (int r = 0; r < IO_BOUND.size(); r++) {
            Element row = doc.byClass("row").get(r);
            Element ci = SvgDoc.single(row, "ci");
            assertEquals(SvgDoc.pixel(axis, IO_BOUND.get(r).low()), SvgDoc.number(ci, "x1"), SvgDoc.PIXEL);
            assertEquals(SvgDoc.pixel(axis, IO_BOUND.get(r).high()), SvgDoc.number(ci, "x2"), SvgDoc.PIXEL);
            double[] mean = SvgDoc.position(SvgDoc.single(row, "mean"));
            assertEquals(SvgDoc.pixel(axis, IO_BOUND.get(r).mean()), mean[0], SvgDoc.PIXEL);
            assertEquals(SvgDoc.number(ci, "y1"), mean[1], SvgDoc.PIXEL);
        }
    }

    @Test
    void theBoundIsALineAtItsValueAndAbsentWhenThereIsNone() {
        List<Element> rows = doc.byClass("row");
        Element serialBound = SvgDoc.single(rows.get(0), "bound");
        assertEquals(SvgDoc.pixel(axis, 2100), SvgDoc.number(serialBound, "x1"), SvgDoc.PIXEL);
        assertEquals(SvgDoc.number(serialBound, "x1"), SvgDoc.number(serialBound, "x2"), 0.0, "vertical");
        assertEquals(SvgDoc.pixel(axis, 200), SvgDoc.number(SvgDoc.single(rows.get(1), "bound"), "x1"), SvgDoc.PIXEL);
        assertEquals(0, SvgDoc.byClass(rows.get(2), "bound").size(), "NaN bound: no line");
    }

    @Test
    void theTextAlternativeNamesTheChartAndCarriesItsNumbers() {
        Element root = doc.root();
        assertEquals("img", root.getAttribute("role"));
        String[] ids = root.getAttribute("aria-labelledby").split(" ");
        assertEquals("chart-io-bound-title", ids[0]);
        String desc = root.getElementsByTagName("desc").item(0).getTextContent();
        assertTrue(desc.contains("model: SERIAL; forks x iterations: 2 x 3; min (ms/op): 2260; max: 2280; mean: 2270;"),
                desc);
        assertTrue(desc.contains("bound: 200; efficiency: 0.90"), desc);
        assertTrue(desc.contains("model: WORKER_PROCESSES") && desc.contains("bound: n/a"), desc);
        assertEquals(3, chart.numbers().rows().size());
    }

    @Test
    void closeValuesStayOnALinearAxis() {
        SvgDoc cpu = SvgDoc.parse(StripPlot.render("cpu", "cpu", "ms/op", false, "95%", List.of(
                new StripPlot.Row("SERIAL", List.of(List.of(306.0, 300.0)), 303, 290, 316, 173, 0.57))).svg());
        assertEquals("linear", SvgDoc.single(cpu.root(), "x-axis").getAttribute("data-scale"));
    }
}
