package org.scrapebench.scrape;

import java.net.URI;
import java.util.Objects;

/** A page that could not be scraped: its URL, how many requests were made, and why it failed. */
public record Failure(URI url, int attempts, String reason) {
    public Failure {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line for a terminal or a log: {@code <url>: <reason> (<n> attempts)}. */
    public String describe() {
        return url + ": " + reason + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
    }
}
