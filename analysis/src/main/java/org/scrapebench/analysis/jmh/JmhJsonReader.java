package org.scrapebench.analysis.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.scrapebench.analysis.BadInputException;

/**
 * Reads JMH JSON as any JMH version writes it, by field name: all four
 * modes, {@code rawData} and sample mode's {@code rawDataHistogram},
 * secondary metrics under new ({@code gc.alloc.rate.norm}) and old
 * ({@code ·gc.alloc.rate.norm}) keys, and JMH's habit of writing
 * {@code "NaN"} as a string.
 */
public final class JmhJsonReader {

    /** JMH before 1.24 prefixed profiler metrics with a middle dot. */
    private static final String OLD_PROFILER_PREFIX = "\u00b7";

    private final ObjectMapper mapper = new ObjectMapper();

    public ResultFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new BadInputException(path + ": file is empty, expected JMH JSON output");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new BadInputException(path + ": malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        List<BenchmarkResult> results = parse(root, path.toString());
        return new ResultFile(path, label(path), digest(bytes), results);
    }

    /** Parses the root array of a JMH result file; {@code source} names it in messages. */
    public List<BenchmarkResult> parse(JsonNode root, String source) {
        String notJmh = source + ": not JMH JSON output (expected an array of results with "
                + "\"benchmark\", \"mode\" and \"primaryMetric\")";
        if (root == null || !root.isArray()) {
            throw new BadInputException(notJmh);
        }
        if (root.isEmpty()) {
            throw new BadInputException(source + ": JMH JSON holds no results (empty array)");
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (JsonNode node : root) {
            if (!node.isObject() || !node.path("benchmark").isTextual() || !node.path("mode").isTextual()
                    || !node.path("primaryMetric").isObject()) {
                throw new BadInputException(notJmh);
            }
            String modeName = node.get("mode").asText();
            BenchmarkMode mode = BenchmarkMode.fromShortName(modeName).orElseThrow(() ->
                    new BadInputException(source + ": unknown JMH mode \"" + modeName + "\" in "
                            + node.get("benchmark").asText()));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            node.path("secondaryMetrics").fields().forEachRemaining(e -> {
                String name = e.getKey().startsWith(OLD_PROFILER_PREFIX)
                        ? e.getKey().substring(OLD_PROFILER_PREFIX.length()) : e.getKey();
                secondary.put(name, metric(e.getValue()));
            });
            SortedMap<String, String> params = new TreeMap<>();
            node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            List<String> jvmArgs = new ArrayList<>();
            node.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            results.add(new BenchmarkResult(
                    node.path("jmhVersion").asText(""),
                    node.get("benchmark").asText(),
                    mode,
                    node.path("threads").asInt(1),
                    node.path("forks").asInt(0),
                    List.copyOf(jvmArgs),
                    node.path("jdkVersion").asText(""),
                    node.path("vmName").asText(""),
                    node.path("vmVersion").asText(""),
                    node.path("warmupIterations").asInt(0),
                    node.path("warmupTime").asText(""),
                    node.path("measurementIterations").asInt(0),
                    node.path("measurementTime").asText(""),
                    Collections.unmodifiableSortedMap(params),
                    metric(node.get("primaryMetric")),
                    Collections.unmodifiableMap(secondary)));
        }
        return List.copyOf(results);
    }

    private static Metric metric(JsonNode node) {
        List<List<Iteration>> forks = new ArrayList<>();
        if (node.path("rawDataHistogram").isArray()) {
            // sample mode: per fork, per iteration, [value, count] pairs
            for (JsonNode fork : node.get("rawDataHistogram")) {
                List<Iteration> iterations = new ArrayList<>();
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode pair : iteration) {
                        double value = number(pair.path(0));
                        double n = number(pair.path(1));
                        if (Double.isFinite(value) && Double.isFinite(n) && n > 0) {
                            sum += value * n;
                            count += n;
                        }
                    }
                    if (count > 0) {
                        iterations.add(new Iteration(sum / count, count));
                    }
                }
                forks.add(iterations);
            }
        } else {
            for (JsonNode fork : node.path("rawData")) {
                List<Iteration> iterations = new ArrayList<>();
                for (JsonNode value : fork) {
                    double v = number(value);
                    if (Double.isFinite(v)) {
                        iterations.add(new Iteration(v, 1));
                    }
                }
                forks.add(iterations);
            }
        }
        return new Metric(number(node.path("score")), number(node.path("scoreError")),
                node.path("scoreUnit").asText(""), forks);
    }

    /** A number, or JMH's string spellings of non-finite values ("NaN", "Infinity"). */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String label(Path path) {
        Path name = path.getFileName();
        Path parent = path.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getFileName() == null) {
            return String.valueOf(name);
        }
        return parent.getFileName() + "/" + name;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
