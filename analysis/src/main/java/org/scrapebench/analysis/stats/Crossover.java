package org.scrapebench.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.scrapebench.analysis.jmh.Iteration;

/**
 * Where along an axis (CPU per product, say) model A starts to beat model B or stops: the first
 * level pair between which the sign of ln(time A / time B) changes, the crossing placed by linear
 * interpolation of that log ratio in log x (in x where the lower level is 0). Its interval comes
 * from the same fork-then-iteration bootstrap as the report's ratios: each replicate resamples
 * every level of both models and finds its own crossing; the interval is the percentile interval
 * of those that cross. A crossing is claimed only where some level shows A faster and a later one
 * B faster (or the reverse), each beyond its own interval: means that wander across each other
 * within the noise are no crossing.
 */
public final class Crossover {

    private Crossover() {}

    /** One level of the axis: its value, and each model's forks of iterations (time per job) there. */
    public record Level(double x, List<List<Iteration>> a, List<List<Iteration>> b) {}

    /**
     * @param at          the crossing, or NaN for none in the range
     * @param low         the interval's lower end (NaN without a crossing)
     * @param high        its upper end
     * @param aFasterBelow whether A is the faster one below the crossing; without one, whether A
     *                     is the one some level shows faster beyond its interval
     * @param crossingShare the share of bootstrap replicates that cross anywhere in the range
     * @param separated    whether some level shows one of the two faster beyond its interval
     */
    public record Result(double at, double low, double high, boolean aFasterBelow, double crossingShare,
                         boolean separated) {
        public boolean found() {
            return !Double.isNaN(at);
        }
    }

    /**
     * @param levels     in increasing x, at least two
     * @param confidence e.g. 0.95, for the intervals of each level's ratio and of the crossing
     */
    public static Result find(List<Level> levels, int resamples, long seed, double confidence) {
        if (levels.size() < 2) {
            throw new IllegalArgumentException("a crossover needs at least two levels, got " + levels.size());
        }
        double[] x = levels.stream().mapToDouble(Level::x).toArray();
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("levels must increase: " + Arrays.toString(x));
            }
        }
        double[] logRatio = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            logRatio[i] = Math.log(MeanInterval.of(levels.get(i).a(), confidence).mean()
                    / MeanInterval.of(levels.get(i).b(), confidence).mean());
        }
        double at = crossing(x, logRatio);

        Iteration[][][] a = levels.stream().map(l -> HierarchicalBootstrap.toArrays(l.a())).toArray(Iteration[][][]::new);
        Iteration[][][] b = levels.stream().map(l -> HierarchicalBootstrap.toArrays(l.b())).toArray(Iteration[][][]::new);
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> crossings = new ArrayList<>();
        double[][] byLevel = new double[levels.size()][resamples];
        double[] replicate = new double[levels.size()];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < levels.size(); i++) {
                replicate[i] = Math.log(HierarchicalBootstrap.resampledMean(a[i], random)
                        / HierarchicalBootstrap.resampledMean(b[i], random));
                byLevel[i][r] = replicate[i];
            }
            double c = crossing(x, replicate);
            if (!Double.isNaN(c)) {
                crossings.add(c);
            }
        }
        double share = crossings.size() / (double) resamples;
        int[] shown = shownSigns(byLevel, confidence);
        boolean separated = shown[0] != 0;
        if (Double.isNaN(at) || shown[1] == 0) {
            // no crossing: the faster one is the one some level shows beyond the noise, if any
            boolean aFaster = separated ? shown[0] < 0 : logRatio[0] < 0;
            return new Result(Double.NaN, Double.NaN, Double.NaN, aFaster, share, separated);
        }
        double[] interval = HierarchicalBootstrap.percentileInterval(
                crossings.stream().mapToDouble(Double::doubleValue).toArray(), confidence);
        return new Result(at, interval[0], interval[1], logRatio[0] < 0, share, true);
    }

    /**
     * {sign of log(A/B) at the first level whose interval excludes 0 (0 if none), 1 if a later level
     * shows the other sign beyond its interval (else 0)}: a crossing is claimed only where some level
     * shows A faster and a later one B faster (or the reverse), since noise that wanders across 1
     * between levels shows neither.
     */
    private static int[] shownSigns(double[][] byLevel, double confidence) {
        int firstSign = 0;
        for (double[] level : byLevel) {
            double[] interval = HierarchicalBootstrap.percentileInterval(level, confidence);
            int sign = interval[1] < 0 ? -1 : interval[0] > 0 ? 1 : 0;
            if (sign != 0 && firstSign == 0) {
                firstSign = sign;
            } else if (sign != 0 && sign != firstSign) {
                return new int[] {firstSign, 1};
            }
        }
        return new int[] {firstSign, 0};
    }

    /** The first x where the values change sign, interpolated; NaN if they never do. */
    static double crossing(double[] x, double[] values) {
        for (int i = 1; i < x.length; i++) {
            double v0 = values[i - 1];
            double v1 = values[i];
            if (v0 == 0) {
                return x[i - 1];
            }
            if (Math.signum(v0) != Math.signum(v1)) {
                double t = v0 / (v0 - v1);
                return x[i - 1] <= 0 ? x[i - 1] + t * (x[i] - x[i - 1])
                        : Math.exp(Math.log(x[i - 1]) + t * (Math.log(x[i]) - Math.log(x[i - 1])));
            }
        }
        return values[values.length - 1] == 0 ? x[x.length - 1] : Double.NaN;
    }
}
