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
 * ({@code parsePerProduct}, plus {@code computePerRound} for the compute step),
 * per request ({@code fetchPerRequest}) and the fixture server's ceiling
 * ({@code serverCeiling}), looked up by params, falling back to the nearest
 * available row.
 */
public final class Calibration {
    public static final String CLASS_NAME = "CalibrationBenchmark";

    /** A calibration row for the wanted params; {@code exact} false means the nearest one was used. */
    public record Match(BenchmarkResult result, boolean exact) {
        public String paramsText() {
            return BenchmarkResult.paramsText(result.params());
        }
    }

    static final List<String> PARSE_KEYS = List.of("pageKb", "computeRounds");

    /**
     * One thread's CPU time per product: the parse row used and, where the row's compute step was
     * not calibrated whole, the cost of one round times its rounds (each round digests the same
     * page, so their costs add).
     */
    public record PerProduct(Match parse, Optional<Match> round, int rounds) {

        /** In ms; {@code lowEnd}: at the low end of JMH's interval, as a bound takes it. */
        public double millis(boolean lowEnd) {
            return millisOf(parse, lowEnd) + round.map(r -> rounds * millisOf(r, lowEnd)).orElse(0.0);
        }

        /** Why this is not the calibration of exactly the wanted params, if it is not. */
        public Optional<String> note(Map<String, String> wanted) {
            if (round.isPresent()) {
                return parse.exact() ? Optional.empty() : Optional.of("no parsePerProduct calibration for pageKb="
                        + wanted.get("pageKb") + "; used the nearest, " + parse.paramsText());
            }
            if (parse.exact()) {
                return Optional.empty();
            }
            String want = PARSE_KEYS.stream().filter(wanted::containsKey).map(k -> k + "=" + wanted.get(k))
                    .collect(java.util.stream.Collectors.joining(";"));
            return Optional.of("no parsePerProduct calibration for " + want + "; used the nearest, " + parse.paramsText());
        }

        private static double millisOf(Match match, boolean lowEnd) {
            Metric m = match.result().primary();
            double error = Double.isFinite(m.scoreError()) ? m.scoreError() : 0;
            return ScoreUnit.parse(m.unit()).map(u -> u.millisPerOp(lowEnd ? Math.max(0, m.score() - error) : m.score()))
                    .orElse(Double.NaN);
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
     * CPU per product for a row's page weight and compute rounds: its own parsePerProduct row when
     * the run has one; else, for a row that computes and a run that calibrated a round, the parse
     * without compute plus rounds x computePerRound; else the nearest parsePerProduct row. Empty
     * without any parsePerProduct row.
     */
    public Optional<PerProduct> cpuPerProduct(Map<String, String> params) {
        Optional<Match> parse = lookup("parsePerProduct", params, PARSE_KEYS);
        if (parse.isEmpty()) {
            return Optional.empty();
        }
        int rounds = rounds(params.get("computeRounds"));
        Optional<Match> round = lookup("computePerRound", params, List.of("pageKb"));
        if (!parse.get().exact() && rounds > 0 && round.isPresent()) {
            Map<String, String> withoutCompute = new java.util.HashMap<>(params);
            withoutCompute.put("computeRounds", "0");
            return Optional.of(new PerProduct(lookup("parsePerProduct", withoutCompute, PARSE_KEYS).orElseThrow(),
                    round, rounds));
        }
        return Optional.of(new PerProduct(parse.get(), Optional.empty(), 0));
    }

    private static int rounds(String text) {
        Double rounds = RunReport.number(text);
        return rounds == null ? 0 : rounds.intValue();
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
