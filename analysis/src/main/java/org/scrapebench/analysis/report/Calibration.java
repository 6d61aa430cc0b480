package org.scrapebench.analysis.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scrapebench.analysis.jmh.BenchmarkResult;

/**
 * The run's {@code CalibrationBenchmark} rows: serial CPU per product
 * ({@code parsePerProduct}), per request ({@code fetchPerRequest}) and the
 * fixture server's ceiling ({@code serverCeiling}), looked up by params,
 * falling back to the nearest available row.
 */
public final class Calibration {
    public static final String CLASS_NAME = "CalibrationBenchmark";

    /** A calibration row for the wanted params; {@code exact} false means the nearest one was used. */
    public record Match(BenchmarkResult result, boolean exact) {
        public String paramsText() {
            return BenchmarkResult.paramsText(result.params());
        }
    }

    private final List<BenchmarkResult> rows;

    public Calibration(List<BenchmarkResult> allResults) {
        this.rows = allResults.stream().filter(Calibration::isCalibration).toList();
    }

    public static boolean isCalibration(BenchmarkResult r) {
        return r.className().equals(CLASS_NAME);
    }

    public List<BenchmarkResult> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The row of {@code method} whose params (among {@code keys}) are closest to {@code wanted}. */
    public Optional<Match> lookup(String method, Map<String, String> wanted, List<String> keys) {
        return rows.stream()
                .filter(r -> r.benchmark().endsWith("." + CLASS_NAME + "." + method))
                .min(Comparator.comparingDouble((BenchmarkResult r) -> distance(r, wanted, keys))
                        .thenComparing(r -> BenchmarkResult.paramsText(r.params())))
                .map(r -> new Match(r, distance(r, wanted, keys) == 0));
    }

    /** Sum over keys of |log ratio| for numbers, 100 for different text, 0 where either side lacks the key. */
    private static double distance(BenchmarkResult r, Map<String, String> wanted, List<String> keys) {
        double d = 0;
        for (String key : keys) {
            String want = wanted.get(key);
            String have = r.params().get(key);
            if (want == null || have == null || want.equals(have)) {
                continue;
            }
            try {
                d += Math.abs(Math.log((Double.parseDouble(want) + 1) / (Double.parseDouble(have) + 1)));
            } catch (NumberFormatException e) {
                d += 100;
            }
        }
        return d;
    }
}
