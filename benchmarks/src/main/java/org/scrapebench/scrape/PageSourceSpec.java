package org.scrapebench.scrape;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;

/**
 * How to open a {@link PageSource}, in a form that crosses a process boundary as part of
 * {@link ScrapeSettings#toJson}: a worker process or a cluster member opens its own source from it,
 * as a process pool's initializer would.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = PageSourceSpec.Http.class, name = "http"),
        @JsonSubTypes.Type(value = PageSourceSpec.Memory.class, name = "memory")})
public sealed interface PageSourceSpec {

    PageSource open();

    /** Pages over HTTP, with these timeouts, retries and rate. */
    record Http(HttpPageSource.Settings settings) implements PageSourceSpec {
        public Http {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public PageSource open() {
            return new HttpPageSource(settings);
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
    }
}
