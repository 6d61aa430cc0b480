package org.scrapebench.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrapebench.analysis.CliRun;
import org.w3c.dom.Element;

/** {@code compare --charts DIR}: the forest plot shows exactly what compare computed. */
public class ForestPlotTest {

    static final String JDK17 = CliRun.resource("runs/2026-11-20-jdk17/jmh-result.json").toString();
    static final String JDK25 = CliRun.resource("runs/2026-11-23-jdk25/jmh-result.json").toString();

    @TempDir
    Path dir;

    private List<Path> charts() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /**
     * Every row's interval bar ends at x(ratio_ci_low) and x(ratio_ci_high) of compare's JSON, on
     * its panel's axis; the point sits at x(ratio); the band spans the verdicts' margin; the verdict
     * word is compare's.
     */
    public static void assertForestMatchesJson(SvgDoc doc, JsonNode comparison) {
        List<Element> rows = new ArrayList<>(doc.byClass("row"));
        Element summary = rows.remove(rows.size() - 1);
        JsonNode jsonRows = comparison.get("rows");
        assertEquals(jsonRows.size(), rows.size());
        double margin = comparison.get("settings").get("threshold").asDouble();
        for (int i = 0; i < rows.size(); i++) {
            Element row = rows.get(i);
            JsonNode json = jsonRows.get(i);
            Element axis = SvgDoc.single(SvgDoc.ancestor(row, "panel"), "x-axis");
            Element ci = SvgDoc.single(row, "ci");
            assertEquals(SvgDoc.pixel(axis, json.get("ratio_ci_low").asDouble()), SvgDoc.number(ci, "x1"), SvgDoc.PIXEL);
            assertEquals(SvgDoc.pixel(axis, json.get("ratio_ci_high").asDouble()), SvgDoc.number(ci, "x2"),
                    SvgDoc.PIXEL);
            assertEquals(json.get("ratio_ci_low").asDouble(), SvgDoc.number(ci, "data-low"), 0.0);
            assertEquals(SvgDoc.pixel(axis, json.get("ratio").asDouble()),
                    SvgDoc.position(SvgDoc.single(row, "ratio"))[0], SvgDoc.PIXEL);
            Element band = SvgDoc.single(row, "band");
            assertEquals(SvgDoc.pixel(axis, 1 - margin), SvgDoc.number(band, "x"), SvgDoc.PIXEL);
            assertEquals(SvgDoc.pixel(axis, 1 + margin), SvgDoc.number(band, "x") + SvgDoc.number(band, "width"),
                    2 * SvgDoc.PIXEL);
            assertEquals(json.get("verdict").asText(), SvgDoc.single(row, "verdict").getTextContent());
            assertEquals(json.get("verdict").asText(), row.getAttribute("data-verdict"));
        }
        JsonNode geo = comparison.get("geometric_mean");
        Element axis = SvgDoc.single(SvgDoc.ancestor(summary, "panel"), "x-axis");
        assertEquals(SvgDoc.pixel(axis, geo.get("ratio_ci_low").asDouble()),
                SvgDoc.number(SvgDoc.single(summary, "ci"), "x1"), SvgDoc.PIXEL);
        assertEquals(geo.get("verdict").asText(), SvgDoc.single(summary, "verdict").getTextContent());
    }

    private JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("compare", "--format", "json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(run.out()).get("comparisons");
    }

    @Test
    void intervalsBandAndVerdictsAreCompareOwn() throws IOException {
        CliRun run = CliRun.of("compare", "--charts", dir.toString(), JDK17, JDK25);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(dir.resolve("forest-2026-11-20-jdk17-jmh-result-vs-2026-11-23-jdk25-jmh-result.svg")),
                charts());
        assertTrue(run.out().startsWith("## "), "stdout is still the table");
        assertEquals("wrote " + charts().get(0), run.errLines().get(0));
        SvgDoc doc = SvgDoc.parse(Files.readString(charts().get(0)));
        assertForestMatchesJson(doc, json(JDK17, JDK25).get(0));
        assertTrue(doc.byClass("panel").size() > 1, "one panel per benchmark class");
    }

    @Test
    void theBandFollowsTheThresholdTheVerdictUsed() throws IOException {
        CliRun run = CliRun.of("compare", "--threshold", "10", "--charts", dir.toString(), JDK17, JDK25);
        assertEquals(0, run.exitCode(), run.err());
        SvgDoc doc = SvgDoc.parse(Files.readString(charts().get(0)));
        JsonNode comparison = json("--threshold", "10", JDK17, JDK25).get(0);
        assertEquals(0.1, comparison.get("settings").get("threshold").asDouble(), 1e-12);
        assertForestMatchesJson(doc, comparison);
        doc.byClass("band").forEach(b -> assertEquals(0.9, SvgDoc.number(b, "data-low"), 1e-12));
    }

    @Test
    void oneChartPerPairWhenComparingSeveralFiles() throws IOException {
        CliRun run = CliRun.of("compare", "--charts", dir.toString(), JDK17, JDK25, JDK17);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, charts().size(), charts().toString());
    }

    @Test
    void worksOnJmhsOwnKindsOfFiles() throws IOException {
        for (String name : List.of("thrpt", "avgt-old-gc", "sample", "ss")) {
            String file = CliRun.resource("jmh/" + name + ".json").toString();
            Path out = dir.resolve(name);
            CliRun run = CliRun.of("compare", "--charts", out.toString(), file, file);
            assertEquals(0, run.exitCode(), name + ": " + run.err());
            try (Stream<Path> files = Files.list(out)) {
                Path chart = files.findFirst().orElseThrow();
                SvgDoc doc = SvgDoc.parse(Files.readString(chart));
                assertForestMatchesJsonWhereDefined(doc, json(file, file).get(0), name);
            }
        }
    }

    /** Rows without an interval (one iteration) have no bar; the rest must still match. */
    private static void assertForestMatchesJsonWhereDefined(SvgDoc doc, JsonNode comparison, String name) {
        List<Element> rows = doc.byClass("row");
        JsonNode jsonRows = comparison.get("rows");
        for (int i = 0; i < jsonRows.size(); i++) {
            JsonNode json = jsonRows.get(i);
            Element row = rows.get(i);
            assertEquals(json.get("verdict").asText(), SvgDoc.single(row, "verdict").getTextContent(), name);
            if (json.get("ratio_ci_low").isNull()) {
                assertEquals(0, SvgDoc.byClass(row, "ci").size(), name);
                continue;
            }
            Element axis = SvgDoc.single(SvgDoc.ancestor(row, "panel"), "x-axis");
            assertEquals(SvgDoc.pixel(axis, json.get("ratio_ci_high").asDouble()),
                    SvgDoc.number(SvgDoc.single(row, "ci"), "x2"), SvgDoc.PIXEL, name);
        }
    }
}
