package org.scrapebench.analysis.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values in [{@code low}, {@code high}] to pixels in [{@code from}, {@code to}],
 * linearly or by logarithm. Written into the SVG as {@code data-scale}, {@code data-domain}
 * and {@code data-range}, so a reader (or a test) can recover any value from a coordinate.
 */
public record Scale(double low, double high, double from, double to, boolean log) {

    /** Above this max/min ratio a linear axis flattens the small values: use a log axis. */
    public static final double LOG_SPAN = 10;

    public Scale {
        if (!(high > low) || (log && low <= 0)) {
            throw new IllegalArgumentException("bad domain [" + low + ", " + high + "]" + (log ? " for a log scale" : ""));
        }
    }

    /**
     * A scale over the finite values given (padded a little so nothing sits on the frame),
     * logarithmic when they are all positive and span more than {@link #LOG_SPAN}x, or when
     * {@code forceLog} and they are all positive.
     */
    public static Scale fit(List<Double> values, double from, double to, boolean forceLog) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new Scale(0, 1, from, to, false);
        }
        boolean log = min > 0 && (forceLog || max / min > LOG_SPAN);
        if (log) {
            double pad = max > min ? Math.pow(max / min, 0.04) : 1.1;
            return new Scale(min / pad, max * pad, from, to, true);
        }
        double pad = max > min ? (max - min) * 0.05 : Math.max(Math.abs(max) * 0.1, 1);
        double lowEnd = min - pad;
        // a time or a rate is never negative: do not invent an axis below zero for it
        if (min >= 0 && lowEnd < 0) {
            lowEnd = 0;
        }
        return new Scale(lowEnd, max + pad, from, to, false);
    }

    public double map(double value) {
        double t = log ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low))
                : (value - low) / (high - low);
        return from + t * (to - from);
    }

    /** Tick values inside the domain: 1-2-5 steps, per decade on a log scale that spans one or more. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log && high / low >= LOG_SPAN) {
            int first = (int) Math.floor(Math.log10(low));
            int last = (int) Math.ceil(Math.log10(high));
            // about one decade: finer steps; a few: 1, 2 and 5 of each; many: the powers of ten alone
            double decades = Math.log10(high / low);
            double[] steps = decades <= 1.5 ? new double[] {1, 1.5, 2, 3, 5, 7}
                    : decades <= 3 ? new double[] {1, 2, 5} : new double[] {1};
            for (int e = first; e <= last; e++) {
                for (double s : steps) {
                    double v = s * Math.pow(10, e);
                    if (v >= low && v <= high) {
                        ticks.add(v);
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((high - low) / 5);
        for (double v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    /** The 1-2-5 step nearest above {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
    }

    /** "log" or "linear", the SVG's {@code data-scale}. */
    public String kind() {
        return log ? "log" : "linear";
    }
}
