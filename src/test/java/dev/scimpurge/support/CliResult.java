package dev.scimpurge.support;

/** What one command printed and returned. */
public record CliResult(int exitCode, String out, String err) {

    public String all() {
        return out + err;
    }

    /** Whether standard error shows a Java stack trace or exception class instead of a message for people. */
    public boolean showsStackTrace() {
        return err.contains("\tat ") || err.contains("Caused by:") || err.matches("(?s).*\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
