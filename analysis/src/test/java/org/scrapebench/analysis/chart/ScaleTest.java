package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void valuesSpanningMoreThanTenTimesGetALogAxis() {
        // the io-bound run: SERIAL 2270 ms against 200 ms bounds and 221 ms means
        Scale io = Scale.fit(List.of(2270.0, 221.0, 200.0, 401.0), 0, 500, false);
        assertTrue(io.log());
        Scale cpu = Scale.fit(List.of(306.0, 178.0, 173.0), 0, 500, false);
        assertFalse(cpu.log());
        assertTrue(Scale.fit(List.of(0.9, 1.1), 0, 500, true).log(), "forced, as for ratios");
        assertFalse(Scale.fit(List.of(-1.0, 100.0), 0, 500, true).log(), "no log axis through zero");
    }

    @Test
    void mapsTheDomainOntoTheRangeAndKeepsEveryValueInside() {
        Scale s = new Scale(10, 1000, 100, 500, true);
        assertEquals(100, s.map(10), 1e-9);
        assertEquals(500, s.map(1000), 1e-9);
        assertEquals(300, s.map(100), 1e-9, "a decade is half of two decades");
        Scale fitted = Scale.fit(List.of(200.0, 2270.0, Double.NaN), 180, 736, false);
        assertTrue(fitted.map(200) > 180 && fitted.map(2270) < 736, "padded: no point on the frame");
        Scale linear = Scale.fit(List.of(2.0, 12.0), 0, 100, false);
        assertEquals(0, linear.map(linear.low()), 1e-9);
        assertTrue(linear.low() >= 0, "a time is never drawn below zero");
    }

    @Test
    void ticksAreRoundAndInsideTheDomain() {
        assertEquals(List.of(20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0), new Scale(15, 2500, 0, 1, true).ticks());
        assertEquals(List.of(150.0, 200.0, 300.0, 500.0, 700.0, 1000.0, 1500.0, 2000.0),
                new Scale(150, 2500, 0, 1, true).ticks(), "about a decade: finer steps");
        assertEquals(List.of(1.0, 10.0, 100.0, 1000.0, 10000.0), new Scale(1, 10000, 0, 1, true).ticks());
        Scale linear = new Scale(0.3, 2.6, 0, 1, false);
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0, 2.5), linear.ticks());
        Scale narrowLog = new Scale(0.8, 1.1, 0, 1, true);
        List<Double> ticks = narrowLog.ticks();
        assertTrue(ticks.size() >= 3, ticks.toString());
        ticks.forEach(t -> assertTrue(t >= 0.8 && t <= 1.1, ticks.toString()));
        assertEquals("0.3", SvgWriter.label(0.1 + 0.2));
    }

    @Test
    void rejectsAnEmptyOrNonPositiveLogDomain() {
        assertThrows(IllegalArgumentException.class, () -> new Scale(1, 1, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new Scale(0, 1, 0, 1, true));
    }
}
