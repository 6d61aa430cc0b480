package org.scrapebench.analysis.compare;

import java.util.Locale;

/**
 * What a row means for a reader. Rules, in order (documented in README.md):
 * <ol>
 *   <li>{@code equivalent}: the ratio's CI lies inside [1 - threshold, 1 + threshold];</li>
 *   <li>{@code faster} / {@code slower}: the CI excludes 1 and p_adjusted &lt; alpha;
 *       which one follows the mode (higher is better for thrpt, lower for time modes);</li>
 *   <li>{@code inconclusive}: anything else, including rows with no CI or no p.</li>
 * </ol>
 * Equivalence is checked first, so a tiny but significant change inside the
 * noise threshold reads as equivalent, not as a regression.
 */
public enum Verdict {
    FASTER, SLOWER, EQUIVALENT, INCONCLUSIVE;

    public static Verdict decide(double low, double high, double pAdjusted, boolean higherIsBetter,
                                 ComparisonSettings settings) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return INCONCLUSIVE;
        }
        if (low >= 1 - settings.threshold() && high <= 1 + settings.threshold()) {
            return EQUIVALENT;
        }
        boolean excludesOne = low > 1 || high < 1;
        if (excludesOne && pAdjusted < settings.alpha()) {
            return (low > 1) == higherIsBetter ? FASTER : SLOWER;
        }
        return INCONCLUSIVE;
    }

    /** For the geometric mean, which has no p-value: the CI alone decides. */
    public static Verdict decideByInterval(double low, double high, boolean higherIsBetter,
                                           ComparisonSettings settings) {
        return decide(low, high, 0.0, higherIsBetter, settings);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
