package org.scrapebench.bench;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.models.Model;
import org.scrapebench.scrape.HttpPageSource;
import org.scrapebench.scrape.PageSourceSpec;
import org.scrapebench.scrape.ScrapeSettings;

/**
 * A benchmark row's params as JMH records them (name to text), and what they mean: the one way from
 * the {@code @Param} fields to a trial's settings. The benchmark reads its own fields through it in
 * its fork, and the runner reads the params JMH recorded through it when it describes the row in
 * {@code environment.json}, so the two cannot disagree. A knob a regime does not declare has its
 * neutral value (no rate, no compute, one per core).
 *
 * <p>A row with a {@code latency} param fetches over HTTP from a fixture site; one without reads
 * the catalog from memory (the CPU-bound regimes).
 */
public record RowParams(Map<String, String> values) {

    public RowParams {
        values = Map.copyOf(values);
    }

    /** The values of {@code benchmark}'s {@code @Param} fields; a field a subclass declares again wins. */
    public static RowParams of(Object benchmark) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Class<?> c = benchmark.getClass(); c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Param.class) && !values.containsKey(field.getName())) {
                    try {
                        Object value = field.get(benchmark);
                        values.put(field.getName(), value instanceof Enum<?> e ? e.name() : String.valueOf(value));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("@Param " + field + " is not public", e);
                    }
                }
            }
        }
        return new RowParams(values);
    }

    public Model model() {
        return Model.valueOf(text("model"));
    }

    /** Whether the row fetches over HTTP (it has a latency) rather than reading the catalog from memory. */
    public boolean overHttp() {
        return values.containsKey("latency");
    }

    public CatalogSpec catalog() {
        return new CatalogSpec(ScrapeTrial.SEED, number("products", 0), number("productsPerPage", 1), number("pageKb", 0));
    }

    /** The settings the row's model is made with. */
    public ScrapeSettings settings() {
        PageSourceSpec source = overHttp()
                ? new PageSourceSpec.Http(HttpPageSource.Settings.DEFAULT)
                : new PageSourceSpec.Memory(catalog());
        return ScrapeSettings.builder(source)
                .concurrency(number("concurrency", 0))
                .computeRounds(number("computeRounds", 0))
                .gil(onOff("gil"))
                .rate(number("rate", 0))
                .queueCapacity(number("queueCapacity", 0))
                .parseWorkers(number("parseWorkers", 0))
                .processes(number("processes", 0))
                .members(number("members", 0))
                .clusterMembers(values.get("clusterMembers"))
                .build();
    }

    /** The fixture site of a row over HTTP. */
    public ScrapeTrial.Site site() {
        return new ScrapeTrial.Site(catalog(), text("latency"), values.getOrDefault("faults", "none"),
                values.getOrDefault("siteUrl", ""), number("serverWarmUpSeconds", 0));
    }

    /** Seconds the trial runs the job before JMH's warm-up when the model starts JVMs of its own. */
    public int childJvmWarmUpSeconds() {
        return number("childJvmWarmUpSeconds", 0);
    }

    private String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the row has no " + name + " param");
        }
        return value;
    }

    private int number(String name, int neutral) {
        String value = values.get(name);
        if (value == null) {
            return neutral;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private boolean onOff(String name) {
        String value = values.getOrDefault(name, "off");
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, was '" + value + "'");
        };
    }
}
