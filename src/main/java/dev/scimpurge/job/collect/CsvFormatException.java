package dev.scimpurge.job.collect;

/** The input file cannot be read as CSV at all; the message names the line. */
public class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }
}
