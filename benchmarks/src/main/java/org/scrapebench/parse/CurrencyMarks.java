package org.scrapebench.parse;

import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The currency symbols, local spellings and ISO codes that shops print beside a price. Spellings are matched as
 * written, in the capitalisations shops use ({@code zł}, {@code Zł}, {@code ZŁ}); ISO codes only in upper case, so
 * that words such as "all" or "top" are never read as currencies.
 */
final class CurrencyMarks {

    /** A currency as printed, with every ISO code it can stand for: a bare "$" is also how Canada prints CAD. */
    record Mark(String code, Set<String> codes) {

        static Mark of(String code, String... alsoUsedFor) {
            Set<String> codes = new LinkedHashSet<>();
            codes.add(code);
            codes.addAll(List.of(alsoUsedFor));
            return new Mark(code, Set.copyOf(codes));
        }

        boolean allows(String isoCode) {
            return codes.contains(isoCode);
        }
    }

    private static final Mark DOLLAR =
            Mark.of("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP");
    private static final Mark YEN = Mark.of("JPY", "CNY");
    private static final Mark KRONA = Mark.of("SEK", "NOK", "DKK", "ISK");
    private static final Mark RUBLE = Mark.of("RUB", "BYN");
    private static final Mark LEU = Mark.of("RON", "MDL");
    private static final Mark RUPEE = Mark.of("INR", "PKR", "LKR", "NPR");

    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    private static final Map<String, Mark> SPELLINGS = new HashMap<>();

    static {
        symbols(DOLLAR, "$");
        symbols(Mark.of("USD"), "US$");
        symbols(Mark.of("BRL"), "R$");
        symbols(Mark.of("CAD"), "C$", "CA$");
        symbols(Mark.of("AUD"), "A$", "AU$");
        symbols(Mark.of("NZD"), "NZ$");
        symbols(Mark.of("HKD"), "HK$");
        symbols(Mark.of("SGD"), "S$");
        symbols(Mark.of("MXN"), "MX$");
        symbols(Mark.of("TWD"), "NT$");
        symbols(Mark.of("DOP"), "RD$");
        symbols(Mark.of("EUR"), "€");
        words(Mark.of("EUR"), "euro", "euros");
        symbols(Mark.of("GBP"), "£");
        symbols(YEN, "¥", "￥");
        symbols(Mark.of("JPY"), "円");
        symbols(Mark.of("CNY"), "元", "RMB");
        symbols(Mark.of("INR"), "₹");
        symbols(RUPEE, "Rs", "Rs.");
        symbols(Mark.of("KRW"), "₩", "원");
        words(Mark.of("PLN"), "zł", "pln");
        symbols(KRONA, "kr", "kr.", "Kr", "Kr.");
        symbols(Mark.of("CZK"), "Kč");
        symbols(RUBLE, "₽", "р.", "р");
        words(RUBLE, "руб", "руб.", "рублей");
        symbols(Mark.of("UAH"), "₴");
        words(Mark.of("UAH"), "грн", "грн.");
        words(LEU, "lei");
        words(Mark.of("BGN"), "лв", "лв.");
        symbols(Mark.of("HUF"), "Ft");
        symbols(Mark.of("IDR"), "Rp", "Rp.");
        symbols(Mark.of("TRY"), "₺", "TL");
        symbols(Mark.of("MYR"), "RM");
        symbols(Mark.of("CHF"), "Fr.", "SFr.");
        symbols(Mark.of("PEN"), "S/", "S/.");
        symbols(Mark.of("ILS"), "₪");
        symbols(Mark.of("VND"), "₫", "đ");
        symbols(Mark.of("PHP"), "₱");
        symbols(Mark.of("THB"), "฿");
        symbols(Mark.of("KZT"), "₸");
        symbols(Mark.of("GEL"), "₾");
        symbols(Mark.of("NGN"), "₦");
    }

    private CurrencyMarks() {
    }

    /** Spellings matched exactly as given. */
    private static void symbols(Mark mark, String... spellings) {
        for (String spelling : spellings) {
            SPELLINGS.put(spelling, mark);
        }
    }

    /** Spellings matched in lower case, capitalised or upper case ({@code lei}, {@code Lei}, {@code LEI}). */
    private static void words(Mark mark, String... spellings) {
        for (String spelling : spellings) {
            SPELLINGS.put(spelling, mark);
            SPELLINGS.put(spelling.substring(0, 1).toUpperCase(Locale.ROOT) + spelling.substring(1), mark);
            SPELLINGS.put(spelling.toUpperCase(Locale.ROOT), mark);
        }
    }

    /** The mark a printed token stands for, or null if it is not a currency. */
    static Mark of(String token) {
        Mark spelled = SPELLINGS.get(token);
        if (spelled != null) {
            return spelled;
        }
        if (!ISO_CODE.matcher(token).matches()) {
            return null;
        }
        try {
            return Mark.of(Currency.getInstance(token).getCurrencyCode());
        } catch (IllegalArgumentException notACurrency) {
            return null;
        }
    }
}
