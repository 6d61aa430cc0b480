package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MannWhitneyUTest {

    /*
     * Hollander & Wolfe (1973), p. 69f: permeability constants of the human
     * chorioamnion at term (x) and at 12-26 weeks (y). R's documented example
     * wilcox.test(x, y, alternative = "g") prints "W = 35, p-value = 0.1272"
     * (exact, no ties); the null distribution is symmetric, so the two-sided
     * p is twice that: 764/3003 = 0.25441.
     */
    private static final double[] TERM = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
    private static final double[] EARLY = {1.15, 0.88, 0.90, 0.74, 1.21};

    @Test
    void exactTestMatchesHollanderWolfe() {
        MannWhitneyU.Result result = MannWhitneyU.test(TERM, EARLY);
        assertTrue(result.exact());
        assertEquals(35.0, result.u(), 0.0);
        assertEquals(2 * 0.1272, result.p(), 2e-4);
        assertEquals(764.0 / 3003.0, result.p(), 1e-12);
    }

    /*
     * Published tables of critical values (e.g. Siegel & Castellan 1988,
     * table J) give U = 2 for n1 = n2 = 5 at two-sided alpha = 0.05:
     * P(U <= 2) = 4/252 (two-sided 0.0317) is significant, P(U <= 3) = 7/252
     * (two-sided 0.0556) is not.
     */
    @Test
    void exactTestReproducesTheTabledCriticalValue() {
        double[] dist = MannWhitneyU.exactDistribution(5, 5);
        assertEquals(4.0 / 252, dist[0] + dist[1] + dist[2], 1e-12);
        assertEquals(7.0 / 252, dist[0] + dist[1] + dist[2] + dist[3], 1e-12);
        // U = 2 (7 beats 5 and 6): significant
        MannWhitneyU.Result atCritical = MannWhitneyU.test(new double[] {1, 2, 3, 4, 7}, new double[] {5, 6, 8, 9, 10});
        assertEquals(2.0, atCritical.u(), 0.0);
        assertEquals(8.0 / 252, atCritical.p(), 1e-12);
        // U = 3 (8 beats 5, 6 and 7): not significant
        MannWhitneyU.Result beyond = MannWhitneyU.test(new double[] {1, 2, 3, 4, 8}, new double[] {5, 6, 7, 9, 10});
        assertEquals(3.0, beyond.u(), 0.0);
        assertEquals(14.0 / 252, beyond.p(), 1e-12);
    }

    @Test
    void exactDistributionSumsToOneAndMatchesBruteForce() {
        double[] dist = MannWhitneyU.exactDistribution(4, 6);
        double sum = 0;
        for (double d : dist) {
            sum += d;
        }
        assertEquals(1.0, sum, 1e-12);
        // enumerate all C(10,4) = 210 ways to give x four of the ranks 1..10
        int[] counts = new int[4 * 6 + 1];
        for (int mask = 0; mask < 1 << 10; mask++) {
            if (Integer.bitCount(mask) != 4) {
                continue;
            }
            int rankSum = 0;
            for (int r = 0; r < 10; r++) {
                if ((mask & 1 << r) != 0) {
                    rankSum += r + 1;
                }
            }
            counts[rankSum - 10]++;
        }
        for (int u = 0; u < counts.length; u++) {
            assertEquals(counts[u] / 210.0, dist[u], 1e-12, "P(U=" + u + ")");
        }
    }

    /*
     * The sleep data (see WelchTestTest) has ties (-0.1, 0.8 and 3.4 twice).
     * R's documented wilcox.test(extra ~ group, data = sleep) prints
     * "W = 25.5, p-value = 0.06933" with the normal approximation. By hand:
     * tie term sum(t^3 - t) = 3 * 6 = 18;
     * sigma = sqrt(10*10/12 * (21 - 18/(20*19))) = 13.2138;
     * z = (25.5 - 50 + 0.5) / 13.2138 = -1.8163; p = 2 * Phi(-1.8163) = 0.06933.
     */
    @Test
    void normalApproximationWithTiesMatchesR() {
        double[] drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        MannWhitneyU.Result result = MannWhitneyU.test(drug1, drug2);
        assertFalse(result.exact());
        assertEquals(25.5, result.u(), 0.0);
        assertEquals(0.06933, result.p(), 5e-6);
    }

    @Test
    void largeSamplesUseTheNormalApproximationWithoutTies() {
        double[] x = new double[60];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = i;
            y[i] = i + 0.5;
        }
        MannWhitneyU.Result result = MannWhitneyU.test(x, y);
        assertFalse(result.exact());
        // U = 60*59/2 = 1770; z = (1770 - 1800 + 0.5) / sqrt(3600 * 121 / 12) = -0.1548
        assertEquals(1770.0, result.u(), 0.0);
        assertEquals(0.8770, result.p(), 5e-4);
    }

    @Test
    void allTiedGivesPOfOne() {
        assertEquals(1.0, MannWhitneyU.test(new double[] {3, 3, 3}, new double[] {3, 3}).p(), 0.0);
    }

    @Test
    void smallestExactPTellsWhenNoOutcomeCanBeSignificant() {
        assertEquals(2.0 / 20, MannWhitneyU.smallestExactP(3, 3), 1e-12);
        assertEquals(2.0 / 252, MannWhitneyU.smallestExactP(5, 5), 1e-12);
    }
}
