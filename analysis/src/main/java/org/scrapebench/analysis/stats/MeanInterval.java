package org.scrapebench.analysis.stats;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.scrapebench.analysis.jmh.Iteration;

/**
 * A side's mean and the half-width of its confidence interval.
 *
 * <p>The mean weights each iteration by its sample count (1 except in sample
 * mode), so it equals JMH's score. The interval is Student-t over the
 * iteration values with forks pooled: mean +- t(n-1, 1-alpha/2) * s / sqrt(n).
 * It ignores fork nesting on purpose, to match what JMH prints; the ratio's
 * bootstrap interval is the one that respects forks.
 */
public record MeanInterval(double mean, double halfWidth, int n) {

    public static MeanInterval of(List<List<Iteration>> forks, double confidence) {
        int n = 0;
        double sum = 0;
        for (List<Iteration> fork : forks) {
            for (Iteration it : fork) {
                sum += it.value();
                n++;
            }
        }
        if (n == 0) {
            return new MeanInterval(Double.NaN, Double.NaN, 0);
        }
        double mean = weightedMean(forks.stream().flatMap(List::stream).toList());
        if (n < 2) {
            return new MeanInterval(mean, Double.NaN, n);
        }
        double plain = sum / n;
        double squares = 0;
        for (List<Iteration> fork : forks) {
            for (Iteration it : fork) {
                squares += (it.value() - plain) * (it.value() - plain);
            }
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new MeanInterval(mean, t * sd / Math.sqrt(n), n);
    }

    /** The mean of {@code iterations}, each weighted by its sample count, as JMH scores them. */
    public static double weightedMean(List<Iteration> iterations) {
        double weighted = 0;
        double weightSum = 0;
        for (Iteration it : iterations) {
            weighted += it.value() * it.weight();
            weightSum += it.weight();
        }
        return weighted / weightSum;
    }
}
