package org.scrapebench.scrape;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed request is repeated: at most {@code maxAttempts} requests,
 * exponential backoff from {@code baseDelay} capped at {@code maxDelay}, with full jitter so that
 * many clients retrying at once do not stampede. A server's {@code Retry-After} is honoured up to
 * {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(2));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} failed ones (attempt >= 1). */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long capMillis = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(capMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capMillis + 1));
    }
}
