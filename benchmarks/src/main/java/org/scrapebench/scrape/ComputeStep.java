package org.scrapebench.scrape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional per-product CPU work that turns the job CPU-bound: {@code rounds} chained SHA-256
 * digests of the page, as a stand-in for the enrichment a real pipeline does (hashing for dedup,
 * text features). The digest is returned and checked, so the JIT cannot drop the work.
 */
public final class ComputeStep {

    private ComputeStep() {}

    /** 0 for no rounds; otherwise the first 8 bytes of the last digest. */
    public static long digest(String page, int rounds) {
        if (rounds <= 0) {
            return 0L;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        byte[] digest = new byte[0];
        for (int i = 0; i < rounds; i++) {
            Gil.checkpoint();
            sha.update(digest);
            digest = sha.digest(bytes);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }
}
