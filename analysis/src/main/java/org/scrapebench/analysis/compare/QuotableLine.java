package org.scrapebench.analysis.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.record.Regime;
import org.scrapebench.analysis.jmh.BenchmarkResult;

/**
 * One sentence per row that can be pasted into a design discussion and
 * still be checked later: ratio, interval, p, sample shape, JDKs and the
 * first hex digits of both files' SHA-256. For example
 * {@code VIRTUAL_THREADS io-bound: 0.41x time vs JDK 17 [0.39, 0.43] 95% CI,
 * p<0.001 (Holm), 3x10 vs 3x10 samples, JDK 17.0.15 -> 25.0.3 (files a1b2c3, d4e5f6)}.
 */
public final class QuotableLine {
    private QuotableLine() {
    }

    public static List<String> all(Comparison comparison) {
        Map<String, Set<String>> varying = varyingParams(comparison.rows());
        List<String> lines = new ArrayList<>();
        for (ComparisonRow row : comparison.rows()) {
            lines.add(of(row, comparison, varying.getOrDefault(row.key().benchmark(), Set.of())));
        }
        return lines;
    }

    /** Each row's name as its quotable line starts ("FIXED_THREAD_POOL io-bound"), in row order. */
    public static List<String> labels(Comparison comparison) {
        Map<String, Set<String>> varying = varyingParams(comparison.rows());
        return comparison.rows().stream()
                .map(r -> label(r.base(), varying.getOrDefault(r.key().benchmark(), Set.of()))).toList();
    }

    static String of(ComparisonRow row, Comparison comparison, Set<String> varying) {
        String ci = NumberText.percent(comparison.settings().confidence()) + " CI";
        String what = row.higherIsBetter() ? "throughput" : "time";
        int d = NumberText.ratioDecimals(row.ratio(), row.ratioLow(), row.ratioHigh());
        String interval = Double.isFinite(row.ratioLow())
                ? "[" + NumberText.fixed(row.ratioLow(), d) + ", " + NumberText.fixed(row.ratioHigh(), d) + "]"
                : "[n/a]";
        String p = NumberText.pValue(row.pAdjusted());
        String pText = p.startsWith("<") ? "p" + p : "p=" + p;
        return label(row.base(), varying) + ": " + NumberText.fixed(row.ratio(), d) + "x " + what + " vs "
                + baseName(comparison) + " " + interval + " " + ci + ", " + pText + " (Holm), "
                + row.base().primary().shape() + " vs " + row.other().primary().shape() + " samples, JDK "
                + comparison.base().jdkVersion() + " -> " + comparison.other().jdkVersion()
                + " (files " + comparison.base().digest() + ", " + comparison.other().digest() + ")";
    }

    /** "JDK 17" when the JDK majors differ (the usual upgrade question), else the BASE file. */
    static String baseName(Comparison comparison) {
        int baseMajor = comparison.base().jdkMajor();
        return baseMajor != comparison.other().jdkMajor() && baseMajor > 0
                ? "JDK " + baseMajor : comparison.base().label();
    }

    /**
     * Our benchmarks read best as "MODEL regime"; anyone else's as
     * "Class.method". Params that vary between rows of the same benchmark
     * follow in parentheses, so each line says which row it is.
     */
    static String label(BenchmarkResult result, Set<String> varying) {
        Map<String, String> shown = new TreeMap<>(result.params());
        shown.keySet().retainAll(varying);
        String name;
        String model = result.params().get("model");
        String type = result.className();
        if (model != null && type.endsWith("Benchmark") && type.length() > "Benchmark".length()) {
            name = model + " " + Regime.labelOf(type);
            shown.remove("model");
        } else {
            name = result.shortBenchmark();
        }
        if (result.threads() != 1) {
            name += " " + result.threads() + " threads";
        }
        if (shown.isEmpty()) {
            return name;
        }
        return name + " (" + shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static Map<String, Set<String>> varyingParams(List<ComparisonRow> rows) {
        Map<String, Map<String, Set<String>>> values = new HashMap<>();
        for (ComparisonRow row : rows) {
            Map<String, Set<String>> byParam = values.computeIfAbsent(row.key().benchmark(), k -> new HashMap<>());
            row.key().params().forEach((k, v) -> byParam.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        }
        Map<String, Set<String>> varying = new HashMap<>();
        values.forEach((benchmark, byParam) -> varying.put(benchmark, byParam.entrySet().stream()
                .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).collect(Collectors.toSet())));
        return varying;
    }
}
