package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmCorrectionTest {

    /*
     * The worked example of the Holm-Bonferroni method (four hypotheses,
     * alpha = 0.05, Wikipedia "Holm-Bonferroni method"): p = 0.01, 0.04,
     * 0.03, 0.005. Sorted, 0.005 < 0.05/4 and 0.01 < 0.05/3 are rejected,
     * 0.03 > 0.05/2 stops. Adjusted, as R's p.adjust(p, "holm") prints:
     * 0.03, 0.06, 0.06, 0.02.
     */
    @Test
    void textbookExample() {
        double[] adjusted = HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-12);
    }

    @Test
    void nanStaysNanAndDoesNotCount() {
        double[] adjusted = HolmCorrection.adjust(new double[] {0.02, Double.NaN, 0.5});
        assertEquals(0.04, adjusted[0], 1e-12);
        assertTrue(Double.isNaN(adjusted[1]));
        assertEquals(0.5, adjusted[2], 1e-12);
    }

    @Test
    void capsAtOne() {
        assertArrayEquals(new double[] {1.0, 1.0}, HolmCorrection.adjust(new double[] {0.6, 0.7}), 0.0);
    }
}
