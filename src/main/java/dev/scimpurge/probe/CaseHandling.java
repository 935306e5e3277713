package dev.scimpurge.probe;

/** Whether a filter found the known account when its address was given in another case. */
public enum CaseHandling {
    /** It did: an address in the CSV may differ in case from what the server stores. */
    INSENSITIVE,
    /** It did not: the server compares the stored string as it is. */
    SENSITIVE,
    /** Not tried: the filter did not find the account as stored, or the address has no letters to change. */
    UNTESTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
