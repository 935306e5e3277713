package dev.scimpurge.sandbox;

/**
 * @param text     the word, or the decoded content of a string literal
 * @param position 1-based character offset in the filter, for error messages
 */
record FilterToken(Kind kind, String text, int position) {

    enum Kind { OPEN, CLOSE, STRING, WORD, END }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case OPEN -> "'('";
            case CLOSE -> "')'";
            case STRING -> "string \"" + text + "\"";
            case WORD -> "'" + text + "'";
            case END -> "the end of the filter";
        };
    }
}
