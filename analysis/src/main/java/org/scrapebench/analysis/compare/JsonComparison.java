package org.scrapebench.analysis.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.scrapebench.analysis.jmh.ResultFile;

/** Comparisons as JSON: every CSV field plus files, settings, warnings and quotable lines. */
public final class JsonComparison {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonComparison() {
    }

    public static void write(PrintWriter out, List<Comparison> comparisons) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode node = array.addObject();
            file(node.putObject("base"), c.base());
            file(node.putObject("other"), c.other());
            ObjectNode settings = node.putObject("settings");
            settings.put("alpha", c.settings().alpha());
            settings.put("confidence", c.settings().confidence());
            settings.put("threshold", c.settings().threshold());
            if (c.settings().noise() != null) {
                settings.put("noiseFloorFrom", c.settings().noise().source());
            }
            settings.put("seed", c.settings().seed());
            settings.put("resamples", c.settings().resamples());
            ArrayNode rows = node.putArray("rows");
            List<String> quotable = QuotableLine.all(c);
            for (int i = 0; i < c.rows().size(); i++) {
                ComparisonRow r = c.rows().get(i);
                ObjectNode row = rows.addObject();
                row.put("benchmark", r.key().benchmark());
                row.put("mode", r.key().mode().shortName());
                ObjectNode params = row.putObject("params");
                r.key().params().forEach(params::put);
                row.put("threads", r.key().threads());
                row.put("equivalenceMargin", r.margin());
                row.put("unit", r.unit());
                row.put("n_base", r.baseMean().n());
                row.put("n_other", r.otherMean().n());
                row.put("samples_base", r.base().primary().shape());
                row.put("samples_other", r.other().primary().shape());
                number(row, "score_base", r.baseMean().mean());
                number(row, "error_base", r.baseMean().halfWidth());
                number(row, "score_other", r.otherMean().mean());
                number(row, "error_other", r.otherMean().halfWidth());
                number(row, "ratio", r.ratio());
                number(row, "ratio_ci_low", r.ratioLow());
                number(row, "ratio_ci_high", r.ratioHigh());
                number(row, "p_welch", r.pWelch());
                number(row, "p_mwu", r.pMannWhitney());
                number(row, "p_adjusted", r.pAdjusted());
                row.put("verdict", r.verdict().label());
                row.put("quotable", quotable.get(i));
                ArrayNode warnings = row.putArray("warnings");
                r.warnings().forEach(warnings::add);
            }
            c.geometricMean().ifPresentOrElse(g -> {
                ObjectNode geo = node.putObject("geometric_mean");
                geo.put("rows", g.rows());
                geo.put("as_time_ratio", g.asTimeRatio());
                number(geo, "ratio", g.ratio());
                number(geo, "ratio_ci_low", g.low());
                number(geo, "ratio_ci_high", g.high());
                geo.put("verdict", g.verdict().label());
            }, () -> node.putNull("geometric_mean"));
            c.onlyInBase().forEach(node.putArray("only_in_base")::add);
            c.onlyInOther().forEach(node.putArray("only_in_other")::add);
            ArrayNode warnings = node.putArray("warnings");
            c.warnings().forEach(warnings::add);
            ArrayNode lines = node.putArray("quotable");
            quotable.forEach(lines::add);
            node.put("regression", c.hasRegression());
        }
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static void file(ObjectNode node, ResultFile f) {
        node.put("file", f.path().toString());
        node.put("label", f.label());
        node.put("sha256_prefix", f.digest());
        node.put("jdkVersion", f.jdkVersion());
        node.put("vmName", f.vmName());
        node.put("vmVersion", f.vmVersion());
        node.put("jmhVersion", f.jmhVersion());
    }

    /** JSON has no NaN: "not computable" is null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
