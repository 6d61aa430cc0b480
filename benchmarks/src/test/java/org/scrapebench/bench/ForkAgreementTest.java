package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row's forks must agree beyond their iterations and its tolerance, and marked forks give way to clean ones. */
class ForkAgreementTest {

    private static ForkAgreement.Fork fork(String mark, double... iterations) {
        return new ForkAgreement.Fork(iterations, mark);
    }

    @Test
    void forksWithinTheToleranceAgreeEvenWhenTheirIterationsAreTight() {
        var a = fork(null, 100.0, 100.2, 99.9, 100.1, 100.0);
        var b = fork(null, 102.0, 102.1, 101.9, 102.2, 102.0);
        assertFalse(ForkAgreement.disagree(List.of(a, b), 0.03), "2% apart, inside an in-process row's 3%");
        assertTrue(ForkAgreement.disagree(List.of(a, b), 0.01), "the same forks against a 1% tolerance");
        assertTrue(ForkAgreement.judge(List.of(a, b), 2, 0.03).settled());
    }

    @Test
    void forksApartBeyondTheirIterationsDisagreeAndNoisyOnesDoNot() {
        var a = fork(null, 100.0, 101.0, 99.0, 100.5, 99.5);
        var b = fork(null, 120.0, 121.0, 119.0, 120.5, 119.5);
        assertTrue(ForkAgreement.disagree(List.of(a, b), 0.03));
        ForkAgreement.Verdict verdict = ForkAgreement.judge(List.of(a, b), 2, 0.03);
        assertTrue(verdict.disagree());
        assertFalse(verdict.settled());

        // means as far apart, but the iterations scatter so much that the forks could be the same
        var wildA = fork(null, 60.0, 150.0, 80.0, 140.0, 70.0);
        var wildB = fork(null, 70.0, 170.0, 95.0, 160.0, 105.0);
        assertFalse(ForkAgreement.disagree(List.of(wildA, wildB), 0.03));
        assertFalse(ForkAgreement.disagree(List.of(a), 0.03), "one fork cannot disagree");
    }

    @Test
    void aMarkedForkIsReMeasuredThenSetAsideOnceCleanForksAreEnough() {
        var clean = fork(null, 100.0, 100.5, 99.5);
        var slow = fork("the host canary read slow before the fork", 140.0, 141.0, 139.0);
        ForkAgreement.Verdict before = ForkAgreement.judge(List.of(clean, slow), 2, 0.03);
        assertEquals(List.of(clean, slow), before.counted(), "too few clean forks: all are counted, and the row is marked");
        assertFalse(before.settled(), "so it is re-measured");

        var added = fork(null, 100.8, 100.2, 101.0);
        ForkAgreement.Verdict after = ForkAgreement.judge(List.of(clean, slow, added), 2, 0.03);
        assertEquals(List.of(clean, added), after.counted());
        assertEquals(List.of(slow), after.setAside());
        assertTrue(after.settled());
    }

    @Test
    void processesGetTheWiderTolerance() {
        assertEquals(ForkAgreement.PROCESS_TOLERANCE, ForkAgreement.tolerance(true));
        assertEquals(ForkAgreement.IN_PROCESS_TOLERANCE, ForkAgreement.tolerance(false));
        var a = fork(null, 100.0, 100.1, 99.9);
        var b = fork(null, 104.0, 104.1, 103.9);
        assertTrue(ForkAgreement.disagree(List.of(a, b), ForkAgreement.tolerance(false)));
        assertFalse(ForkAgreement.disagree(List.of(a, b), ForkAgreement.tolerance(true)));
    }
}
