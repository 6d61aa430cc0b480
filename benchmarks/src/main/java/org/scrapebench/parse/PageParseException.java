package org.scrapebench.parse;

/** A page could not be turned into data; the message is a one-line reason fit for a failure report. */
public final class PageParseException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED_LENGTH = 60;

    public PageParseException(String message) {
        super(message);
    }

    /** Quotes page text for a message, kept on one line and short, since page text can be anything. */
    static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > MAX_QUOTED_LENGTH) {
            oneLine = oneLine.substring(0, MAX_QUOTED_LENGTH) + "…";
        }
        return "'" + oneLine + "'";
    }
}
