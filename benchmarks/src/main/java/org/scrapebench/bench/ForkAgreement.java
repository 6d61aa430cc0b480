package org.scrapebench.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.stat.inference.OneWayAnova;

/**
 * Whether a row's forks agree, and which of them its score is computed from. Forks of one row
 * differ by more than their iterations do (each JVM compiles the job its own way), and a host that
 * slows for a few minutes moves some forks and not others. So a row is re-measured, one more round
 * of forks on every JVM, while either:
 *
 * <ul>
 *   <li>its forks disagree: a one-way analysis of variance over their iterations says the fork
 *       means differ by more than the iterations explain ({@link #P_VALUE}), and by more than the
 *       row's tolerance (the spread between the slowest and the fastest fork mean; the tolerance is
 *       the A/A agreement asked of the row: {@link #IN_PROCESS_TOLERANCE}, or
 *       {@link #PROCESS_TOLERANCE} for a model that starts JVMs of its own), or</li>
 *   <li>a fork is marked: the host canary read slow before it, or foreign CPU or steal touched its
 *       measured iterations, and there are not yet as many unmarked forks as planned.</li>
 * </ul>
 *
 * <p>At most {@link #MAX_ADDED_ROUNDS} rounds are added. The score is then computed from the
 * unmarked forks when there are as many as planned (the marked ones are set aside, kept with their
 * reason), else from all of them (the report marks the row). A row whose counted forks still
 * disagree is unsettled: the report says so and gives it no verdict.
 */
final class ForkAgreement {

    /** The analysis of variance's p-value below which fork means differ beyond their iterations. */
    static final double P_VALUE = 0.01;
    /** The spread of fork means that may pass for an in-process row. */
    static final double IN_PROCESS_TOLERANCE = 0.03;
    /** The same for a model with JVMs of its own (worker processes, cluster members). */
    static final double PROCESS_TOLERANCE = 0.05;
    /** Rounds of forks a class may add for its rows that disagree. */
    static final int MAX_ADDED_ROUNDS = 2;

    /** One fork: its measured iterations' scores, and why it is marked (null: unmarked). */
    record Fork(double[] iterations, String mark) {}

    /** A row's verdict: the forks its score counts, those set aside, and whether the counted agree. */
    record Verdict(List<Fork> counted, List<Fork> setAside, boolean disagree) {
        /** Nothing left to re-measure: the counted forks agree and none of them is marked. */
        boolean settled() {
            return !disagree && counted.stream().allMatch(f -> f.mark() == null);
        }

        /** Why the row is not settled, for the console ("" when it is): a marked fork first, as the likelier cause. */
        String why() {
            List<String> reasons = new ArrayList<>();
            counted.stream().map(Fork::mark).filter(Objects::nonNull).findFirst()
                    .ifPresent(mark -> reasons.add("a fork is marked: " + mark));
            if (disagree) {
                double[] means = counted.stream().map(Fork::iterations).filter(it -> it.length > 0)
                        .mapToDouble(it -> Arrays.stream(it).average().orElseThrow()).sorted().toArray();
                reasons.add(String.format(Locale.ROOT, "fork means %.4g to %.4g disagree",
                        means[0], means[means.length - 1]));
            }
            return String.join(", and ", reasons);
        }
    }

    private ForkAgreement() {}

    static Verdict judge(List<Fork> forks, int planned, double tolerance) {
        List<Fork> unmarked = forks.stream().filter(f -> f.mark() == null).toList();
        List<Fork> counted = unmarked.size() >= planned ? unmarked : forks;
        List<Fork> setAside = new ArrayList<>(forks);
        setAside.removeAll(counted);
        return new Verdict(counted, setAside, disagree(counted, tolerance));
    }

    /** Whether these forks' means differ beyond their iterations and beyond the tolerance. */
    static boolean disagree(List<Fork> forks, double tolerance) {
        List<double[]> samples = forks.stream().map(Fork::iterations).filter(it -> it.length >= 2).toList();
        if (samples.size() < 2) {
            return false;
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (double[] sample : samples) {
            double mean = Arrays.stream(sample).average().orElseThrow();
            low = Math.min(low, mean);
            high = Math.max(high, mean);
        }
        if (high <= low * (1 + tolerance)) {
            return false;
        }
        boolean noSpreadWithin = samples.stream().allMatch(s -> Arrays.stream(s).distinct().count() == 1);
        return noSpreadWithin || new OneWayAnova().anovaPValue(samples) < P_VALUE;
    }

    /** The tolerance of a row: wider for a model that starts JVMs of its own. */
    static double tolerance(boolean startsProcesses) {
        return startsProcesses ? PROCESS_TOLERANCE : IN_PROCESS_TOLERANCE;
    }
}
