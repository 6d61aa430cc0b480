package org.scrapebench.analysis.compare;

import java.util.List;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.ResultKey;
import org.scrapebench.analysis.stats.MeanInterval;

/**
 * One matched result. Scores are in the BASE side's unit (OTHER converted if
 * JMH wrote it in another one); errors are CI half-widths at 1 - alpha; {@code margin} is the row's
 * "equivalent" band (the threshold, or its measured noise floor).
 */
public record ComparisonRow(
        ResultKey key,
        BenchmarkResult base,
        BenchmarkResult other,
        String unit,
        MeanInterval baseMean,
        MeanInterval otherMean,
        double ratio,
        double ratioLow,
        double ratioHigh,
        double pWelch,
        double pMannWhitney,
        double pAdjusted,
        Verdict verdict,
        List<String> warnings,
        double[] replicates,
        double margin) {

    public boolean higherIsBetter() {
        return key.mode().higherIsBetter();
    }

    public boolean significant(double alpha) {
        return pAdjusted < alpha;
    }
}
