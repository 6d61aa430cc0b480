package org.scrapebench.parse;

import static org.scrapebench.parse.PageParseException.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses prices as shops print them ({@code R$ 1.234,56}, {@code 1 234,56 €}, {@code ¥1,234}) or give them in
 * markup, to an exact decimal and an ISO 4217 code. A wrong number is worse than a reported failure, so the text must
 * be exactly one number plus currency marks; anything that could change its meaning ("from $10", "$10 - $20",
 * "$20 $15", "$9/mo", "(-15%)") is refused.
 *
 * <p>Around the number, only these are read: currency symbols, local spellings ({@code руб.}, {@code грн},
 * {@code lei}, {@code Ft}, {@code 円}, see {@link CurrencyMarks}) and upper-case ISO codes; footnote asterisks
 * ({@code 34,50 € *}); one label before it that names the current price ({@code Price:}, {@code Our Price:},
 * {@code Cena}, {@code Preis:}, or a bare {@code :} whose word is in another element; never "from", "was" or
 * "regular"); one tax note after it ({@code HT},
 * {@code + VAT}, {@code inkl. MwSt.}, {@code (tax incl.)}).
 *
 * <p>Separators: with both '.' and ',' the last one is the decimal point; beside space or apostrophe grouping, the
 * '.' or ',' is the decimal point; a repeated one groups; a single one followed by exactly three digits groups
 * ({@code 1,234} and {@code 1.234} are 1234) unless the integer part is 0 ({@code 0.125}) or the currency has three
 * decimal places (KWD, BHD, OMR, JOD, TND...), where {@code 1.500} is one and a half and {@code 1,500} is refused as
 * ambiguous; otherwise a single one is the decimal point ({@code 12,5}). Groups must be of three digits (Indian lakh
 * grouping is also accepted for INR). A ",-" or ".-" ending marks a whole amount ({@code 1.899,-} is 1899), and so
 * does a bare ',' after the last digit ({@code € 610,}, the dash drawn by the theme's CSS); the number before such an
 * ending must not group with that same separator ({@code 1,234,-} is refused); a bare '.' ending ({@code 12.}) stays
 * refused, since it reads as cents cut off. A space after the decimal point before two final digits is ignored
 * ({@code $119. 95}).
 *
 * <p>Currency: the hint when given, and any printed currency must agree with it ({@code $} agrees with CAD, AUD and
 * other dollars; {@code ¥} with CNY; {@code kr} with SEK, NOK, DKK); otherwise the printed one; none is an error.
 *
 * <p>Scale: at least the currency's minor units ({@code $5} is 5.00, {@code ¥1,234} is 1234); extra digits that are
 * not zero are kept, never rounded.
 */
public final class PriceParser {

    /** Digits with separators between them; starts and ends with a digit. */
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[\\d.,'’ \u00A0\u202F\u2009\u2007]*\\d)?");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Where a token may be cut into a symbol and a code or word: "SGD$", "€HT". */
    private static final Pattern LETTER_BOUNDARY = Pattern.compile("(?<=\\p{L})(?=[^\\p{L}])|(?<=[^\\p{L}])(?=\\p{L})");
    private static final Pattern FOOTNOTE_MARKS = Pattern.compile("[\\s*]*\\*[\\s*]*$");
    /** "$119. 95": some themes print the cents in their own element, leaving a space after the decimal point. */
    private static final Pattern SPACED_CENTS = Pattern.compile("(\\d[.,])[ \u00A0](\\d{2})(?!\\d)");
    /**
     * "1.899,-": a whole amount, common in German, Dutch, Czech and Scandinavian shops; also "€ 610," where the
     * theme draws the dash with CSS, so a ',' after the last digit with no digit following it marks a whole amount.
     */
    private static final Pattern WHOLE_AMOUNT_MARK =
            Pattern.compile("(?<=\\d)(?:[.,][-\u2013\u2014]{1,2}(?![\\d-])|,(?=\\s*+(?:[^\\s\\d]|$)))");
    /**
     * Labels that name the current price. "From", "was", "regular" and "unit" prices are deliberately absent. A bare
     * ':' is a label whose word the theme printed in another element ("Prix<span>: 3 250 000 €"); the parser never
     * sees that word, just as it never sees one before a price printed without the colon.
     */
    private static final Pattern LABEL = Pattern.compile("^\\s*(?:(?:"
            + "(?:our|your|sale|special|offer|discounted)\\s+price|price|now"
            + "|naše\\s+cena|naša\\s+cena|nasza\\s+cena|cena|unser\\s+preis|ihr\\s+preis|preis"
            + "|notre\\s+prix|prix|nuestro\\s+precio|precio|prezzo|preço|onze\\s+prijs|prijs|vår\\s+pris|pris|hinta"
            + "|цена|ціна|fiyat|cijena|kaina|价格|售价|価格|販売価格|가격|판매가)"
            + "(?:\\s*:|\\s)|:)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A note on tax after the price: "HT", "+ VAT", "inkl. MwSt.", "(tax incl.)", "iva inclusa", "(税込)". */
    private static final Pattern TAX_NOTE = Pattern.compile("[\\s(]*(?:(?:incl|inc|including|excl|exc|ex|excluding"
            + "|inkl|zzgl|plus|\\+|z|s|bez|с|без|з)\\.?\\s*)?"
            + "(?:vat|tax|taxes|gst|mwst|ust|tva|iva|btw|moms|dph|áfa|ндс|пдв|kdv|ht|h\\.t|ttc|t\\.t\\.c|brutto|netto"
            + "|税込|税抜|税別)\\.?"
            + "(?:\\s*(?:incl|included|inclusive|inclusa|incluido|incluse|inkl|excl|excluded|exclusive|esclusa)\\.?)?"
            + "[\\s)]*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final char GROUP_SPACE = ' ';
    private static final char GROUP_APOSTROPHE = '\'';
    private static final int THREE_DECIMALS = 3;

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
        String cleaned = SPACED_CENTS.matcher(FOOTNOTE_MARKS.matcher(text).replaceFirst("")).replaceAll("$1$2");
        Matcher wholeMark = WHOLE_AMOUNT_MARK.matcher(cleaned);
        boolean wholeAmount = wholeMark.find();
        char wholeSeparator = wholeAmount ? cleaned.charAt(wholeMark.start()) : 0;
        if (wholeAmount) {
            cleaned = cleaned.substring(0, wholeMark.start()) + " " + cleaned.substring(wholeMark.end());
        }
        Matcher number = NUMBER.matcher(cleaned);
        if (!number.find()) {
            throw unparseable(text);
        }
        if (wholeAmount && number.group().indexOf(wholeSeparator) >= 0) {
            throw badGrouping(text); // "1,234,-": the ',' that ends a whole amount is the decimal point, not a group
        }
        String before = LABEL.matcher(cleaned.substring(0, number.start())).replaceFirst("");
        String after = TAX_NOTE.matcher(cleaned.substring(number.end())).replaceFirst("");
        if (before.indexOf('-') >= 0 || before.indexOf('\u2212') >= 0) {
            throw new PageParseException("negative price " + quote(text));
        }
        List<CurrencyMarks.Mark> marks = new ArrayList<>();
        readMarks(before, text, marks);
        readMarks(after, text, marks);
        String currency = currencyOf(marks, hint, text);
        BigDecimal amount = amount(number.group(), currency, text, wholeAmount);
        return new Price(withCurrencyScale(amount, currency), currency);
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
        String upper = trimmed.toUpperCase(Locale.ROOT);
        CurrencyMarks.Mark mark = CurrencyMarks.of(upper.length() == 3 ? upper : trimmed);
        if (mark == null) {
            mark = CurrencyMarks.of(trimmed);
        }
        if (mark == null) {
            throw new PageParseException("unknown currency " + quote(trimmed));
        }
        return mark.code();
    }

    /** Every token must be a currency mark, or cut at letter boundaries into marks ("SGD$", "€HT" after the tax note). */
    private static void readMarks(String part, String text, List<CurrencyMarks.Mark> marks) throws PageParseException {
        for (String token : TOKEN_SEPARATOR.split(part)) {
            if (token.isEmpty()) {
                continue;
            }
            CurrencyMarks.Mark mark = CurrencyMarks.of(token);
            if (mark != null) {
                marks.add(mark);
                continue;
            }
            for (String piece : LETTER_BOUNDARY.split(token)) {
                CurrencyMarks.Mark pieceMark = CurrencyMarks.of(piece);
                if (pieceMark == null) {
                    throw unparseable(text);
                }
                marks.add(pieceMark);
            }
        }
    }

    private static String currencyOf(List<CurrencyMarks.Mark> marks, String hint, String text)
            throws PageParseException {
        if (hint != null) {
            for (CurrencyMarks.Mark mark : marks) {
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
        CurrencyMarks.Mark specific =
                marks.stream().min(Comparator.comparingInt(mark -> mark.codes().size())).orElseThrow();
        for (CurrencyMarks.Mark mark : marks) {
            if (!mark.allows(specific.code())) {
                throw new PageParseException("conflicting currencies in price " + quote(text));
            }
        }
        return specific.code();
    }

    /**
     * Reads the digits of {@code number} (as matched by {@link #NUMBER}) by the separator rules in the class doc;
     * {@code whole} when a ",-" ending says there is no fraction.
     */
    private static BigDecimal amount(String number, String currency, String text, boolean whole)
            throws PageParseException {
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
        boolean threeDecimals = Currency.getInstance(currency).getDefaultFractionDigits() == THREE_DECIMALS;
        if (threeDecimals && separators.size() == 1 && separators.get(0) == ',' && groups.get(1).length() == 3) {
            // "1,500 KWD": a thousand and five hundred in an English-style shop, one and a half in a Tunisian one
            throw new PageParseException("ambiguous decimal separator in price " + quote(text));
        }
        Character decimal = decimalSeparator(separators, kinds, groups, threeDecimals);
        if (whole && decimal != null) {
            throw badGrouping(text); // "12,50,-" has a fraction and says it has none
        }
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
     * digits groups ("1,234" and "1.234" are 1234) unless the integer part is 0 ("0.125") or the currency has three
     * decimal places ("1.500 KWD" is 1.5).
     */
    private static Character decimalSeparator(List<Character> separators, Set<Character> kinds, List<String> groups,
            boolean threeDecimals) {
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
        boolean looksLikeGrouping = groups.get(1).length() == 3 && !groups.get(0).equals("0") && !threeDecimals;
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
