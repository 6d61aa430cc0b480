package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.jmh.Iteration;

class HierarchicalBootstrapTest {

    private static List<List<Iteration>> side(Random random, double mean, int forks, int iterations) {
        List<List<Iteration>> side = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double forkMean = mean * (1 + 0.02 * random.nextGaussian());
            List<Iteration> fork = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                fork.add(new Iteration(forkMean * (1 + 0.03 * random.nextGaussian()), 1));
            }
            side.add(fork);
        }
        return side;
    }

    /*
     * A 95% interval should cover the true ratio in about 95% of repeated
     * experiments. Data: fork effect 2%, iteration noise 3%, 10 forks x 10
     * iterations, true ratio 1.10. With few forks the percentile bootstrap
     * covers less than nominal (resampling n forks sees (n-1)/n of their
     * variance; at 5 forks this data gives about 89%, see README), so the
     * test uses 10 forks and accepts 90-99%.
     */
    @Test
    void ciCoversTheTrueRatioAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(12345);
        int trials = 200;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            List<List<Iteration>> base = side(random, 100, 10, 10);
            List<List<Iteration>> other = side(random, 110, 10, 10);
            double[] replicates = HierarchicalBootstrap.ratioReplicates(base, other, 1000, t);
            double[] ci = HierarchicalBootstrap.percentileInterval(replicates, 0.95);
            if (ci[0] <= 1.10 && 1.10 <= ci[1]) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    @Test
    void sameSeedSameReplicatesOtherSeedOthers() {
        Random random = new Random(1);
        List<List<Iteration>> base = side(random, 100, 3, 10);
        List<List<Iteration>> other = side(random, 90, 3, 10);
        double[] first = HierarchicalBootstrap.ratioReplicates(base, other, 500, 42);
        assertArrayEquals(first, HierarchicalBootstrap.ratioReplicates(base, other, 500, 42), 0.0);
        double[] different = HierarchicalBootstrap.ratioReplicates(base, other, 500, 43);
        assertTrue(first[0] != different[0] || first[1] != different[1]);
    }

    @Test
    void forkToForkVarianceWidensTheInterval() {
        // same iterations in total, but in the second case every fork sits at its own level
        List<List<Iteration>> flat = new ArrayList<>();
        List<List<Iteration>> clustered = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            List<Iteration> a = new ArrayList<>();
            List<Iteration> b = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                a.add(new Iteration(100 + (i % 4) * 3 - 4.5, 1));
                b.add(new Iteration(100 + f * 3 - 4.5, 1));
            }
            flat.add(a);
            clustered.add(b);
        }
        double[] flatCi = HierarchicalBootstrap.percentileInterval(
                HierarchicalBootstrap.ratioReplicates(flat, flat, 2000, 7), 0.95);
        double[] clusteredCi = HierarchicalBootstrap.percentileInterval(
                HierarchicalBootstrap.ratioReplicates(clustered, clustered, 2000, 7), 0.95);
        assertTrue(clusteredCi[1] - clusteredCi[0] > 2 * (flatCi[1] - flatCi[0]),
                "clustered " + (clusteredCi[1] - clusteredCi[0]) + " vs flat " + (flatCi[1] - flatCi[0]));
    }

    /*
     * Two rows measured in the same rounds while the host drifts: round r runs everything d_r slower,
     * d from -15% to +15%, and the other row is truly 0.8 of the base. Pairing by round keeps the
     * drift out of the ratio, so its interval is much narrower than the unpaired one over the same
     * forks, and both still cover 0.8.
     */
    @Test
    void pairingForksByRoundKeepsACommonDriftOutOfTheRatio() {
        Random random = new Random(7);
        List<List<Iteration>> base = new ArrayList<>();
        List<List<Iteration>> other = new ArrayList<>();
        double[] drift = {-0.15, 0.05, 0.15, -0.05, 0.10, -0.10};
        for (double d : drift) {
            List<Iteration> b = new ArrayList<>();
            List<Iteration> o = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                b.add(new Iteration(100 * (1 + d) * (1 + 0.01 * random.nextGaussian()), 1));
                o.add(new Iteration(80 * (1 + d) * (1 + 0.01 * random.nextGaussian()), 1));
            }
            base.add(b);
            other.add(o);
        }
        double[] paired = HierarchicalBootstrap.percentileInterval(
                HierarchicalBootstrap.pairedRatioReplicates(base, other, 4000, 3), 0.95);
        double[] unpaired = HierarchicalBootstrap.percentileInterval(
                HierarchicalBootstrap.ratioReplicates(base, other, 4000, 3), 0.95);
        assertTrue(paired[0] <= 0.8 && 0.8 <= paired[1], java.util.Arrays.toString(paired));
        assertTrue(unpaired[0] <= 0.8 && 0.8 <= unpaired[1], java.util.Arrays.toString(unpaired));
        assertTrue(paired[1] - paired[0] < 0.25 * (unpaired[1] - unpaired[0]),
                java.util.Arrays.toString(paired) + " vs " + java.util.Arrays.toString(unpaired));
    }

    @Test
    void forksPairUpOnlyWhenBothRowsHaveAsMany() {
        Random random = new Random(2);
        assertThrows(IllegalArgumentException.class, () -> HierarchicalBootstrap.pairedRatioReplicates(
                side(random, 100, 3, 5), side(random, 90, 2, 5), 100, 1));
    }

    @Test
    void quantileIsRType7() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.75, HierarchicalBootstrap.quantile(sorted, 0.25), 1e-12);
        assertEquals(4.0, HierarchicalBootstrap.quantile(sorted, 1.0), 1e-12);
    }
}
