package org.scrapebench.analysis.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ScoreUnit;
import org.scrapebench.analysis.record.RunRecord;

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
    private final List<BenchmarkResult> allResults;

    public Calibration(List<BenchmarkResult> allResults) {
        this.rows = allResults.stream().filter(Calibration::isCalibration).toList();
        this.allResults = List.copyOf(allResults);
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

    /**
     * The fastest single iteration, in ms per job, in which the run did the job that {@code keys} of
     * {@code wanted} name (pages in memory, no latency param) with its CPU work on one thread: the
     * calibration's serial job and every row of that job whose facts say one CPU thread (SERIAL, an
     * event loop, threads under the GIL). Nothing in the run did that work on one core faster, so a
     * one-core CPU floor at or below it agrees with every observation; one taken from a single
     * earlier calibration does not, on a host whose speed drifts. Empty when no such iteration exists.
     */
    public OptionalDouble fastestOneThreadMillis(Map<String, String> wanted, List<String> keys,
                                                 Optional<RunRecord> record) {
        return allResults.stream()
                .filter(r -> !r.params().containsKey("latency")
                        && keys.stream().allMatch(k -> wanted.get(k) != null && wanted.get(k).equals(r.params().get(k))))
                .filter(r -> r.benchmark().endsWith("." + CLASS_NAME + ".serialJobOneThread")
                        || record.flatMap(rec -> rec.row(r.benchmark(), r.params())).map(f -> f.cpuThreads() == 1)
                                .orElse(false))
                .flatMapToDouble(r -> {
                    Metric m = r.primary();
                    return ScoreUnit.parse(m.unit()).stream().flatMapToDouble(unit -> m.forks().stream()
                            .flatMap(List::stream).mapToDouble(i -> unit.millisPerOp(i.value())));
                })
                .filter(Double::isFinite)
                .min();
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
