package org.scrapebench.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, computed as R's
 * {@code wilcox.test(x, y)} does: the exact null distribution when both
 * samples have fewer than 50 values and there are no ties, otherwise the
 * normal approximation with tie correction of the variance and a continuity
 * correction of 0.5. (commons-math3's MannWhitneyUTest has neither the exact
 * distribution nor the tie correction.)
 */
public final class MannWhitneyU {

    /** Above this sample size R switches to the normal approximation; so do we. */
    public static final int EXACT_LIMIT = 50;

    /**
     * @param u     U of the first sample: pairs (x, y) with x > y, ties counting half
     * @param p     two-sided p-value
     * @param exact whether p comes from the exact distribution
     */
    public record Result(double u, double p, boolean exact) {
    }

    private MannWhitneyU() {
    }

    public static Result test(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        if (m == 0 || n == 0) {
            return new Result(Double.NaN, Double.NaN, false);
        }
        double[] all = new double[m + n];
        System.arraycopy(x, 0, all, 0, m);
        System.arraycopy(y, 0, all, m, n);
        double[] ranks = new double[m + n];
        double tieTerm = midRanks(all, ranks);
        double rankSumX = 0;
        for (int i = 0; i < m; i++) {
            rankSumX += ranks[i];
        }
        double u = rankSumX - m * (m + 1) / 2.0;
        if (tieTerm == 0 && m < EXACT_LIMIT && n < EXACT_LIMIT) {
            double[] dist = exactDistribution(m, n);
            int k = (int) Math.round(u);
            double lower = 0;
            for (int i = 0; i <= k; i++) {
                lower += dist[i];
            }
            double upper = 0;
            for (int i = k; i < dist.length; i++) {
                upper += dist[i];
            }
            return new Result(u, Math.min(1.0, 2 * Math.min(lower, upper)), true);
        }
        double z = u - m * (double) n / 2;
        double sigma = Math.sqrt(m * (double) n / 12
                * ((m + n + 1) - tieTerm / ((m + n) * (double) (m + n - 1))));
        if (sigma == 0) {
            // every value tied: the samples give no evidence of a difference
            return new Result(u, 1.0, false);
        }
        double corrected = (z - Math.signum(z) * 0.5) / sigma;
        NormalDistribution normal = new NormalDistribution();
        double p = 2 * Math.min(normal.cumulativeProbability(corrected), 1 - normal.cumulativeProbability(corrected));
        return new Result(u, Math.min(1.0, p), false);
    }

    /**
     * The smallest two-sided p-value the exact test can give for these sizes,
     * 2 / C(m+n, m); if it is not below alpha no outcome can be significant.
     */
    public static double smallestExactP(int m, int n) {
        double combinations = 1;
        for (int i = 1; i <= Math.min(m, n); i++) {
            combinations = combinations * (Math.max(m, n) + i) / i;
        }
        return Math.min(1.0, 2 / combinations);
    }

    /** Fills {@code ranks} with mid-ranks; returns sum(t^3 - t) over tie groups. */
    private static double midRanks(double[] values, double[] ranks) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double tieTerm = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        return tieTerm;
    }

    /**
     * P(U = u) for u = 0..m*n under the null, by the recursion on the largest
     * observation: it belongs to x with probability m/(m+n) and then beats all
     * n values of y. Probabilities, not counts, so nothing overflows.
     */
    static double[] exactDistribution(int m, int n) {
        double[][] previous = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            previous[j] = new double[] {1.0};
        }
        for (int i = 1; i <= m; i++) {
            double[][] current = new double[n + 1][];
            current[0] = new double[] {1.0};
            for (int j = 1; j <= n; j++) {
                double[] dist = new double[i * j + 1];
                double pX = i / (double) (i + j);
                double[] xLargest = previous[j];
                for (int u = 0; u < xLargest.length; u++) {
                    dist[u + j] += pX * xLargest[u];
                }
                double[] yLargest = current[j - 1];
                for (int u = 0; u < yLargest.length; u++) {
                    dist[u] += (1 - pX) * yLargest[u];
                }
                current[j] = dist;
            }
            previous = current;
        }
        return previous[n];
    }
}
