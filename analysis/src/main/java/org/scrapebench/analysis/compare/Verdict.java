package org.scrapebench.analysis.compare;

import java.util.Locale;

/**
 * What a row means for a reader. Rules, in order (documented in README.md):
 * <ol>
 *   <li>{@code equivalent}: the ratio's CI lies inside [1 - margin, 1 + margin] (the fixed threshold,
 *       or the row's measured noise floor when an A/A pair is given);</li>
 *   <li>{@code faster} / {@code slower}: the CI excludes 1 (with a noise floor: excludes the whole
 *       band) and p_adjusted &lt; alpha; which one follows the mode (higher is better for thrpt,
 *       lower for time modes);</li>
 *   <li>{@code inconclusive}: anything else, including rows with no CI or no p.</li>
 * </ol>
 * Equivalence is checked first, so a tiny but significant change inside the
 * noise threshold reads as equivalent, not as a regression.
 */
public enum Verdict {
    FASTER, SLOWER, EQUIVALENT, INCONCLUSIVE;

    public static Verdict decide(double low, double high, double pAdjusted, boolean higherIsBetter,
                                 ComparisonSettings settings) {
        return decide(low, high, pAdjusted, higherIsBetter, settings.threshold(), settings.noise() != null,
                settings.alpha());
    }

    /** With the margin of one row; {@code measuredNoise} asks a difference to clear the whole band. */
    public static Verdict decide(double low, double high, double pAdjusted, boolean higherIsBetter, double margin,
                                 boolean measuredNoise, double alpha) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return INCONCLUSIVE;
        }
        if (low >= 1 - margin && high <= 1 + margin) {
            return EQUIVALENT;
        }
        double band = measuredNoise ? margin : 0;
        boolean excludesOne = low > 1 + band || high < 1 - band;
        if (excludesOne && pAdjusted < alpha) {
            return (low > 1 + band) == higherIsBetter ? FASTER : SLOWER;
        }
        return INCONCLUSIVE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
