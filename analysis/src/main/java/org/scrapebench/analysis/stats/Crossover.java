package org.scrapebench.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.scrapebench.analysis.jmh.Iteration;

/**
 * Where along an axis (CPU per product, say) model A starts to beat model B for good, or stops:
 * the last change of sign of ln(time A / time B) between the last level that shows one model
 * faster beyond its interval and the last before it that shows the other, the crossing placed by
 * linear interpolation of that log ratio in log x (in x where the lower level is 0). Above it the
 * same model is faster, or within the noise, to the end of the range; lower crossings are counted,
 * not placed. Its interval comes
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
     * @param changes      how often the faster one changes between levels that show one beyond
     *                     their interval: 1 for a single crossing, more where they cross lower too
     */
    public record Result(double at, double low, double high, boolean aFasterBelow, double crossingShare,
                         boolean separated, int changes) {
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

        Iteration[][][] a = levels.stream().map(l -> HierarchicalBootstrap.toArrays(l.a())).toArray(Iteration[][][]::new);
        Iteration[][][] b = levels.stream().map(l -> HierarchicalBootstrap.toArrays(l.b())).toArray(Iteration[][][]::new);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] byLevel = new double[levels.size()][resamples];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < levels.size(); i++) {
                byLevel[i][r] = Math.log(HierarchicalBootstrap.resampledMean(a[i], random)
                        / HierarchicalBootstrap.resampledMean(b[i], random));
            }
        }
        int[] shown = shownSigns(byLevel, confidence);
        int from = 0;
        int to = levels.size() - 1;
        int changes = 0;
        int last = -1;
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] == 0) {
                continue;
            }
            if (last >= 0 && shown[i] != shown[last]) {
                changes++;
                from = last;
                to = i;
            }
            last = i;
        }
        // the crossing is looked for only between the last two levels that show opposite signs
        double[] window = Arrays.copyOfRange(x, from, to + 1);
        double at = crossing(window, Arrays.copyOfRange(logRatio, from, to + 1));
        List<Double> crossings = new ArrayList<>();
        double[] replicate = new double[window.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = from; i <= to; i++) {
                replicate[i - from] = byLevel[i][r];
            }
            double c = crossing(window, replicate);
            if (!Double.isNaN(c)) {
                crossings.add(c);
            }
        }
        double share = crossings.size() / (double) resamples;
        boolean separated = last >= 0;
        if (Double.isNaN(at) || changes == 0) {
            // no crossing: the faster one is the one some level shows beyond the noise, if any
            boolean aFaster = separated ? shown[last] < 0 : logRatio[0] < 0;
            return new Result(Double.NaN, Double.NaN, Double.NaN, aFaster, share, separated, 0);
        }
        double[] interval = HierarchicalBootstrap.percentileInterval(
                crossings.stream().mapToDouble(Double::doubleValue).toArray(), confidence);
        return new Result(at, interval[0], interval[1], shown[from] < 0, share, true, changes);
    }

    /**
     * Per level, the sign of log(A/B) where its interval excludes 0, else 0: a crossing is claimed
     * only where some level shows A faster and a later one B faster (or the reverse), since noise
     * that wanders across 1 between levels shows neither.
     */
    private static int[] shownSigns(double[][] byLevel, double confidence) {
        int[] signs = new int[byLevel.length];
        for (int i = 0; i < byLevel.length; i++) {
            double[] interval = HierarchicalBootstrap.percentileInterval(byLevel[i], confidence);
            signs[i] = interval[1] < 0 ? -1 : interval[0] > 0 ? 1 : 0;
        }
        return signs;
    }

    /** The last x where the values change sign, interpolated; NaN if they never do. */
    static double crossing(double[] x, double[] values) {
        if (values[values.length - 1] == 0) {
            return x[x.length - 1];
        }
        for (int i = x.length - 1; i >= 1; i--) {
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
        return Double.NaN;
    }
}
