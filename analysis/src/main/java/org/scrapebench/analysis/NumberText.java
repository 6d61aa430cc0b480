package org.scrapebench.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting for tables and quotes: Locale.ROOT, precision that follows the error. */
public final class NumberText {
    private NumberText() {
    }

    /** {@code x} to {@code digits} significant digits, never in scientific notation. */
    public static String significant(double x, int digits) {
        if (!Double.isFinite(x)) {
            return "n/a";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0, RoundingMode.UNNECESSARY);
        }
        return rounded.toPlainString();
    }

    public static String fixed(double x, int decimals) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + decimals + "f", x) : "n/a";
    }

    /** "1203.4 ± 5.6": the error to two significant digits, the score to the same decimal place. */
    public static String scoreWithError(double score, double error) {
        if (!Double.isFinite(score)) {
            return "n/a";
        }
        if (!Double.isFinite(error) || error <= 0) {
            return significant(score, 4);
        }
        int decimals = decimalsFor(error);
        return fixed(score, decimals) + " \u00b1 " + fixed(error, decimals);
    }

    /** Decimal places that show {@code error} to two significant digits (0 to 9). */
    public static int decimalsFor(double error) {
        int magnitude = (int) Math.floor(Math.log10(Math.abs(error)));
        return Math.max(0, Math.min(9, 1 - magnitude));
    }

    /** Decimal places for a ratio and its interval: 2, or more when the interval is narrow or the ratio small. */
    public static int ratioDecimals(double ratio, double low, double high) {
        int decimals = 2;
        if (Double.isFinite(low) && Double.isFinite(high) && high - low < 0.02) {
            decimals = 3;
        }
        if (Double.isFinite(ratio) && ratio > 0 && ratio < 0.1) {
            decimals = Math.max(decimals, 1 - (int) Math.floor(Math.log10(ratio)));
        }
        // an interval that excludes 1 must not print a bound as "1.00"
        if (Double.isFinite(low) && Double.isFinite(high) && (low > 1 || high < 1)) {
            String one = fixed(1.0, 6);
            while (decimals < 6 && (fixed(low, decimals).equals(one.substring(0, decimals + 2))
                    || fixed(high, decimals).equals(one.substring(0, decimals + 2)))) {
                decimals++;
            }
        }
        return Math.min(decimals, 9);
    }

    /** "0.41 [0.39, 0.43]". */
    public static String ratioWithInterval(double ratio, double low, double high) {
        return ratioWithInterval(ratio, "", low, high);
    }

    /** "0.41x [0.39, 0.43]" for the unit "x". */
    public static String ratioWithInterval(double ratio, String unit, double low, double high) {
        int d = ratioDecimals(ratio, low, high);
        String interval = Double.isFinite(low) && Double.isFinite(high)
                ? " [" + fixed(low, d) + ", " + fixed(high, d) + "]" : " [n/a]";
        return fixed(ratio, d) + unit + interval;
    }

    /** "<0.001", "0.0496", "0.21" or "n/a". */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p < 0.001) {
            return "<0.001";
        }
        return p < 0.1 ? significant(p, 3) : fixed(p, 2);
    }

    /** A fraction as a percentage without trailing zeros: 0.03 -> "3%". */
    public static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                + "%";
    }
}
