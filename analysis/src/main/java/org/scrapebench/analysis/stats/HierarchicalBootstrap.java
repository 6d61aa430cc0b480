package org.scrapebench.analysis.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.scrapebench.analysis.jmh.Iteration;

/**
 * Bootstrap of the ratio of means OTHER/BASE that respects JMH's nesting:
 * each replicate draws forks with replacement, then iterations with
 * replacement within each drawn fork, so fork-to-fork variance (JIT and
 * layout luck of each JVM) widens the interval as it should. Each side's
 * replicate mean weights iterations as {@link MeanInterval} does.
 *
 * <p>{@link SplittableRandom}'s algorithm is specified, so a seed gives the
 * same replicates on every JDK.
 */
public final class HierarchicalBootstrap {
    private HierarchicalBootstrap() {
    }

    /** Replicates of mean(other)/mean(base), in draw order (callers pair them up across rows). */
    public static double[] ratioReplicates(List<List<Iteration>> base, List<List<Iteration>> other,
                                           int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Iteration[][] b = toArrays(base);
        Iteration[][] o = toArrays(other);
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double baseMean = resampledMean(b, random);
            double otherMean = resampledMean(o, random);
            replicates[r] = otherMean / baseMean;
        }
        return replicates;
    }

    /** Percentile interval [q(a/2), q(1-a/2)] with R's default (type 7) quantiles. */
    public static double[] percentileInterval(double[] replicates, double confidence) {
        double[] sorted = Arrays.stream(replicates).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tail = (1 - confidence) / 2;
        return new double[] {quantile(sorted, tail), quantile(sorted, 1 - tail)};
    }

    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double resampledMean(Iteration[][] forks, SplittableRandom random) {
        double sum = 0;
        double weights = 0;
        for (int f = 0; f < forks.length; f++) {
            Iteration[] fork = forks[random.nextInt(forks.length)];
            for (int i = 0; i < fork.length; i++) {
                Iteration it = fork[random.nextInt(fork.length)];
                sum += it.value() * it.weight();
                weights += it.weight();
            }
        }
        return sum / weights;
    }

    static Iteration[][] toArrays(List<List<Iteration>> forks) {
        return forks.stream().map(f -> f.toArray(Iteration[]::new)).toArray(Iteration[][]::new);
    }
}
