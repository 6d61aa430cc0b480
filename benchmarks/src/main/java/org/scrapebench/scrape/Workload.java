package org.scrapebench.scrape;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.scrapebench.parse.CategoryPage;
import org.scrapebench.parse.CategoryPageParser;
import org.scrapebench.parse.PageParseException;
import org.scrapebench.parse.ProductPage;
import org.scrapebench.parse.ProductPageParser;

/**
 * The scraping job itself, the same for every model: walk the category pages, and for each product
 * URL fetch, parse and compute. Models differ only in how they spread {@link #scrapeProduct} over
 * threads or processes. Thread-safe; one per model instance, closed with it.
 */
public final class Workload implements AutoCloseable {

    /** A safety net against a site whose rel=next chain never ends. */
    static final int MAX_CATEGORY_PAGES = 100_000;

    private final ScrapeSettings settings;
    private final PageSource source;
    private final CategoryPageParser categoryParser;
    private final ProductPageParser productParser = new ProductPageParser();
    private final Gil gil;

    public Workload(ScrapeSettings settings) {
        this(settings, settings.source().open());
    }

    /** The job over pages from {@code source} (a transport of the model's own), closed with the workload. */
    public Workload(ScrapeSettings settings, PageSource source) {
        this.settings = settings;
        this.gil = Gil.of(settings.gil());
        this.source = GilHeldSource.of(source, gil);
        try {
            this.categoryParser = settings.productLinkSelector() == null
                    ? new CategoryPageParser()
                    : new CategoryPageParser(settings.productLinkSelector());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The lock CPU work holds in this process when the GIL switch is on. */
    public Gil gil() {
        return gil;
    }

    public ScrapeSettings settings() {
        return settings;
    }

    public PageSource source() {
        return source;
    }

    /** What walking the category chain cost, and the page that stopped it early, if any. */
    public record Walk(int pages, long requests, Failure failure) {}

    /**
     * Walks the rel=next chain from {@code start}, handing each page's new product URLs (in page
     * order, never one twice) to {@code onProducts} as soon as the page is parsed, so that
     * product fetches overlap the rest of the walk.
     */
    public Walk walk(URI start, Consumer<List<URI>> onProducts) throws InterruptedException {
        ChainState chain = new ChainState(start);
        URI next = start;
        while (next != null) {
            Page page;
            try {
                page = source.fetch(next);
            } catch (FetchException e) {
                return chain.failed(e.toFailure());
            }
            try {
                next = chain.accept(page, parseCategory(page), onProducts);
            } catch (PageParseException e) {
                return chain.failed(new Failure(next, page.requests(), e.getMessage()));
            }
        }
        return chain.finished();
    }

    /** Parses a category page, holding the GIL when it is on. */
    private CategoryPage parseCategory(Page page) throws PageParseException {
        ParsedOrError parsed = gil.run(() -> {
            try {
                return new ParsedOrError(categoryParser.parse(page.finalUrl(), page.body()), null);
            } catch (PageParseException e) {
                return new ParsedOrError(null, e);
            }
        });
        if (parsed.error() != null) {
            throw parsed.error();
        }
        return parsed.page();
    }

    private record ParsedOrError(CategoryPage page, PageParseException error) {}

    /** The same walk without blocking: each page is fetched asynchronously and parsed on {@code parseExecutor}. */
    public CompletableFuture<Walk> walkAsync(URI start, Consumer<List<URI>> onProducts, Executor parseExecutor) {
        return walkAsync(new ChainState(start), start, onProducts, parseExecutor);
    }

    private CompletableFuture<Walk> walkAsync(ChainState chain, URI url, Consumer<List<URI>> onProducts, Executor parseExecutor) {
        return source.fetchAsync(url)
                .thenApplyAsync(page -> {
                    try {
                        return chain.accept(page, parseCategory(page), onProducts);
                    } catch (PageParseException e) {
                        throw new CompletionException(new FetchException(url, page.requests(), e.getMessage()));
                    }
                }, parseExecutor)
                .handle((next, error) -> {
                    if (error != null) {
                        Throwable cause = unwrap(error);
                        Failure failure = cause instanceof FetchException fe
                                ? fe.toFailure()
                                : new Failure(url, 1, "internal error: " + cause);
                        return CompletableFuture.completedFuture(chain.failed(failure));
                    }
                    return next == null
                            ? CompletableFuture.completedFuture(chain.finished())
                            : walkAsync(chain, next, onProducts, parseExecutor);
                })
                .thenCompose(f -> f);
    }

    /** The walk's bookkeeping; touched by one thread at a time (each step happens-before the next). */
    private static final class ChainState {
        final Set<URI> visitedPages = new HashSet<>();
        final Set<URI> seenProducts = new HashSet<>();
        int pages;
        long requests;

        ChainState(URI start) {
            visitedPages.add(start);
        }

        /** Hands on the page's new products; returns the next page to visit, or null at the end. */
        URI accept(Page page, CategoryPage parsed, Consumer<List<URI>> onProducts) {
            pages++;
            requests += page.requests();
            List<URI> fresh = new ArrayList<>();
            for (URI product : parsed.productUrls()) {
                if (seenProducts.add(product)) {
                    fresh.add(product);
                }
            }
            if (!fresh.isEmpty()) {
                onProducts.accept(fresh);
            }
            URI next = parsed.nextPage().orElse(null);
            // A chain that loops back has been walked completely.
            if (next == null || !visitedPages.add(next) || pages >= MAX_CATEGORY_PAGES) {
                return null;
            }
            return next;
        }

        Walk failed(Failure failure) {
            return new Walk(pages + 1, requests + failure.attempts(), failure);
        }

        Walk finished() {
            return new Walk(pages, requests, null);
        }
    }

    /** Fetches, parses and computes one product, blocking the calling thread. Never throws but for interrupts. */
    public ProductOutcome scrapeProduct(URI url) throws InterruptedException {
        try {
            return fromPage(source.fetch(url));
        } catch (FetchException e) {
            return ProductOutcome.failed(e.toFailure());
        }
    }

    /** Parses and computes a fetched product page (holding the GIL when it is on). */
    public ProductOutcome fromPage(Page page) {
        return gil.run(() -> parseAndCompute(page));
    }

    private ProductOutcome parseAndCompute(Page page) {
        try {
            ProductPage parsed = productParser.parse(page.finalUrl(), page.body());
            Gil.checkpoint();
            long digest = ComputeStep.digest(page.body(), settings.computeRounds());
            Product product = new Product(page.url(), parsed.name(), parsed.price().amount(), parsed.price().currency());
            return ProductOutcome.scraped(product, page.requests(), digest);
        } catch (PageParseException e) {
            return ProductOutcome.failed(new Failure(page.url(), page.requests(), e.getMessage()));
        }
    }

    /** The outcome for a product whose asynchronous scrape ended in {@code error}. */
    public static ProductOutcome fromError(URI url, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof FetchException fe) {
            return ProductOutcome.failed(fe.toFailure());
        }
        if (cause instanceof CancellationException) {
            return ProductOutcome.failed(new Failure(url, 0, "cancelled"));
        }
        return ProductOutcome.failed(new Failure(url, 1, "internal error: " + cause));
    }

    /**
     * Waits for every product future in order; on interrupt cancels the rest and rethrows, so that
     * no task outlives the call.
     */
    public static List<ProductOutcome> awaitAll(List<URI> urls, List<? extends Future<ProductOutcome>> futures)
            throws InterruptedException {
        List<ProductOutcome> outcomes = new ArrayList<>(futures.size());
        try {
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException | CancellationException e) {
                    outcomes.add(fromError(urls.get(i), e));
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return outcomes;
    }

    /**
     * Once the walk has handed out every product and each product's future is done: the result,
     * as {@link #assemble}. For the asynchronous models, whose walk completes before its products.
     */
    public static CompletableFuture<ScrapeResult> assembleWhenDone(Walk walk,
                                                                   List<CompletableFuture<ProductOutcome>> products) {
        return CompletableFuture.allOf(products.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ProductOutcome> outcomes = new ArrayList<>(products.size());
            products.forEach(p -> outcomes.add(p.join()));
            return assemble(walk, outcomes);
        });
    }

    /** The result of a scrape: products in category order, then failures (the category page's first). */
    public static ScrapeResult assemble(Walk walk, List<ProductOutcome> outcomes) {
        List<Product> products = new ArrayList<>(outcomes.size());
        List<Failure> failures = new ArrayList<>();
        if (walk.failure() != null) {
            failures.add(walk.failure());
        }
        long requests = walk.requests();
        long digest = 0;
        Set<URI> urls = new LinkedHashSet<>();
        for (ProductOutcome outcome : outcomes) {
            urls.add(outcome.url());
            requests += outcome.requests();
            digest += outcome.computeDigest();
            if (outcome.succeeded()) {
                products.add(outcome.product());
            } else {
                failures.add(outcome.failure());
            }
        }
        if (urls.size() != outcomes.size()) {
            throw new IllegalStateException("a product was scraped twice: " + outcomes.size() + " outcomes for "
                    + urls.size() + " URLs");
        }
        return new ScrapeResult(products, failures, requests, walk.pages() + outcomes.size(), digest);
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        source.close();
    }
}
