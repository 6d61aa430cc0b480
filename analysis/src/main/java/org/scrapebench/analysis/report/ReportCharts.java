package org.scrapebench.analysis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Writes the report's charts as PNG (for the Markdown) and SVG (for papers)
 * into {@code RUN_DIR/charts/}. Every bar and point carries its error bar.
 */
public final class ReportCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    /** One series: values by category (bars) or by x (lines), each with its CI half-width. */
    public record Series(String name, List<Object> x, List<Double> y, List<Double> error) {
    }

    private final Path dir;
    private final boolean enabled;
    private final List<String> written = new ArrayList<>();
    private final Map<String, Integer> usedNames = new LinkedHashMap<>();

    public ReportCharts(Path dir, boolean enabled) {
        this.dir = dir;
        this.enabled = enabled;
    }

    public List<String> written() {
        return written;
    }

    /** Bars per category (every series has exactly these, in this order), one colour per series; returns the PNG's path relative to the report. */
    public String bars(String name, String title, String yTitle, List<String> categories, List<Series> series) {
        String file = uniqueName(name);
        if (!enabled) {
            return file;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("model").yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setOverlapped(false);
        for (Series s : series) {
            List<Double> err = s.error().stream().map(ReportCharts::finiteOrZero).toList();
            chart.addSeries(s.name(), categories, s.y(), err);
        }
        return save(chart, file);
    }

    /** Lines over a numeric x (the sweeps), one line per series, with error bars. */
    public String lines(String name, String title, String xTitle, String yTitle, List<Series> series) {
        String file = uniqueName(name);
        if (!enabled) {
            return file;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        for (Series s : series) {
            double[] x = s.x().stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            double[] y = s.y().stream().mapToDouble(Double::doubleValue).toArray();
            double[] err = s.error().stream().mapToDouble(ReportCharts::finiteOrZero).toArray();
            chart.addSeries(s.name(), x, y, err);
        }
        return save(chart, file);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setDecimalPattern("#,##0.###");
    }

    private String save(Chart<?, ?> chart, String file) {
        try {
            Files.createDirectories(dir);
            Path base = dir.resolve(file);
            BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.add(file);
        return file;
    }

    /** A file-safe, unique base name (no extension). */
    private String uniqueName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        int seen = usedNames.merge(safe, 1, Integer::sum);
        return seen == 1 ? safe : safe + "-" + seen;
    }

    private static double finiteOrZero(Double v) {
        return v == null || !Double.isFinite(v) ? 0.0 : v;
    }
}
