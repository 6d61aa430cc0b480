package org.scrapebench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceParserTest {

    // BigDecimal.equals compares scale too, so "5.00" and "5" differ here on purpose.
    @ParameterizedTest(name = "[{index}] ''{0}'' hint {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1234.56              | USD  | 1234.56       | USD
            1234                 | EUR  | 1234.00       | EUR
            0.99                 | USD  | 0.99          | USD
            $1,234.56            |      | 1234.56       | USD
            US$ 1,234.56         |      | 1234.56       | USD
            R$ 1.234,56          |      | 1234.56       | BRL
            1 234,56 €           |      | 1234.56       | EUR
            1\u00A0234,56\u00A0€ |      | 1234.56       | EUR
            1\u202F234,56 €      |      | 1234.56       | EUR
            1.234.567,89 €       |      | 1234567.89    | EUR
            1 234 567 ₽          |      | 1234567.00    | RUB
            1 234.5 CHF          |      | 1234.50       | CHF
            €1.234,56            |      | 1234.56       | EUR
            12,50€               |      | 12.50         | EUR
            ¥1,234               |      | 1234          | JPY
            ￥1,234              |      | 1234          | JPY
            ¥1,234.00            |      | 1234          | JPY
            £1,234.56            |      | 1234.56       | GBP
            1,234.56 USD         |      | 1234.56       | USD
            USD1234.56           |      | 1234.56       | USD
            $1,234.56 USD        |      | 1234.56       | USD
            CHF 1'234.50         |      | 1234.50       | CHF
            CHF 1’234.50         |      | 1234.50       | CHF
            12,5                 | EUR  | 12.50         | EUR
            1,234                | USD  | 1234.00       | USD
            1.234                | EUR  | 1234.00       | EUR
            0.125                | USD  | 0.125         | USD
            0,123 €              |      | 0.123         | EUR
            $5                   |      | 5.00          | USD
            $5.000               |      | 5000.00       | USD
            $5.10                |      | 5.10          | USD
            $5.100,00            |      | 5100.00       | USD
            $1,234.5678          |      | 1234.5678     | USD
            $0                   |      | 0.00          | USD
            $12,345,678,901,234.99 |    | 12345678901234.99 | USD
            C$ 12.99             |      | 12.99         | CAD
            CA$12.99             |      | 12.99         | CAD
            A$12.99              |      | 12.99         | AUD
            AU$ 12.99            |      | 12.99         | AUD
            $ 5 CAD              |      | 5.00          | CAD
            $12.99               | CAD  | 12.99         | CAD
            ¥99                  | CNY  | 99.00         | CNY
            ₹1,23,456.00         |      | 123456.00     | INR
            ₹123,456             |      | 123456.00     | INR
            ₩12,000              |      | 12000         | KRW
            12,50 zł             |      | 12.50         | PLN
            129 kr               |      | 129.00        | SEK
            129 kr               | NOK  | 129.00        | NOK
            € 12.50              | eur  | 12.50         | EUR
            12,50                | €    | 12.50         | EUR
            "  $ 7.10  "         |      | 7.10          | USD
            """)
    void parsesPrintedPrices(String text, String hint, String amount, String currency) throws PageParseException {
        Price price = PriceParser.parse(text, hint);

        assertEquals(new Price(new BigDecimal(amount), currency), price);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' hint {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            call us              | USD  | unparseable price 'call us'
            from $10             |      | unparseable price 'from $10'
            $10 - $20            |      | unparseable price '$10 - $20'
            12.50 ex VAT         | EUR  | unparseable price '12.50 ex VAT'
            5 ABC                |      | unparseable price '5 ABC'
            5 all                |      | unparseable price '5 all'
            12.                  | USD  | unparseable price '12.'
            -5.00                | USD  | negative price '-5.00'
            -$5                  |      | negative price '-$5'
            $-5                  |      | negative price '$-5'
            −5 €                 |      | negative price '−5 €'
            1,23,4               | USD  | bad digit grouping in price '1,23,4'
            1234,567             | EUR  | bad digit grouping in price '1234,567'
            "1,,234"             | USD  | bad digit grouping in price '1,,234'
            1.234,56.78          | EUR  | bad digit grouping in price '1.234,56.78'
            1 234'567            | CHF  | bad digit grouping in price '1 234'567'
            0,123,456 €          |      | bad digit grouping in price '0,123,456 €'
            "1,234.5,6"          | USD  | bad digit grouping in price '1,234.5,6'
            "1,23,456.00"        | USD  | bad digit grouping in price '1,23,456.00'
            1234.56              |      | no currency in price '1234.56'
            12,5                 |      | no currency in price '12,5'
            $5                   | EUR  | currency mismatch: markup says EUR but price '$5' says USD
            R$ 5                 | USD  | currency mismatch: markup says USD but price 'R$ 5' says BRL
            €5 USD               |      | conflicting currencies in price '€5 USD'
            12.50                | XYZ  | unknown currency 'XYZ'
            12.50                | dollars | unknown currency 'dollars'
            """)
    void rejectsWhatItCannotReadExactly(String text, String hint, String message) {
        PageParseException failure = assertThrows(PageParseException.class, () -> PriceParser.parse(text, hint));

        assertEquals(message, failure.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\u00A0\t"})
    void rejectsEmptyText(String text) {
        PageParseException failure = assertThrows(PageParseException.class, () -> PriceParser.parse(text, "USD"));

        assertEquals("empty price", failure.getMessage());
    }

    @ParameterizedTest(name = "[{index}] markup ''{0}'' {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.234     | EUR | 1.234
            1234.5    | USD | 1234.50
            1234      | JPY | 1234
            19.99     | usd | 19.99
            1.234,56  | EUR | 1234.56
            €1.234,56 | EUR | 1234.56
            """)
    void readsMarkupValuesAsSchemaOrgPlainDecimals(String value, String currency, String amount)
            throws PageParseException {
        Price price = PriceParser.parseMarkupValue(value, currency);

        assertEquals(new BigDecimal(amount), price.amount());
        assertEquals(currency.toUpperCase(java.util.Locale.ROOT), price.currency());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12.00 |     | no currency for price '12.00'
            -5    | USD | negative price '-5'
            n/a   | USD | unparseable price 'n/a'
            """)
    void rejectsBadMarkupValues(String value, String currency, String message) {
        PageParseException failure =
                assertThrows(PageParseException.class, () -> PriceParser.parseMarkupValue(value, currency));

        assertEquals(message, failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"call\nus   now", "x"})
    void quotesPageTextOnOneShortLine(String text) {
        PageParseException failure = assertThrows(PageParseException.class,
                () -> PriceParser.parse(text + " " + "y".repeat(200), "USD"));

        assertEquals(false, failure.getMessage().contains("\n"));
        assertEquals(true, failure.getMessage().length() < 100, failure.getMessage());
    }
}
