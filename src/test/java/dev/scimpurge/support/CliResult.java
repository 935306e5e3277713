package dev.scimpurge.support;

/** What one command printed and returned. */
public record CliResult(int exitCode, String out, String err) {

    public String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
