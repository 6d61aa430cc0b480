package org.scrapebench.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.scrapebench.analysis.jmh.Iteration;

class CrossoverTest {

    private static final double[] LEVELS = {0, 1, 2, 4, 8, 16};

    /** Two forks of five iterations around {@code mean}, each off by up to {@code noise} (relative). */
    private static List<List<Iteration>> forks(double mean, double noise, Random random) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<Iteration> fork = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fork.add(new Iteration(mean * (1 + noise * (2 * random.nextDouble() - 1)), 1));
            }
            forks.add(fork);
        }
        return forks;
    }

    private static List<Crossover.Level> levels(DoubleUnaryOperator a, DoubleUnaryOperator b, double noise) {
        Random random = new Random(7);
        List<Crossover.Level> levels = new ArrayList<>();
        for (double x : LEVELS) {
            levels.add(new Crossover.Level(x, forks(a.applyAsDouble(x), noise, random),
                    forks(b.applyAsDouble(x), noise, random)));
        }
        return levels;
    }

    @Test
    void aKnownCrossingIsFoundWithAnIntervalAroundIt() {
        // A (an event loop, say) costs 50 + 20 ms per ms of CPU; B (a pool) 100 flat: A is faster below x = 2.5
        Crossover.Result result = Crossover.find(levels(x -> 50 + 20 * x, x -> 100, 0.01), 2000, 1, 0.95);
        assertTrue(result.found());
        assertTrue(result.aFasterBelow());
        // the interpolation in log x between the levels 2 and 4 places it near 2.44
        assertEquals(2.44, result.at(), 0.05);
        assertTrue(result.low() <= result.at() && result.at() <= result.high(), result.toString());
        assertTrue(result.low() > 2 && result.high() < 4, result.toString());
        assertTrue(result.crossingShare() > 0.99, result.toString());
        assertEquals(1, result.changes(), result.toString());
    }

    @Test
    void whereTheyCrossMoreThanOnceTheLastCrossingIsPlacedAndTheOthersCounted() {
        // A is faster at 0 and 2, B at 1 and from 4 on: B beats A for good between 2 and 4
        Crossover.Result result = Crossover.find(levels(x -> x == 1 ? 110 : x == 0 ? 90 : x == 2 ? 90 : 50 + 20 * x,
                x -> 100, 0.01), 2000, 1, 0.95);
        assertTrue(result.found(), result.toString());
        assertEquals(3, result.changes(), result.toString());
        assertTrue(result.aFasterBelow(), result.toString());
        assertEquals(Math.pow(2, 1 + Math.log(0.9) / (Math.log(0.9) - Math.log(1.3))), result.at(), 0.05);
        assertTrue(result.low() > 2 && result.high() < 4, result.toString());
    }

    @Test
    void noCrossingInTheRangeIsSaidAsSuch() {
        Crossover.Result result = Crossover.find(levels(x -> 50 + x, x -> 100 + x, 0.01), 1000, 1, 0.95);
        assertFalse(result.found());
        assertTrue(Double.isNaN(result.low()));
        assertTrue(result.aFasterBelow());
        assertEquals(0, result.crossingShare(), 0.001);
    }

    @Test
    void withoutACrossingTheFasterOneIsTheOneALevelShowsNotTheFirstLevelsMean() {
        // level 0: A 1% faster by mean, within 5% noise; from level 2 on, A clearly slower
        Crossover.Result result = Crossover.find(levels(x -> x == 0 ? 99 : 100 + 30 * x, x -> 100 + 10 * x, 0.05),
                2000, 1, 0.95);
        assertFalse(result.found(), result.toString());
        assertTrue(result.separated(), result.toString());
        assertFalse(result.aFasterBelow(), "B is faster or within the noise throughout: " + result);
    }

    @Test
    void aCrossingTheNoiseHidesIsNotClaimed() {
        // 1% apart everywhere, with 30% noise: no level shows either model faster
        Crossover.Result result = Crossover.find(levels(x -> 100, x -> 100 * (x < 3 ? 1.01 : 0.99), 0.3), 2000, 1, 0.95);
        assertFalse(result.found(), result.toString());
        assertFalse(result.separated(), result.toString());
        // while nearly every resample crosses somewhere, by chance: why a crossing must show on both sides
        assertTrue(result.crossingShare() > 0.5, result.toString());
    }

    @Test
    void theCrossingIsInterpolatedLinearlyFromZeroAndInLogXAbove() {
        assertEquals(0.5, Crossover.crossing(new double[] {0, 1}, new double[] {1, -1}), 1e-9);
        assertEquals(Math.sqrt(2), Crossover.crossing(new double[] {1, 2}, new double[] {1, -1}), 1e-9);
        assertTrue(Double.isNaN(Crossover.crossing(new double[] {1, 2, 4}, new double[] {1, 2, 3})));
        assertEquals(Math.sqrt(8), Crossover.crossing(new double[] {1, 2, 4}, new double[] {1, -1, 1}), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> Crossover.find(List.of(new Crossover.Level(1, List.of(), List.of())), 10, 1, 0.95));
    }
}
