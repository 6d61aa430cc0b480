package org.scrapebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scrapebench.fixtures.Catalog;
import org.scrapebench.fixtures.CatalogSpec;
import org.scrapebench.fixtures.ExpectedFailure;
import org.scrapebench.fixtures.ExpectedProduct;
import org.scrapebench.fixtures.FaultProfile;
import org.scrapebench.fixtures.FixtureSite;
import org.scrapebench.fixtures.LatencyProfile;
import org.scrapebench.models.Model;

class ScrapeCliTest {

    private static FixtureSite site;

    @BeforeAll
    static void startSite() {
        site = FixtureSite.start(Catalog.generate(new CatalogSpec(21, 23, 10, 2)), LatencyProfile.parse("none"));
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScrapeCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsEveryProductAsRfc4180CsvInCategoryOrder() {
        Run run = run(site.categoryUrl().toString(), "--model", "FIXED_THREAD_POOL", "--concurrency", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<List<String>> rows = Rfc4180.parse(run.out());
        assertEquals(List.of("url", "name", "price", "currency"), rows.get(0));
        List<ExpectedProduct> expected = site.catalog().expected();
        assertEquals(expected.size() + 1, rows.size());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedProduct want = expected.get(i);
            assertEquals(List.of(site.url(want.path()).toString(), want.name(), want.price().toPlainString(),
                    want.currency()), rows.get(i + 1));
        }
    }

    @Test
    void printsJsonWithExactDecimalPrices() throws Exception {
        Run run = run(site.categoryUrl().toString(), "--model", "serial", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertTrue(root.get("complete").asBoolean());
        List<ExpectedProduct> expected = site.catalog().expected();
        assertEquals(expected.size(), root.get("products").size());
        JsonNode first = root.get("products").get(0);
        assertEquals(expected.get(0).name(), first.get("name").asText());
        assertEquals(expected.get(0).price().toPlainString(), first.get("price").asText());
        assertEquals(0, root.get("failures").size());
    }

    @Test
    void aRateLimitedRunStillScrapesEveryProduct() {
        Run run = run(site.categoryUrl().toString(), "--model", "WORKER_PROCESSES", "--processes", "2", "--rate", "40");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(site.catalog().expected().size() + 1, Rfc4180.parse(run.out()).size());
    }

    @Test
    void helpListsEveryModelWithItsSummary() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        for (Model model : Model.values()) {
            assertTrue(run.out().contains(model.name() + " "), model.name());
            assertTrue(run.out().contains(model.summary()), model.summary());
        }
    }

    @Test
    void aFailedPageGivesExitOneAndOneLinePerFailure() {
        Run run = run(site.url("/missing/category").toString(), "--model", "SERIAL");
        assertEquals(1, run.exitCode());
        assertEquals("url,name,price,currency\r\n", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run.err());
        assertEquals("failed: " + site.url("/missing/category") + ": HTTP 404 (1 attempt)", lines.get(0));
        assertTrue(lines.get(1).startsWith("scrape: incomplete: 0 products scraped, 1 pages failed"), lines.get(1));
    }

    /**
     * Each permanent fault kind: exit 1, the products that could be scraped on stdout, and on stderr
     * one {@code failed: <url>: <reason> (<n> attempts)} line per failed page, then the summary.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http404", "http410", "http500-always", "reset-always", "hang", "truncated",
        "missing-price", "garbage-price", "redirect-loop", "redirect-offsite"})
    void eachFailureKindGivesExitOneAndOneLinePerFailedPage(String kind) {
        try (FixtureSite faulty = FixtureSite.start(Catalog.generate(new CatalogSpec(21, 10, 10, 1)),
                LatencyProfile.parse("none"), FaultProfile.parse("kind:" + kind + ":20"))) {
            // --timeout 1 --retries 1: a hanging page costs 2 s, not the default 30
            Run run = run(faulty.categoryUrl().toString(), "--model", "FIXED_THREAD_POOL", "--concurrency", "4",
                    "--timeout", "1", "--retries", "1");
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(faulty.expectedProducts().size() + 1, Rfc4180.parse(run.out()).size(), run.out());
            List<String> lines = run.err().lines().toList();
            List<ExpectedFailure> expected = faulty.expectedFailures();
            assertEquals(2, expected.size());
            assertEquals(expected.size() + 1, lines.size(), run.err());
            for (int i = 0; i < expected.size(); i++) {
                ExpectedFailure want = expected.get(i);
                String prefix = "failed: " + faulty.url(want.path()) + ": ";
                String line = lines.get(i);
                assertTrue(line.startsWith(prefix), line);
                String rest = line.substring(prefix.length());
                String reason = rest.substring(0, rest.lastIndexOf(" ("));
                assertTrue(want.matches(reason), () -> line + " should match " + want.reasonPattern());
                assertTrue(rest.matches(".* \\(\\d+ attempts?\\)"), line);
            }
            assertEquals("scrape: incomplete: 8 products scraped, 2 pages failed", lines.get(2));
        }
    }

    @Test
    void transientFaultsAreRetriedAwayAndExitZero() {
        try (FixtureSite faulty = FixtureSite.start(Catalog.generate(new CatalogSpec(21, 14, 10, 1)),
                LatencyProfile.parse("none"), FaultProfile.parse("transient:50"))) {
            Run run = run(faulty.categoryUrl().toString(), "--model", "COMPLETABLE_FUTURE");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("", run.err());
            assertEquals(15, Rfc4180.parse(run.out()).size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "URL|--model|NO_SUCH_MODEL",
        "ftp://example.com/c|--model|SERIAL",
        "not a url|--model|SERIAL",
        "/relative/path|--model|SERIAL",
        "URL|--model|FIXED_THREAD_POOL|--concurrency|0",
        "URL|--model|FIXED_THREAD_POOL|--concurrency|-3",
        "URL|--model|SERIAL|--format|xml",
        "URL",
        "URL|--model|SERIAL|--timeout|0",
        "URL|--model|SERIAL|--no-such-option",
        "URL|--model|SERIAL|--retries|-1",
        "URL|--model|WORKER_PROCESSES|--processes|0",
        "URL|--model|SERIAL|--rate|-1",
        "URL|--model|SERIAL|--rate|NaN",
        "URL|--model|SERIAL|--rate|fast",
        "URL|--model|DISTRIBUTED|--members|0",
        "URL|--model|DISTRIBUTED|--cluster|127.0.0.1:5701",
        "URL|--model|FIXED_THREAD_POOL|--gil|maybe",
        "mailto:shop@example.com|--model|SERIAL",
        "http://|--model|SERIAL",
    })
    void badArgumentsGiveOneClearLineAndExitTwo(String argLine) {
        String[] args = argLine.replace("URL", site.categoryUrl().toString()).split("\\|");
        Run run = run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("scrape: "), lines.get(0));
        assertFalse(run.err().contains("Exception"), run.err());
    }

    /** A small RFC 4180 reader, so the test checks the quoting rather than trusting it. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new java.util.ArrayList<>();
            List<String> row = new java.util.ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new java.util.ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}
