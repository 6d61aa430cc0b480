package org.scrapebench.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar {@code environment.json}: what JMH does not record. Read
 * leniently: unknown fields are ignored and every field may be missing.
 */
public record RunEnvironment(
        Optional<String> runId,
        Optional<String> label,
        Optional<String> startedAt,
        Optional<Integer> jdkMajor,
        Optional<String> jdkVersion,
        Optional<String> jdkVendor,
        Optional<String> vmName,
        Optional<Integer> cores,
        Optional<Long> memoryBytes,
        Optional<String> os,
        Optional<String> commit,
        Optional<Boolean> dirty,
        Optional<String> fixture,
        List<LeftOut> modelsLeftOut,
        List<String> jmhArgs,
        RunFacts facts) {

    /** A model the run skipped, and why (e.g. virtual threads on JDK 17). */
    public record LeftOut(String model, String reason) {
    }

    public static RunEnvironment from(JsonNode root) {
        JsonNode jdk = root.path("jdk");
        JsonNode machine = root.path("machine");
        JsonNode git = root.path("git");
        List<LeftOut> leftOut = new ArrayList<>();
        root.path("modelsLeftOut").forEach(n -> leftOut.add(new LeftOut(n.path("model").asText("?"),
                n.path("reason").asText("no reason recorded"))));
        List<String> jmhArgs = new ArrayList<>();
        root.path("jmhArgs").forEach(a -> jmhArgs.add(a.asText()));
        JsonNode fixtureNode = root.path("fixture");
        Optional<String> fixture = fixtureNode.isObject()
                ? Optional.of("mode " + fixtureNode.path("mode").asText("?")
                        + (text(fixtureNode, "url").map(u -> ", url " + u).orElse(""))
                        + (fixtureNode.path("seed").isNumber() ? ", seed " + fixtureNode.get("seed").asLong() : ""))
                : Optional.empty();
        return new RunEnvironment(
                text(root, "runId"), text(root, "label"), text(root, "startedAt"),
                integer(jdk, "major"), text(jdk, "version"), text(jdk, "vendor"), text(jdk, "vmName"),
                integer(machine, "cores").filter(c -> c > 0),
                machine.path("memoryBytes").isNumber() ? Optional.of(machine.get("memoryBytes").asLong())
                        : Optional.empty(),
                text(machine, "os"), text(git, "commit"),
                git.path("dirty").isBoolean() ? Optional.of(git.get("dirty").asBoolean()) : Optional.empty(),
                fixture, List.copyOf(leftOut), List.copyOf(jmhArgs), RunFacts.from(root));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<Integer> integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.canConvertToInt() && v.isNumber() ? Optional.of(v.asInt()) : Optional.empty();
    }
}
