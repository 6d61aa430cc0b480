package org.scrapebench.analysis.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The suite's benchmark classes, in the order the runner runs them and the report shows them: the
 * one list of regimes. Each is named after its class ({@code IoBoundBenchmark} is {@code io-bound});
 * a sweep names the param its chart plots time against. The calibration runs first, so that a
 * broken machine shows early, and is shown apart from the regimes. The regime map's classes (the
 * I/O job along CPU per product, without and with the GIL) are drawn and analysed together.
 */
public enum Regime {
    CALIBRATION("CalibrationBenchmark", null, false, false, null),
    IO_BOUND("IoBoundBenchmark", null, true, false, "RegimeMapBenchmark"),
    CPU_BOUND("CpuBoundBenchmark", null, true, false, null),
    MIXED("MixedBenchmark", null, true, false, null),
    GIL_CPU_BOUND("GilCpuBoundBenchmark", null, false, false, null),
    GIL_IO_BOUND("GilIoBoundBenchmark", null, false, false, "GilRegimeMapBenchmark"),
    CONCURRENCY_SWEEP("ConcurrencySweepBenchmark", "concurrency", false, false, null),
    PROCESS_SWEEP("ProcessSweepBenchmark", "processes", false, false, null),
    SIZE_SWEEP("SizeSweepBenchmark", "products", false, false, null),
    REGIME_MAP("RegimeMapBenchmark", "computeRounds", false, true, null),
    GIL_REGIME_MAP("GilRegimeMapBenchmark", "computeRounds", false, true, null),
    FAULT("FaultBenchmark", null, false, false, null);

    private final String className;
    private final String sweepAxis;
    private final boolean main;
    private final boolean map;
    private final String mapStartOf;

    Regime(String className, String sweepAxis, boolean main, boolean map, String mapStartOf) {
        this.className = className;
        this.sweepAxis = sweepAxis;
        this.main = main;
        this.map = map;
        this.mapStartOf = mapStartOf;
    }

    /** The benchmark class's simple name. */
    public String className() {
        return className;
    }

    /** The regime's name in reports: {@code IoBoundBenchmark} is {@code io-bound}. */
    public String label() {
        return labelOf(className);
    }

    /** The param a sweep's chart plots time against. */
    public Optional<String> sweepAxis() {
        return Optional.ofNullable(sweepAxis);
    }

    /** One of the three main regimes (I/O-bound, CPU-bound, mixed): every model runs there, even in a quick run. */
    public boolean main() {
        return main;
    }

    /** Part of the regime map: its rows are charted and compared together along CPU per product. */
    public boolean map() {
        return map;
    }

    /**
     * The map class whose first level (no compute) this regime's rows are: the I/O-bound job with
     * the map's knobs at zero rounds is the same row, so the map does not measure it again.
     */
    public Optional<String> mapStartOf() {
        return Optional.ofNullable(mapStartOf);
    }

    /** The regime of a benchmark class, by its simple name. */
    public static Optional<Regime> ofClass(String simpleName) {
        return Arrays.stream(values()).filter(r -> r.className.equals(simpleName)).findFirst();
    }

    /** A class's regime name by the suite's naming rule, also for classes outside the suite. */
    public static String labelOf(String className) {
        String base = className.endsWith("Benchmark") && className.length() > "Benchmark".length()
                ? className.substring(0, className.length() - "Benchmark".length()) : className;
        StringBuilder kebab = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(base.charAt(i - 1))) {
                kebab.append('-');
            }
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString().toLowerCase(Locale.ROOT);
    }
}
