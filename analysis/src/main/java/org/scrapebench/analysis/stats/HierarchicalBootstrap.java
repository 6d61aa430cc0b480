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

    /**
     * As {@link #ratioReplicates}, for two rows whose forks ran in the same rounds (fork i of each in
     * round i): each replicate draws rounds with replacement and takes both rows' forks of each drawn
     * round, then iterations within each fork, so that a drift of the host between rounds, which
     * moves both forks of a round alike, stays out of the ratio's spread.
     *
     * @throws IllegalArgumentException if the rows have different numbers of forks
     */
    public static double[] pairedRatioReplicates(List<List<Iteration>> base, List<List<Iteration>> other,
                                                 int resamples, long seed) {
        if (base.size() != other.size()) {
            throw new IllegalArgumentException("forks pair up by round only when both rows have as many: "
                    + base.size() + " and " + other.size());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Iteration[][] b = toArrays(base);
        Iteration[][] o = toArrays(other);
        int[] rounds = new int[b.length];
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < rounds.length; i++) {
                rounds[i] = random.nextInt(rounds.length);
            }
            replicates[r] = resampledMean(o, rounds, random) / resampledMean(b, rounds, random);
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

    /** The mean over the forks {@code rounds} names, iterations drawn with replacement within each. */
    static double resampledMean(Iteration[][] forks, int[] rounds, SplittableRandom random) {
        double sum = 0;
        double weights = 0;
        for (int round : rounds) {
            Iteration[] fork = forks[round];
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
