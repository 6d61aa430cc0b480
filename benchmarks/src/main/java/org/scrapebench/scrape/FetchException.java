package org.scrapebench.scrape;

import java.net.URI;

/** A page that could not be fetched, after the retries the policy allows. */
public final class FetchException extends Exception {
    private final URI url;
    private final int requests;

    public FetchException(URI url, int requests, String reason) {
        super(reason);
        this.url = url;
        this.requests = requests;
    }

    public URI url() {
        return url;
    }

    public int requests() {
        return requests;
    }

    public Failure toFailure() {
        return new Failure(url, requests, getMessage());
    }
}
