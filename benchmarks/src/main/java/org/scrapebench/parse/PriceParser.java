package org.scrapebench.parse;

import static org.scrapebench.parse.PageParseException.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses prices as shops print them ({@code R$ 1.234,56}, {@code 1 234,56 €}, {@code ¥1,234}) or give them in
 * markup, to an exact decimal and an ISO 4217 code. A wrong number is worse than a reported failure, so the text must
 * be exactly one number plus currency symbols or codes; anything else ("from $10", "$10 - $20") is refused.
 *
 * <p>Separators: with both '.' and ',' the last one is the decimal point; beside space or apostrophe grouping, the
 * '.' or ',' is the decimal point; a repeated one groups; a single one followed by exactly three digits groups
 * ({@code 1,234} and {@code 1.234} are 1234) unless the integer part is 0 ({@code 0.125}); otherwise a single one is
 * the decimal point ({@code 12,5}). Groups must be of three digits (Indian lakh grouping is also accepted for INR).
 *
 * <p>Currency: the hint when given, and any printed currency must agree with it ({@code $} agrees with CAD, AUD and
 * other dollars; {@code ¥} with CNY; {@code kr} with SEK, NOK, DKK); otherwise the printed one; none is an error.
 *
 * <p>Scale: at least the currency's minor units ({@code $5} is 5.00, {@code ¥1,234} is 1234); extra digits that are
 * not zero are kept, never rounded.
 */
public final class PriceParser {

    /** A currency as printed, with every ISO code it can stand for: a bare "$" is also how Canada prints CAD. */
    private record CurrencyMark(String code, Set<String> codes) {

        static CurrencyMark of(String code, String... alsoUsedFor) {
            Set<String> codes = new LinkedHashSet<>();
            codes.add(code);
            codes.addAll(List.of(alsoUsedFor));
            return new CurrencyMark(code, Set.copyOf(codes));
        }

        boolean allows(String isoCode) {
            return codes.contains(isoCode);
        }
    }

    private static final CurrencyMark DOLLAR =
            CurrencyMark.of("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP");
    private static final CurrencyMark YEN = CurrencyMark.of("JPY", "CNY");
    private static final CurrencyMark KRONA = CurrencyMark.of("SEK", "NOK", "DKK", "ISK");

    private static final Map<String, CurrencyMark> SYMBOLS = Map.ofEntries(
            Map.entry("$", DOLLAR),
            Map.entry("US$", CurrencyMark.of("USD")),
            Map.entry("R$", CurrencyMark.of("BRL")),
            Map.entry("C$", CurrencyMark.of("CAD")),
            Map.entry("CA$", CurrencyMark.of("CAD")),
            Map.entry("A$", CurrencyMark.of("AUD")),
            Map.entry("AU$", CurrencyMark.of("AUD")),
            Map.entry("NZ$", CurrencyMark.of("NZD")),
            Map.entry("HK$", CurrencyMark.of("HKD")),
            Map.entry("S$", CurrencyMark.of("SGD")),
            Map.entry("MX$", CurrencyMark.of("MXN")),
            Map.entry("€", CurrencyMark.of("EUR")),
            Map.entry("£", CurrencyMark.of("GBP")),
            Map.entry("¥", YEN),
            Map.entry("￥", YEN),
            Map.entry("₹", CurrencyMark.of("INR")),
            Map.entry("₩", CurrencyMark.of("KRW")),
            Map.entry("zł", CurrencyMark.of("PLN")),
            Map.entry("kr", KRONA),
            Map.entry("kr.", KRONA),
            Map.entry("Kč", CurrencyMark.of("CZK")),
            Map.entry("₽", CurrencyMark.of("RUB")),
            Map.entry("₺", CurrencyMark.of("TRY")),
            Map.entry("₪", CurrencyMark.of("ILS")),
            Map.entry("₫", CurrencyMark.of("VND")),
            Map.entry("₴", CurrencyMark.of("UAH")),
            Map.entry("₱", CurrencyMark.of("PHP")),
            Map.entry("฿", CurrencyMark.of("THB")));

    /** Digits with separators between them; starts and ends with a digit. */
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[\\d.,'’ \u00A0\u202F\u2009\u2007]*\\d)?");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** Upper case only in printed text, so that words such as "all" or "top" are not read as currencies. */
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final char GROUP_SPACE = ' ';
    private static final char GROUP_APOSTROPHE = '\'';

    private PriceParser() {
    }

    /**
     * Parses a printed price.
     *
     * @param text         e.g. {@code "R$ 1.234,56"}; a currency symbol or ISO code may come before or after
     * @param currencyHint an ISO code known from markup ({@code priceCurrency}), or null
     * @throws PageParseException for anything that is not exactly one non-negative price in a known currency
     */
    public static Price parse(String text, String currencyHint) throws PageParseException {
        if (text == null || isBlank(text)) {
            throw new PageParseException("empty price");
        }
        String hint = hintCode(currencyHint);
        Matcher number = NUMBER.matcher(text);
        if (!number.find()) {
            throw unparseable(text);
        }
        String before = text.substring(0, number.start());
        String after = text.substring(number.end());
        if (before.indexOf('-') >= 0 || before.indexOf('\u2212') >= 0) {
            throw new PageParseException("negative price " + quote(text));
        }
        List<CurrencyMark> marks = new ArrayList<>();
        readMarks(before, text, marks);
        readMarks(after, text, marks);
        String currency = currencyOf(marks, hint, text);
        return new Price(withCurrencyScale(amount(number.group(), currency, text), currency), currency);
    }

    /**
     * Parses a price given in markup (JSON-LD {@code price}, microdata {@code content}). schema.org asks for a
     * plain decimal with '.' as the decimal point, so {@code "1.234"} here is one point two three four; anything
     * else is taken as printed text, since some shops put formatted prices in markup.
     */
    static Price parseMarkupValue(String value, String currencyHint) throws PageParseException {
        String trimmed = value.strip();
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            return parse(value, currencyHint);
        }
        String currency = hintCode(currencyHint);
        if (currency == null) {
            throw new PageParseException("no currency for price " + quote(trimmed));
        }
        return new Price(withCurrencyScale(new BigDecimal(trimmed), currency), currency);
    }

    private static String hintCode(String hint) throws PageParseException {
        if (hint == null || isBlank(hint)) {
            return null;
        }
        String trimmed = hint.strip();
        CurrencyMark mark = markFor(ISO_CODE.matcher(trimmed.toUpperCase(Locale.ROOT)).matches()
                ? trimmed.toUpperCase(Locale.ROOT) : trimmed);
        if (mark == null) {
            throw new PageParseException("unknown currency " + quote(trimmed));
        }
        return mark.code();
    }

    private static void readMarks(String part, String text, List<CurrencyMark> marks) throws PageParseException {
        for (String token : TOKEN_SEPARATOR.split(part)) {
            if (token.isEmpty()) {
                continue;
            }
            CurrencyMark mark = markFor(token);
            if (mark == null) {
                throw unparseable(text);
            }
            marks.add(mark);
        }
    }

    private static CurrencyMark markFor(String token) {
        CurrencyMark symbol = SYMBOLS.get(token);
        if (symbol != null) {
            return symbol;
        }
        if (!ISO_CODE.matcher(token).matches()) {
            return null;
        }
        try {
            return CurrencyMark.of(Currency.getInstance(token).getCurrencyCode());
        } catch (IllegalArgumentException notACurrency) {
            return null;
        }
    }

    private static String currencyOf(List<CurrencyMark> marks, String hint, String text) throws PageParseException {
        if (hint != null) {
            for (CurrencyMark mark : marks) {
                if (!mark.allows(hint)) {
                    throw new PageParseException("currency mismatch: markup says " + hint + " but price "
                            + quote(text) + " says " + mark.code());
                }
            }
            return hint;
        }
        if (marks.isEmpty()) {
            throw new PageParseException("no currency in price " + quote(text));
        }
        // "$ 5 CAD" is CAD: the most specific mark decides, and every other mark must allow it
        CurrencyMark specific = marks.stream().min(Comparator.comparingInt(mark -> mark.codes().size())).orElseThrow();
        for (CurrencyMark mark : marks) {
            if (!mark.allows(specific.code())) {
                throw new PageParseException("conflicting currencies in price " + quote(text));
            }
        }
        return specific.code();
    }

    /** Reads the digits of {@code number} (as matched by {@link #NUMBER}) by the separator rules in the class doc. */
    private static BigDecimal amount(String number, String currency, String text) throws PageParseException {
        List<String> groups = new ArrayList<>();
        List<Character> separators = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                group.append(c);
                continue;
            }
            if (group.length() == 0) {
                throw badGrouping(text); // two separators in a row
            }
            groups.add(group.toString());
            group.setLength(0);
            separators.add(separatorKind(c));
        }
        groups.add(group.toString());

        Set<Character> kinds = new LinkedHashSet<>(separators);
        Character decimal = decimalSeparator(separators, kinds, groups);
        if (kinds.size() > 2 || (kinds.size() == 2 && decimal == null)) {
            throw badGrouping(text);
        }
        List<String> integerGroups = groups;
        String fraction = "";
        if (decimal != null) {
            if (separators.indexOf(decimal) != separators.size() - 1) {
                throw badGrouping(text); // the decimal separator must come once, after every group separator
            }
            integerGroups = groups.subList(0, groups.size() - 1);
            fraction = "." + groups.get(groups.size() - 1);
        }
        if (integerGroups.size() > 1 && !isWesternGrouping(integerGroups)
                && !("INR".equals(currency) && isIndianGrouping(integerGroups))) {
            throw badGrouping(text);
        }
        return new BigDecimal(String.join("", integerGroups) + fraction);
    }

    private static char separatorKind(char c) {
        return switch (c) {
            case '.', ',' -> c;
            case '\'', '’' -> GROUP_APOSTROPHE;
            default -> GROUP_SPACE;
        };
    }

    /**
     * Which separator is the decimal point, or null. With both '.' and ',' the last is; beside a space or
     * apostrophe grouping, the '.' or ',' is; a repeated one groups; a single one followed by exactly three
     * digits groups ("1,234" and "1.234" are 1234) unless the integer part is 0 ("0.125").
     */
    private static Character decimalSeparator(List<Character> separators, Set<Character> kinds, List<String> groups) {
        boolean dot = kinds.contains('.');
        boolean comma = kinds.contains(',');
        if (dot && comma) {
            return separators.get(separators.size() - 1);
        }
        if (!dot && !comma) {
            return null;
        }
        char candidate = dot ? '.' : ',';
        if (kinds.size() > 1) {
            return candidate;
        }
        if (separators.size() > 1) {
            return null;
        }
        boolean looksLikeGrouping = groups.get(1).length() == 3 && !groups.get(0).equals("0");
        return looksLikeGrouping ? null : candidate;
    }

    private static boolean isWesternGrouping(List<String> groups) {
        if (!isLeadingGroup(groups.get(0), 3)) {
            return false;
        }
        return groups.subList(1, groups.size()).stream().allMatch(g -> g.length() == 3);
    }

    /** 12,34,567.00: thousands, then lakhs and crores in pairs of digits. */
    private static boolean isIndianGrouping(List<String> groups) {
        int last = groups.size() - 1;
        if (!isLeadingGroup(groups.get(0), 2) || groups.get(last).length() != 3) {
            return false;
        }
        return groups.subList(1, last).stream().allMatch(g -> g.length() == 2);
    }

    private static boolean isLeadingGroup(String group, int maxDigits) {
        return group.length() <= maxDigits && group.charAt(0) != '0';
    }

    /** Scale is at least the currency's minor units ("$5" is 5.00); extra digits are kept, never rounded. */
    private static BigDecimal withCurrencyScale(BigDecimal amount, String currency) {
        int minorUnits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(stripped.scale(), minorUnits));
    }

    private static boolean isBlank(String text) {
        return TOKEN_SEPARATOR.matcher(text).replaceAll("").isEmpty();
    }

    private static PageParseException unparseable(String text) {
        return new PageParseException("unparseable price " + quote(text));
    }

    private static PageParseException badGrouping(String text) {
        return new PageParseException("bad digit grouping in price " + quote(text));
    }
}
