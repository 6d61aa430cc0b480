package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class WelchTestTest {

    /*
     * Student's sleep data (Cushny & Peebles 1905, as analysed by "Student",
     * Biometrika 6, 1908): extra hours of sleep under two drugs. R's
     * documented example t.test(extra ~ group, data = sleep) prints
     * "t = -1.8608, df = 17.776, p-value = 0.07939" (Welch is R's default).
     */
    private static final double[] DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void sleepDataMatchesThePublishedWelchResult() {
        assertEquals(-1.8608, new TTest().t(DRUG_1, DRUG_2), 5e-5);
        assertEquals(0.07939, WelchTest.pValue(DRUG_1, DRUG_2), 5e-6);
    }

    @Test
    void pValueIsExactlyWhatCommonsMathComputes() {
        assertEquals(new TTest().tTest(DRUG_1, DRUG_2), WelchTest.pValue(DRUG_1, DRUG_2), 0.0);
    }

    @Test
    void fewerThanTwoValuesOnASideGivesNaN() {
        assertTrue(Double.isNaN(WelchTest.pValue(new double[] {1.0}, DRUG_2)));
        assertTrue(Double.isNaN(WelchTest.pValue(DRUG_1, new double[0])));
    }
}
