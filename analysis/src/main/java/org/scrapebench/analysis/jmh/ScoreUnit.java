package org.scrapebench.analysis.jmh;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JMH score units ("ms/op", "ops/s", ...) as a kind and a scale in seconds,
 * so that sides recorded in different units can be compared and the report
 * can turn any score into time per operation.
 */
public record ScoreUnit(Kind kind, double seconds) {

    public enum Kind { TIME_PER_OP, OPS_PER_TIME }

    private static final Map<String, Double> TIME_UNITS = Map.of(
            "ns", 1e-9, "us", 1e-6, "\u00b5s", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    public static Optional<ScoreUnit> parse(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            Double s = TIME_UNITS.get(u.substring(0, u.length() - 3));
            return Optional.ofNullable(s).map(v -> new ScoreUnit(Kind.TIME_PER_OP, v));
        }
        if (u.startsWith("ops/")) {
            Double s = TIME_UNITS.get(u.substring(4));
            return Optional.ofNullable(s).map(v -> new ScoreUnit(Kind.OPS_PER_TIME, v));
        }
        return Optional.empty();
    }

    /** Multiplier that turns a score in this unit into a score in {@code target}. */
    public double factorTo(ScoreUnit target) {
        if (kind != target.kind) {
            throw new IllegalArgumentException("cannot convert " + kind + " to " + target.kind);
        }
        return kind == Kind.TIME_PER_OP ? seconds / target.seconds : target.seconds / seconds;
    }

    /** Milliseconds per operation for a score in this unit. */
    public double millisPerOp(double score) {
        return kind == Kind.TIME_PER_OP ? score * seconds * 1e3 : seconds * 1e3 / score;
    }

    /** Operations per second for a score in this unit. */
    public double opsPerSecond(double score) {
        return 1e3 / millisPerOp(score);
    }
}
