package org.scrapebench.analysis.compare;

import java.io.PrintWriter;
import java.util.List;
import org.scrapebench.analysis.jmh.BenchmarkResult;

/** One CSV row per matched result, with exactly the documented columns. */
public final class CsvComparison {
    public static final String HEADER = "benchmark,mode,params,unit,n_base,n_other,score_base,error_base,"
            + "score_other,error_other,ratio,ratio_ci_low,ratio_ci_high,p_welch,p_mwu,p_adjusted,verdict";

    private CsvComparison() {
    }

    /** Several comparisons share one header; their rows follow in argument order. */
    public static void write(PrintWriter out, List<Comparison> comparisons) {
        out.println(HEADER);
        for (Comparison c : comparisons) {
            for (ComparisonRow r : c.rows()) {
                out.println(String.join(",",
                        quote(r.key().benchmark()),
                        r.key().mode().shortName(),
                        quote(BenchmarkResult.paramsText(r.key().params())),
                        quote(r.unit()),
                        Integer.toString(r.baseMean().n()),
                        Integer.toString(r.otherMean().n()),
                        number(r.baseMean().mean()),
                        number(r.baseMean().halfWidth()),
                        number(r.otherMean().mean()),
                        number(r.otherMean().halfWidth()),
                        number(r.ratio()),
                        number(r.ratioLow()),
                        number(r.ratioHigh()),
                        number(r.pWelch()),
                        number(r.pMannWhitney()),
                        number(r.pAdjusted()),
                        r.verdict().label()));
            }
        }
    }

    /** Full precision, Java's shortest round-trip form; NaN for "not computable". */
    static String number(double x) {
        return Double.toString(x);
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
