package org.scrapebench.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final ComparisonSettings S = new ComparisonSettings(0.05, 0.03, 1, 1000);

    @Test
    void equivalenceComesFirstEvenWhenSignificant() {
        assertEquals(Verdict.EQUIVALENT, Verdict.decide(1.005, 1.02, 0.0001, false, S));
        assertEquals(Verdict.EQUIVALENT, Verdict.decide(0.97, 1.03, 0.9, true, S));
    }

    @Test
    void directionFollowsTheMode() {
        assertEquals(Verdict.SLOWER, Verdict.decide(1.10, 1.20, 0.001, false, S), "more time is slower");
        assertEquals(Verdict.FASTER, Verdict.decide(1.10, 1.20, 0.001, true, S), "more throughput is faster");
        assertEquals(Verdict.FASTER, Verdict.decide(0.80, 0.90, 0.001, false, S));
        assertEquals(Verdict.SLOWER, Verdict.decide(0.80, 0.90, 0.001, true, S));
    }

    @Test
    void inconclusiveWithoutSignificanceOrWhenTheIntervalStraddlesOne() {
        assertEquals(Verdict.INCONCLUSIVE, Verdict.decide(1.04, 1.20, 0.2, false, S));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.decide(0.95, 1.10, 0.01, false, S));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.decide(Double.NaN, Double.NaN, 0.001, false, S));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.decide(1.10, 1.20, Double.NaN, false, S));
    }
}
