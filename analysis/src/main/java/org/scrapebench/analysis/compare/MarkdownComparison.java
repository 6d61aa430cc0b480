package org.scrapebench.analysis.compare;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.scrapebench.analysis.NumberText;
import org.scrapebench.analysis.jmh.ResultFile;

/** A comparison as Markdown, to paste into a design document. */
public final class MarkdownComparison {
    private MarkdownComparison() {
    }

    /** {@code heading} is the Markdown heading prefix, "##" for compare, "###" inside a report. */
    public static void write(PrintWriter out, Comparison c, String heading) {
        ComparisonSettings s = c.settings();
        String ci = NumberText.percent(s.confidence());
        out.println(heading + " " + c.base().label() + " vs " + c.other().label());
        out.println();
        out.println("| side | file | JDK | VM | JMH | SHA-256 |");
        out.println("|---|---|---|---|---|---|");
        fileRow(out, "BASE", c.base());
        fileRow(out, "OTHER", c.other());
        out.println();
        out.println("| benchmark | mode | params | unit | samples | BASE | OTHER | OTHER/BASE [" + ci
                + " CI] | p_welch | p_mwu | p_adj | verdict |");
        out.println("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (ComparisonRow r : c.rows()) {
            String ratio = NumberText.ratioWithInterval(r.ratio(), r.ratioLow(), r.ratioHigh());
            out.println("| " + cell(r.base().shortBenchmark())
                    + " | " + r.key().mode().shortName()
                    + " | " + cell(r.key().params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))
                    + " | " + cell(r.unit())
                    + " | " + r.base().primary().shape() + " vs " + r.other().primary().shape()
                    + " | " + NumberText.scoreWithError(r.baseMean().mean(), r.baseMean().halfWidth())
                    + " | " + NumberText.scoreWithError(r.otherMean().mean(), r.otherMean().halfWidth())
                    + " | " + (r.significant(s.alpha()) ? "" : "~") + ratio
                    + " | " + NumberText.pValue(r.pWelch())
                    + " | " + NumberText.pValue(r.pMannWhitney())
                    + " | " + NumberText.pValue(r.pAdjusted())
                    + " | " + r.verdict().label() + " |");
        }
        c.geometricMean().ifPresent(g -> {
            boolean excludesOne = g.low() > 1 || g.high() < 1;
            out.println("| **geometric mean** of " + g.rows() + " rows" + (g.asTimeRatio() ? " (as time ratios)" : "")
                    + " | | | | | | | " + (excludesOne ? "" : "~")
                    + NumberText.ratioWithInterval(g.ratio(), g.low(), g.high()) + " | | | | "
                    + g.verdict().label() + " |");
        });
        out.println();
        out.println("Scores: mean \u00b1 half-width of the " + ci + " t-interval over iterations. "
                + "Ratio: mean(OTHER)/mean(BASE), " + ci + " CI from a bootstrap that resamples forks, then "
                + "iterations within forks (" + s.resamples() + " resamples, seed " + s.seed() + "). "
                + "p_welch: Welch's t-test, p_mwu: Mann-Whitney U, both two-sided over all iterations; "
                + "p_adj: p_welch Holm-adjusted over the " + c.rows().size() + " rows. "
                + "`~`: p_adj not below " + Comparison.stripZeros(s.alpha()) + ". "
                + (s.noise() == null
                        ? "equivalent: CI within \u00b1" + NumberText.percent(s.threshold())
                                + "; faster/slower: CI excludes 1 and p_adj < " + Comparison.stripZeros(s.alpha()) + "."
                        : "equivalent: CI within each row's noise floor, measured on the A/A pair " + s.noise().source()
                                + " (the farther end of that row's A/A interval; up to \u00b1"
                                + NumberText.percent(s.noise().widest()) + "); faster/slower: CI clear of the whole"
                                + " band and p_adj < " + Comparison.stripZeros(s.alpha()) + "."));
        List<String> warnings = c.rows().stream()
                .flatMap(r -> r.warnings().stream().map(w -> cell(r.key().toString()) + ": " + w))
                .collect(Collectors.toList());
        warnings.addAll(c.warnings());
        if (!warnings.isEmpty()) {
            out.println();
            out.println("**Warnings**");
            out.println();
            warnings.forEach(w -> out.println("- " + w));
        }
        list(out, "Only in BASE (not compared)", c.onlyInBase());
        list(out, "Only in OTHER (not compared)", c.onlyInOther());
        out.println();
        out.println("**Quotable**");
        out.println();
        QuotableLine.all(c).forEach(line -> out.println("- `" + line + "`"));
    }

    private static void list(PrintWriter out, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        out.println("**" + title + "**");
        out.println();
        items.forEach(i -> out.println("- " + cell(i)));
    }

    private static void fileRow(PrintWriter out, String side, ResultFile f) {
        out.println("| " + side + " | " + cell(f.label()) + " | " + cell(f.jdkVersion()) + " | "
                + cell((f.vmName() + " " + f.vmVersion()).trim()) + " | " + cell(f.jmhVersion()) + " | "
                + f.digest() + " |");
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
