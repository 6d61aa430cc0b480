package org.scrapebench.analysis.compare;

/**
 * The knobs of a comparison.
 *
 * @param alpha     significance level; confidence intervals are at 1 - alpha
 * @param threshold noise threshold as a fraction (0.03 = +-3%) for "equivalent"
 * @param seed      bootstrap seed, fixed by default so output is reproducible
 * @param resamples bootstrap replicates per row
 */
public record ComparisonSettings(double alpha, double threshold, long seed, int resamples) {

    public static final ComparisonSettings DEFAULTS = new ComparisonSettings(0.05, 0.03, 20_240_917L, 10_000);

    public double confidence() {
        return 1 - alpha;
    }
}
