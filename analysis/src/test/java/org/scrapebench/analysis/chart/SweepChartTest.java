package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SweepChartTest {

    private static SweepChart.Series series(String model, double... means) {
        List<Double> x = List.of(1.0, 4.0, 16.0);
        List<Double> mean = List.of(means[0], means[1], means[2]);
        List<Double> bound = List.of(2050.0, 550.0, 200.0);
        return new SweepChart.Series(model, x, mean, mean.stream().map(m -> m * 0.98).toList(),
                mean.stream().map(m -> m * 1.02).toList(), bound,
                List.of(2050 / means[0], 550 / means[1], 200 / means[2]));
    }

    private static final List<SweepChart.Series> SWEEP = List.of(series("FIXED_THREAD_POOL", 2305, 614, 238),
            series("WORKER_PROCESSES", 2383, 719, 562));

    private final SvgDoc doc = SvgDoc.parse(SweepChart.render("concurrency-sweep", "concurrency-sweep", "concurrency",
            "ms/op", false, "95%", SWEEP).svg());

    @Test
    void bothAxesOfTheTimePanelAreLogarithmic() {
        assertEquals("log", doc.byClass("x-axis").get(0).getAttribute("data-scale"));
        assertEquals("log", doc.byClass("y-axis").get(0).getAttribute("data-scale"));
        assertEquals("linear", doc.byClass("y-axis").get(1).getAttribute("data-scale"), "efficiency");
    }

    @Test
    void theBoundCurvePassesThroughTheBoundAtEachN() {
        Element x = doc.byClass("x-axis").get(0);
        Element y = doc.byClass("y-axis").get(0);
        List<Element> bounds = doc.byClass("bound");
        assertEquals(1, bounds.size(), "the same bound for every model is drawn once");
        String[] points = bounds.get(0).getAttribute("points").split(" ");
        double[] n = {1, 4, 16};
        double[] bound = {2050, 550, 200};
        for (int i = 0; i < 3; i++) {
            String[] xy = points[i].split(",");
            assertEquals(SvgDoc.pixel(x, n[i]), Double.parseDouble(xy[0]), SvgDoc.PIXEL);
            assertEquals(SvgDoc.pixel(y, bound[i]), Double.parseDouble(xy[1]), SvgDoc.PIXEL);
        }
    }

    @Test
    void meansIntervalsAndEfficienciesAreWhereTheirValuesAre() {
        Element y = doc.byClass("y-axis").get(0);
        Element efficiency = doc.byClass("y-axis").get(1);
        List<Element> series = doc.byClass("series");
        assertEquals(2, series.size());
        List<Element> means = SvgDoc.byClass(series.get(1), "mean");
        List<Element> intervals = SvgDoc.byClass(series.get(1), "ci");
        List<Element> efficiencies = SvgDoc.byClass(series.get(1), "efficiency-point");
        assertEquals(3, means.size());
        assertEquals(SvgDoc.pixel(y, 562), SvgDoc.position(means.get(2))[1], SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(y, 562 * 0.98), SvgDoc.number(intervals.get(2), "y1"), SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(y, 562 * 1.02), SvgDoc.number(intervals.get(2), "y2"), SvgDoc.PIXEL);
        assertEquals(SvgDoc.pixel(efficiency, 200.0 / 562), SvgDoc.position(efficiencies.get(2))[1], SvgDoc.PIXEL);
        Element atBound = SvgDoc.single(doc.root(), "at-bound");
        assertEquals(SvgDoc.pixel(efficiency, 1.0), SvgDoc.number(atBound, "y1"), SvgDoc.PIXEL);
    }

    @Test
    void differentBoundsGetOneCurvePerModel() {
        SweepChart.Series other = new SweepChart.Series("SERIAL", List.of(1.0, 4.0, 16.0), List.of(4000.0, 4000.0,
                4000.0), List.of(3900.0, 3900.0, 3900.0), List.of(4100.0, 4100.0, 4100.0),
                List.of(4100.0, 4100.0, 4100.0), List.of(1.0, 1.0, 1.0));
        SvgDoc two = SvgDoc.parse(SweepChart.render("s", "s", "concurrency", "ms/op", false, "95%",
                List.of(SWEEP.get(0), other)).svg());
        assertEquals(2, two.byClass("bound").size());
    }
}
