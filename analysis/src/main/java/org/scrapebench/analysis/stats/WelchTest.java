package org.scrapebench.analysis.stats;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.inference.TTest;

/** Welch's two-sided unequal-variance t-test, exactly as commons-math3 computes it. */
public final class WelchTest {
    private WelchTest() {
    }

    /** The two-sided p-value, or NaN when a side has fewer than two values or neither varies. */
    public static double pValue(double[] x, double[] y) {
        if (x.length < 2 || y.length < 2) {
            return Double.NaN;
        }
        try {
            return new TTest().tTest(x, y);
        } catch (MathIllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
