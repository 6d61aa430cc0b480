package org.scrapebench.analysis.compare;

import java.util.HashMap;
import java.util.Map;
import org.scrapebench.analysis.jmh.ResultKey;

/**
 * How far from 1 a ratio can stretch with nothing changed, measured on an A/A pair: two runs of the
 * same code on the same JDK. For each row of the A/A comparison it is the farther end of the
 * ratio's interval, |low - 1| or |high - 1|; a row the pair did not measure gets the largest of
 * them. With a noise floor, a comparison calls a row {@code equivalent} when its interval lies
 * within 1 +- the row's floor, and {@code faster} or {@code slower} only when the interval lies
 * wholly outside it: a difference must exceed the noise before it is called one.
 */
public final class NoiseFloor {

    private final Map<ResultKey, Double> byRow;
    private final double widest;
    private final String source;

    private NoiseFloor(Map<ResultKey, Double> byRow, double widest, String source) {
        this.byRow = byRow;
        this.widest = widest;
        this.source = source;
    }

    /** From a comparison of two runs of the same code and JDK. */
    public static NoiseFloor of(Comparison aa) {
        Map<ResultKey, Double> byRow = new HashMap<>();
        double widest = 0;
        for (ComparisonRow row : aa.rows()) {
            if (!Double.isFinite(row.ratioLow()) || !Double.isFinite(row.ratioHigh())) {
                continue;
            }
            double floor = Math.max(Math.abs(row.ratioLow() - 1), Math.abs(row.ratioHigh() - 1));
            byRow.put(row.key(), floor);
            widest = Math.max(widest, floor);
        }
        if (byRow.isEmpty()) {
            throw new IllegalArgumentException("the A/A pair has no row with an interval, so no noise floor");
        }
        return new NoiseFloor(Map.copyOf(byRow), widest, aa.base().label() + " vs " + aa.other().label());
    }

    /** The floor for one row, as a fraction (0.02 = +-2%). */
    public double margin(ResultKey key) {
        return byRow.getOrDefault(key, widest);
    }

    public boolean measured(ResultKey key) {
        return byRow.containsKey(key);
    }

    public double widest() {
        return widest;
    }

    /** The A/A pair it was measured on. */
    public String source() {
        return source;
    }
}
