package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.jmh.Iteration;

class MeanIntervalTest {

    @Test
    void tIntervalOverPooledIterations() {
        // values 1..5: mean 3, s = sqrt(2.5), t(4, 0.975) = 2.776445
        MeanInterval m = MeanInterval.of(List.of(
                List.of(new Iteration(1, 1), new Iteration(2, 1)),
                List.of(new Iteration(3, 1), new Iteration(4, 1), new Iteration(5, 1))), 0.95);
        assertEquals(3.0, m.mean(), 1e-12);
        assertEquals(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), m.halfWidth(), 1e-5);
        assertEquals(5, m.n());
    }

    @Test
    void sampleModeMeanIsWeightedByCounts() {
        MeanInterval m = MeanInterval.of(List.of(List.of(new Iteration(10, 3), new Iteration(20, 1))), 0.95);
        assertEquals(12.5, m.mean(), 1e-12);
    }

    @Test
    void oneIterationHasNoInterval() {
        MeanInterval m = MeanInterval.of(List.of(List.of(new Iteration(7, 1))), 0.95);
        assertEquals(7.0, m.mean(), 0.0);
        assertTrue(Double.isNaN(m.halfWidth()));
    }
}
