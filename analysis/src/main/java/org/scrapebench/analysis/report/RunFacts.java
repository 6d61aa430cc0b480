package org.scrapebench.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What the bench runner recorded in {@code environment.json} beyond the machine (schema 2): the
 * models in report order, per result row the facts only the benchmarks module can compute (the
 * fixture site's latency floor, the threads that can run the model's CPU work, its requests in
 * flight), per trial the foreign load it ran beside, and the quiet check before the run. Older
 * files have none of it; every lookup is then empty.
 */
public record RunFacts(List<String> modelOrder, Map<String, Row> rows, List<Trial> trials, Optional<Quiet> quiet,
                       List<String> pairedWith) {

    /** One result row's facts. */
    public record Row(int cpuThreads, boolean limitsInFlight, int inFlight, OptionalDouble latencyFloorMs) {}

    /** One trial: how many of its measured iterations ran beside foreign load or stolen CPU. */
    public record Trial(String benchmark, Map<String, String> params, int measuredIterations,
                        int contaminatedIterations, double maxForeignCores, double maxStealShare) {}

    /** The check before the run. */
    public record Quiet(double foreignCores, double loadAverage, boolean busy, boolean forced) {}

    public static final RunFacts NONE = new RunFacts(List.of(), Map.of(), List.of(), Optional.empty(), List.of());

    public static RunFacts from(JsonNode root) {
        List<String> order = new ArrayList<>();
        root.path("models").forEach(m -> order.add(m.path("name").asText()));
        Map<String, Row> rows = new LinkedHashMap<>();
        root.path("rows").forEach(r -> {
            JsonNode floor = r.path("latencyFloorMs");
            rows.put(key(r.path("benchmark").asText(), params(r.path("params"))), new Row(r.path("cpuThreads").asInt(1),
                    r.path("limitsInFlight").asBoolean(true), r.path("inFlight").asInt(1),
                    floor.isNumber() ? OptionalDouble.of(floor.asDouble()) : OptionalDouble.empty()));
        });
        List<Trial> trials = new ArrayList<>();
        root.path("trials").forEach(t -> trials.add(new Trial(t.path("benchmark").asText(), params(t.path("params")),
                t.path("measuredIterations").asInt(), t.path("contaminatedIterations").asInt(),
                t.path("maxForeignCores").asDouble(Double.NaN), t.path("maxStealShare").asDouble(Double.NaN))));
        JsonNode q = root.path("quietCheck");
        Optional<Quiet> quiet = q.isObject() && !q.path("skipped").asBoolean(false)
                ? Optional.of(new Quiet(q.path("foreignCores").asDouble(Double.NaN), q.path("loadAverage").asDouble(Double.NaN),
                        q.path("busy").asBoolean(), q.path("forced").asBoolean()))
                : Optional.empty();
        List<String> paired = new ArrayList<>();
        root.path("pairedWith").forEach(p -> paired.add(p.asText()));
        return new RunFacts(List.copyOf(order), Map.copyOf(rows), List.copyOf(trials), quiet, List.copyOf(paired));
    }

    public Optional<Row> row(String benchmark, Map<String, String> params) {
        return Optional.ofNullable(rows.get(key(benchmark, params)));
    }

    /** The trials of one result row (one per fork of an interleaved run, one per row otherwise). */
    public List<Trial> trials(String benchmark, Map<String, String> params) {
        Map<String, String> wanted = new TreeMap<>(params);
        return trials.stream().filter(t -> t.benchmark().equals(benchmark) && new TreeMap<>(t.params()).equals(wanted))
                .toList();
    }

    private static String key(String benchmark, Map<String, String> params) {
        return benchmark + "|" + new TreeMap<>(params);
    }

    private static Map<String, String> params(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
