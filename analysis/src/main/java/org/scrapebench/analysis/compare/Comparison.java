package org.scrapebench.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scrapebench.analysis.BadInputException;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Iteration;
import org.scrapebench.analysis.jmh.ResultFile;
import org.scrapebench.analysis.jmh.ResultKey;
import org.scrapebench.analysis.jmh.ScoreUnit;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.stats.HierarchicalBootstrap;
import org.scrapebench.analysis.stats.HolmCorrection;
import org.scrapebench.analysis.stats.MannWhitneyU;
import org.scrapebench.analysis.stats.MeanInterval;
import org.scrapebench.analysis.stats.WelchTest;

/** BASE against OTHER: the matched rows with their statistics, and what did not match. */
public record Comparison(
        ResultFile base,
        ResultFile other,
        ComparisonSettings settings,
        List<ComparisonRow> rows,
        Optional<GeometricMean> geometricMean,
        List<String> onlyInBase,
        List<String> onlyInOther,
        List<String> warnings) {

    /** Matches results by benchmark, mode, params and threads; throws if nothing matches. */
    public static Comparison of(ResultFile base, ResultFile other, ComparisonSettings settings) {
        Map<ResultKey, BenchmarkResult> otherByKey = new LinkedHashMap<>();
        other.results().forEach(r -> otherByKey.putIfAbsent(r.key(), r));
        Map<ResultKey, BenchmarkResult> baseByKey = new LinkedHashMap<>();
        base.results().forEach(r -> baseByKey.putIfAbsent(r.key(), r));

        Optional<RunRecord> baseRecord = recordBeside(base);
        Optional<RunRecord> otherRecord = recordBeside(other);
        List<String> warnings = new ArrayList<>();
        List<Draft> drafts = new ArrayList<>();
        List<String> onlyInBase = new ArrayList<>();
        for (BenchmarkResult b : baseByKey.values()) {
            BenchmarkResult o = otherByKey.get(b.key());
            if (o == null) {
                onlyInBase.add(b.key().toString());
                continue;
            }
            Optional<Double> factor = unitFactor(b.primary().unit(), o.primary().unit());
            if (factor.isEmpty()) {
                warnings.add(b.key() + ": units " + b.primary().unit() + " and " + o.primary().unit()
                        + " cannot be converted; left out");
                continue;
            }
            drafts.add(draft(b, o, factor.get(), settings, pairedByRound(b, baseRecord, o, otherRecord)));
        }
        List<String> onlyInOther = otherByKey.keySet().stream().filter(k -> !baseByKey.containsKey(k))
                .map(ResultKey::toString).toList();
        if (drafts.isEmpty()) {
            throw new BadInputException(base.path() + " and " + other.path()
                    + " have no result in common (same benchmark, mode, params and threads)");
        }

        double[] adjusted = HolmCorrection.adjust(drafts.stream().mapToDouble(d -> d.pWelch).toArray());
        java.util.Set<ResultKey> unsettled = new java.util.HashSet<>(unsettledKeys(base, baseRecord));
        unsettled.addAll(unsettledKeys(other, otherRecord));
        List<ComparisonRow> rows = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            rows.add(drafts.get(i).finish(adjusted[i], settings, unsettled.contains(drafts.get(i).base().key())));
        }
        return new Comparison(base, other, settings, List.copyOf(rows), geometricMean(rows, settings),
                List.copyOf(onlyInBase), onlyInOther, List.copyOf(warnings));
    }

    /**
     * The rows a result file's run left unsettled, from the run record beside it; none without one
     * (a file from elsewhere, or a run before forks had to agree).
     */
    static java.util.Set<ResultKey> unsettledKeys(ResultFile file, Optional<RunRecord> record) {
        if (record.isEmpty()) {
            return java.util.Set.of();
        }
        RunRecord run = record.get();
        return file.results().stream().filter(r -> run.remeasured(r.benchmark(), r.params())
                .map(RunRecord.Remeasured::unsettled).orElse(false)).map(BenchmarkResult::key)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The run record beside a result file, if there is one (a file from elsewhere has none). */
    static Optional<RunRecord> recordBeside(ResultFile file) {
        if (file.path().getParent() == null) {
            return Optional.empty();
        }
        java.nio.file.Path record = file.path().resolveSibling(RunRecord.FILE);
        return java.nio.file.Files.isRegularFile(record) ? Optional.of(RunRecord.read(record)) : Optional.empty();
    }

    /**
     * Whether fork i of {@code b} and of {@code o} ran in the same round: the two runs were taken
     * together, interleaved in rounds (each names the other as a partner, and both made their forks
     * agree, which only the runner's rounds do), and neither row had forks added or set aside.
     */
    static boolean pairedByRound(BenchmarkResult b, Optional<RunRecord> baseRecord, BenchmarkResult o,
                                 Optional<RunRecord> otherRecord) {
        if (baseRecord.isEmpty() || otherRecord.isEmpty()) {
            return false;
        }
        RunRecord br = baseRecord.get();
        RunRecord or = otherRecord.get();
        int forks = b.primary().forks().size();
        return br.forkAgreement() != null && or.forkAgreement() != null
                && br.run().pairedWith().contains(or.run().id()) && or.run().pairedWith().contains(br.run().id())
                && forks >= 2 && o.primary().forks().size() == forks
                && br.remeasured(b.benchmark(), b.params()).isEmpty() && or.remeasured(o.benchmark(), o.params()).isEmpty();
    }

    public boolean hasRegression() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.SLOWER);
    }

    private static Optional<Double> unitFactor(String baseUnit, String otherUnit) {
        if (baseUnit.equals(otherUnit)) {
            return Optional.of(1.0);
        }
        Optional<ScoreUnit> b = ScoreUnit.parse(baseUnit);
        Optional<ScoreUnit> o = ScoreUnit.parse(otherUnit);
        if (b.isEmpty() || o.isEmpty() || b.get().kind() != o.get().kind()) {
            return Optional.empty();
        }
        return Optional.of(o.get().factorTo(b.get()));
    }

    /** A row before Holm's correction, which needs every row's p. */
    private record Draft(BenchmarkResult base, BenchmarkResult other, MeanInterval baseMean,
                         MeanInterval otherMean, double[] replicates, double low, double high,
                         double pWelch, double pMannWhitney, List<String> warnings) {

        /** {@code unsettled}: the row's forks still disagreed in one of the runs, so it gets no verdict. */
        ComparisonRow finish(double pAdjusted, ComparisonSettings settings, boolean unsettled) {
            double ratio = otherMean.mean() / baseMean.mean();
            double margin = settings.margin(base.key());
            Verdict verdict = unsettled ? Verdict.INCONCLUSIVE : Verdict.decide(low, high, pAdjusted,
                    base.mode().higherIsBetter(), margin, settings.noise() != null, settings.alpha());
            List<String> rowWarnings = unsettled ? java.util.stream.Stream.concat(warnings.stream(), java.util.stream.Stream.of(
                    "unsettled in its run (its forks still disagreed after re-measuring, environment.json): no verdict"))
                    .toList() : warnings;
            return new ComparisonRow(base.key(), base, other, base.primary().unit(), baseMean, otherMean,
                    ratio, low, high, pWelch, pMannWhitney, pAdjusted, verdict, rowWarnings, replicates, margin);
        }
    }

    private static Draft draft(BenchmarkResult b, BenchmarkResult o, double factor, ComparisonSettings settings,
                               boolean paired) {
        List<List<Iteration>> baseForks = b.primary().forks();
        List<List<Iteration>> otherForks = o.primary().forks().stream()
                .map(f -> f.stream().map(it -> new Iteration(it.value() * factor, it.weight())).toList())
                .toList();
        List<String> warnings = new ArrayList<>();
        MeanInterval baseMean = MeanInterval.of(baseForks, settings.confidence());
        MeanInterval otherMean = MeanInterval.of(otherForks, settings.confidence());
        if (baseMean.n() == 0 || otherMean.n() == 0) {
            warnings.add("no raw iteration data on the " + (baseMean.n() == 0 ? "BASE" : "OTHER")
                    + " side; no statistics possible");
            baseMean = baseMean.n() == 0 ? new MeanInterval(b.primary().score(), Double.NaN, 0) : baseMean;
            otherMean = otherMean.n() == 0
                    ? new MeanInterval(o.primary().score() * factor, Double.NaN, 0) : otherMean;
            return new Draft(b, o, baseMean, otherMean, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    warnings);
        }
        double[] x = baseForks.stream().flatMap(List::stream).mapToDouble(Iteration::value).toArray();
        double[] y = otherForks.stream().flatMap(List::stream).mapToDouble(Iteration::value).toArray();
        if (x.length < 2 || y.length < 2) {
            warnings.add("too few samples for a test: " + x.length + " vs " + y.length
                    + " iterations (Welch needs at least 2 per side)");
        } else if (MannWhitneyU.smallestExactP(x.length, y.length) >= settings.alpha()) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "too few samples for a test at alpha=%s: %d vs %d iterations cannot give p < alpha",
                    stripZeros(settings.alpha()), x.length, y.length));
        }
        String settingsDiffer = settingsDifference(b, o);
        if (!settingsDiffer.isEmpty()) {
            warnings.add("JMH settings differ: " + settingsDiffer);
        }
        double pWelch = WelchTest.pValue(x, y);
        double pMannWhitney = MannWhitneyU.test(x, y).p();
        // seed per row from its key, so a row's interval does not depend on which other rows exist
        long seed = settings.seed() * 31 + b.key().toString().hashCode();
        double[] replicates = paired
                ? HierarchicalBootstrap.pairedRatioReplicates(baseForks, otherForks, settings.resamples(), seed)
                : HierarchicalBootstrap.ratioReplicates(baseForks, otherForks, settings.resamples(), seed);
        double[] ci = HierarchicalBootstrap.percentileInterval(replicates, settings.confidence());
        return new Draft(b, o, baseMean, otherMean, replicates, ci[0], ci[1], pWelch, pMannWhitney, warnings);
    }

    private static String settingsDifference(BenchmarkResult b, BenchmarkResult o) {
        List<String> differences = new ArrayList<>();
        if (b.forks() != o.forks()) {
            differences.add("forks " + b.forks() + " vs " + o.forks());
        }
        if (b.warmupIterations() != o.warmupIterations() || !b.warmupTime().equals(o.warmupTime())) {
            differences.add("warmup " + b.warmupIterations() + "x" + b.warmupTime() + " vs "
                    + o.warmupIterations() + "x" + o.warmupTime());
        }
        if (b.measurementIterations() != o.measurementIterations()
                || !b.measurementTime().equals(o.measurementTime())) {
            differences.add("measurement " + b.measurementIterations() + "x" + b.measurementTime() + " vs "
                    + o.measurementIterations() + "x" + o.measurementTime());
        }
        if (!b.jvmArgs().equals(o.jvmArgs())) {
            differences.add("jvmArgs " + b.jvmArgs() + " vs " + o.jvmArgs());
        }
        return String.join("; ", differences);
    }

    private static Optional<GeometricMean> geometricMean(List<ComparisonRow> rows, ComparisonSettings settings) {
        List<ComparisonRow> usable = rows.stream()
                .filter(r -> r.replicates() != null && Double.isFinite(r.ratio()) && r.ratio() > 0).toList();
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        boolean allHigher = usable.stream().allMatch(ComparisonRow::higherIsBetter);
        boolean allLower = usable.stream().noneMatch(ComparisonRow::higherIsBetter);
        boolean asTimeRatio = !allHigher && !allLower;
        double logSum = 0;
        double[] replicateLogs = new double[settings.resamples()];
        for (ComparisonRow row : usable) {
            double sign = asTimeRatio && row.higherIsBetter() ? -1 : 1;
            logSum += sign * Math.log(row.ratio());
            for (int r = 0; r < replicateLogs.length; r++) {
                replicateLogs[r] += sign * Math.log(row.replicates()[r]);
            }
        }
        int n = usable.size();
        double[] replicates = new double[replicateLogs.length];
        for (int r = 0; r < replicates.length; r++) {
            replicates[r] = Math.exp(replicateLogs[r] / n);
        }
        double[] ci = HierarchicalBootstrap.percentileInterval(replicates, settings.confidence());
        boolean higherIsBetter = allHigher;
        return Optional.of(new GeometricMean(n, Math.exp(logSum / n), ci[0], ci[1], higherIsBetter, asTimeRatio,
                Verdict.decide(ci[0], ci[1], 0.0, higherIsBetter,
                        settings.noise() == null ? settings.threshold() : settings.noise().widest(),
                        settings.noise() != null, settings.alpha())));
    }

    static String stripZeros(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
