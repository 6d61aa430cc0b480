package org.scrapebench.analysis;

/**
 * Input the tool cannot use: a missing, empty or malformed file, JSON that is
 * not JMH output, files with nothing in common. The CLI prints the message as
 * one line on stderr and exits with 2, so the message must read well alone.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message, null, false, false);
    }
}
