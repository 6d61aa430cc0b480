package org.scrapebench.scrape;

import java.net.URI;

/**
 * A fetched page.
 *
 * @param url      the URL asked for
 * @param finalUrl where the body came from after redirects; links on the page resolve against it
 * @param body     the decoded body
 * @param requests requests it took: 1 plus retries plus redirects followed
 */
public record Page(URI url, URI finalUrl, String body, int requests) {}
