package org.scrapebench.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;

/**
 * How to open a {@link PageSource}, in a form that crosses a process boundary: a worker process is
 * started with {@link #toArgs()} and opens its own source from them, as a process pool's
 * initializer would.
 */
public sealed interface PageSourceSpec {

    PageSource open();

    List<String> toArgs();

    /** Pages over HTTP, with these timeouts and retries. */
    record Http(HttpPageSource.Settings settings) implements PageSourceSpec {
        public Http {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public PageSource open() {
            return new HttpPageSource(settings);
        }

        @Override
        public List<String> toArgs() {
            return List.of("http",
                    Long.toString(settings.connectTimeout().toMillis()),
                    Long.toString(settings.requestTimeout().toMillis()),
                    Integer.toString(settings.retry().maxAttempts()),
                    Long.toString(settings.retry().baseDelay().toMillis()),
                    Long.toString(settings.retry().maxDelay().toMillis()),
                    Integer.toString(settings.maxRedirects()),
                    Double.toString(settings.rate()));
        }
    }

    /** The fixture catalog generated in memory from its spec (deterministic, so every process gets the same pages). */
    record Memory(CatalogSpec catalog) implements PageSourceSpec {
        public Memory {
            Objects.requireNonNull(catalog, "catalog");
        }

        @Override
        public PageSource open() {
            return InMemoryPageSource.of(Catalog.generate(catalog));
        }

        @Override
        public List<String> toArgs() {
            return List.of("memory",
                    Long.toString(catalog.seed()),
                    Integer.toString(catalog.products()),
                    Integer.toString(catalog.productsPerPage()),
                    Integer.toString(catalog.pageWeightKb()));
        }
    }

    static PageSourceSpec fromArgs(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no page source given");
        }
        try {
            switch (args.get(0)) {
                case "http":
                    requireCount(args, 8);
                    return new Http(new HttpPageSource.Settings(
                            Duration.ofMillis(Long.parseLong(args.get(1))),
                            Duration.ofMillis(Long.parseLong(args.get(2))),
                            new RetryPolicy(Integer.parseInt(args.get(3)),
                                    Duration.ofMillis(Long.parseLong(args.get(4))),
                                    Duration.ofMillis(Long.parseLong(args.get(5)))),
                            Integer.parseInt(args.get(6)),
                            Double.parseDouble(args.get(7))));
                case "memory":
                    requireCount(args, 5);
                    return new Memory(new CatalogSpec(Long.parseLong(args.get(1)), Integer.parseInt(args.get(2)),
                            Integer.parseInt(args.get(3)), Integer.parseInt(args.get(4))));
                default:
                    throw new IllegalArgumentException("unknown page source '" + args.get(0) + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed page source " + args + ": " + e.getMessage());
        }
    }

    private static void requireCount(List<String> args, int count) {
        if (args.size() != count) {
            throw new IllegalArgumentException("page source " + args.get(0) + " takes " + (count - 1)
                    + " values, got " + (args.size() - 1));
        }
    }
}
