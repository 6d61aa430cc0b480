package org.scrapebench.analysis.compare;

/**
 * The knobs of a comparison.
 *
 * @param alpha     significance level; confidence intervals are at 1 - alpha
 * @param threshold noise threshold as a fraction (0.03 = +-3%) for "equivalent"
 * @param seed      bootstrap seed, fixed by default so output is reproducible
 * @param resamples bootstrap replicates per row
 * @param noise     the measured noise floor of an A/A pair, which replaces {@code threshold} row by row; null for none
 */
public record ComparisonSettings(double alpha, double threshold, long seed, int resamples, NoiseFloor noise) {

    public static final ComparisonSettings DEFAULTS = new ComparisonSettings(0.05, 0.03, 20_240_917L, 10_000);

    public ComparisonSettings(double alpha, double threshold, long seed, int resamples) {
        this(alpha, threshold, seed, resamples, null);
    }

    public ComparisonSettings withNoise(NoiseFloor floor) {
        return new ComparisonSettings(alpha, threshold, seed, resamples, floor);
    }

    /** The "equivalent" margin of one row: its measured noise floor, else the fixed threshold. */
    public double margin(org.scrapebench.analysis.jmh.ResultKey key) {
        return noise == null ? threshold : noise.margin(key);
    }

    public double confidence() {
        return 1 - alpha;
    }
}
