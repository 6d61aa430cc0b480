package org.scrapebench.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment (Holm 1979), as R's {@code p.adjust(p, "holm")}:
 * sorted ascending, p(i) becomes max over j <= i of min(1, (m - j + 1) p(j)).
 * NaN p-values (no test possible) stay NaN and do not count in m.
 */
public final class HolmCorrection {
    private HolmCorrection() {
    }

    public static double[] adjust(double[] p) {
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        int m = order.length;
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            double value = Math.min(1.0, (m - rank) * p[order[rank]]);
            running = Math.max(running, value);
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
