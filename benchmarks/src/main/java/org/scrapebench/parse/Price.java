package org.scrapebench.parse;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact price.
 *
 * @param amount   never negative; scale at least the currency's default fraction digits
 * @param currency ISO 4217 code, upper case
 */
public record Price(BigDecimal amount, String currency) {

    public Price {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
