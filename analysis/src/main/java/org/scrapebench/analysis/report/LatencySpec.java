package org.scrapebench.analysis.report;

import java.util.OptionalDouble;

/**
 * The fixture's latency param ({@code none}, {@code fixed:<ms>},
 * {@code lognormal:<medianMs>:<sigma>:<capMs>},
 * {@code bandwidth:<firstByteMs>:<kbPerSecond>}) as the least time one
 * request can take, in ms: the floor the bound is built on.
 */
public final class LatencySpec {
    private LatencySpec() {
    }

    /** The floor in ms, or empty when the spec is not understood. */
    public static OptionalDouble floorMillis(String spec, double pageKb) {
        String[] parts = spec.trim().split(":");
        try {
            switch (parts[0]) {
                case "none":
                    return OptionalDouble.of(0);
                case "fixed":
                    return parts.length == 2 ? OptionalDouble.of(Double.parseDouble(parts[1])) : OptionalDouble.empty();
                case "lognormal":
                    // the median is the typical request; capped requests cannot take longer than the cap
                    return parts.length == 4
                            ? OptionalDouble.of(Math.min(Double.parseDouble(parts[1]), Double.parseDouble(parts[3])))
                            : OptionalDouble.empty();
                case "bandwidth":
                    if (parts.length != 3 || Double.isNaN(pageKb)) {
                        return OptionalDouble.empty();
                    }
                    double rate = Double.parseDouble(parts[2]);
                    return rate > 0 ? OptionalDouble.of(Double.parseDouble(parts[1]) + pageKb / rate * 1000)
                            : OptionalDouble.empty();
                default:
                    return OptionalDouble.empty();
            }
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
