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

    /** What real shops print around one price: local currency spellings, footnotes, labels, tax notes. */
    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            171900 руб.            | 171900.00  | RUB
            1 030 р.               | 1030.00    | RUB
            3 100р.                | 3100.00    | RUB
            2 285,81 грн.          | 2285.81    | UAH
            145,00 lei             | 145.00     | RON
            99 LEI                 | 99.00      | RON
            21,00 Lei              | 21.00      | RON
            Rp 1.550.000           | 1550000.00 | IDR
            230 лв.                | 230.00     | BGN
            9 472 Ft               | 9472.00    | HUF
            1.727 Ft               | 1727.00    | HUF
            10,75 TL               | 10.75      | TRY
            RM50                   | 50.00      | MYR
            3,980円                | 3980       | JPY
            45,000원               | 45000      | KRW
            NT$ 1,160              | 1160.00    | TWD
            530,42 Zł              | 530.42     | PLN
            140,00 pln             | 140.00     | PLN
            749,00 euro            | 749.00     | EUR
            Rs1,599.00             | 1599.00    | INR
            199.90 Fr.             | 199.90     | CHF
            SGD$4.90               | 4.90       | SGD
            34,50 € *              | 34.50      | EUR
            €30,40 **              | 30.40      | EUR
            CHF 47.00 *            | 47.00      | CHF
            1.899,- €              | 1899.00    | EUR
            50,- Kč                | 50.00      | CZK
            CHF 1'299.-            | 1299.00    | CHF
            Our Price: $149.95     | 149.95     | USD
            Cena 283,50 PLN        | 283.50     | PLN
            Price: £45.00          | 45.00      | GBP
            Preis: 12,99 €         | 12.99      | EUR
            Цена: 19 000 руб.      | 19000.00   | RUB
            Sale Price: $4.59      | 4.59       | USD
            naše cena 250,00 Kč    | 250.00     | CZK
            790,00 € HT            | 790.00     | EUR
            184,20 €HT             | 184.20     | EUR
            €6.56 + VAT            | 6.56       | EUR
            12.50 € ex VAT         | 12.50      | EUR
            24,95 € inkl. MwSt.    | 24.95      | EUR
            £25.00 (tax incl.)     | 25.00      | GBP
            166,81 € iva inclusa   | 166.81     | EUR
            31,07 € (bez DPH)      | 31.07      | EUR
            Cena: 55,72 zł brutto  | 55.72      | PLN
            $119. 95               | 119.95     | USD
            € 1 249,               | 1249.00    | EUR
            349, €                 | 349.00     | EUR
            Preis: 89, €           | 89.00      | EUR
            ": 1 890 000 €"        | 1890000.00 | EUR
            ":  79,90 zł"          | 79.90      | PLN
            " : $12.40"            | 12.40      | USD
            1.837, 32 €            | 1837.32    | EUR
            1.500 KWD              | 1.500      | KWD
            KWD 1,250.500          | 1250.500   | KWD
            BHD 3.250              | 3.250      | BHD
            OMR 12                 | 12.000     | OMR
            """)
    void parsesWhatRealShopsPrintAroundAPrice(String text, String amount, String currency)
            throws PageParseException {
        assertEquals(new Price(new BigDecimal(amount), currency), PriceParser.parse(text, null));
    }

    /** Ranges, "from" prices, old/new pairs and per-period prices are never read as one price. */
    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"$10 - $20", "$10–$20", "841,00 zł – 995,00 zł", "£6.95 - £9.95", "From 26 to 50 €",
            "from £12.00", "From: $14.97", "ab 12,99 €", "Vanaf € 49.95", "A partir de 11,70 €", "od 49 zł",
            "от 1 990 руб.", "Pris från 172 kr", "desde $199", "Was $59.99 Now $39.99", "49,99 € statt 69,99 €",
            "R$ 139,99 R$ 135,99", "Regular price $40.00 Sale price $30.00", "3200 руб. 1500 руб.",
            "Běžná cena 9 800 Kč", "129,00 € (-15%)", "$29.99/mo", "€12,99 / Monat", "19,99 € pro Monat",
            "Price: $15.95/mo", "Unit price $4.99 / kg", "$426.20/EA", "1 690,54 руб. (шт)", "12,50,- €",
            ": ab 12,99 €", ": od 49 zł", ": $10 - $20", ":: 5 €", "€ 10, € 20", "€ 49,/Monat"})
    void refusesRangesFromPricesPairsAndPerPeriodPrices(String text) {
        assertThrows(PageParseException.class, () -> PriceParser.parse(text, null));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' hint {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            call us              | USD  | unparseable price 'call us'
            from $10             |      | unparseable price 'from $10'
            $10 - $20            |      | unparseable price '$10 - $20'
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
            "1,500 KWD"          |      | ambiguous decimal separator in price '1,500 KWD'
            12,5,-               | EUR  | bad digit grouping in price '12,5,-'
            "12,50, €"           |      | bad digit grouping in price '12,50, €'
            "1,234, €"           |      | bad digit grouping in price '1,234, €'
            "1,234,-"            | EUR  | bad digit grouping in price '1,234,-'
            CHF 1.299.-          |      | bad digit grouping in price 'CHF 1.299.-'
            € 610.               |      | unparseable price '€ 610.'
            "€ 610, 5"           |      | bad digit grouping in price '€ 610, 5'
            ": 610"              |      | no currency in price ': 610'
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
