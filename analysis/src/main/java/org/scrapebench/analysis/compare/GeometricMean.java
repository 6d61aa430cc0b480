package org.scrapebench.analysis.compare;

/**
 * The geometric mean of the matched rows' ratios with its bootstrap CI,
 * from the rows' replicates taken in step. When the rows mix throughput and
 * time modes, throughput ratios are inverted first so every ratio is a time
 * ratio ({@code asTimeRatio}); otherwise ratios are used as they are.
 */
public record GeometricMean(int rows, double ratio, double low, double high, boolean higherIsBetter,
                            boolean asTimeRatio, Verdict verdict) {
}
