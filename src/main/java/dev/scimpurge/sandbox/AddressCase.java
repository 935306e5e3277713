package dev.scimpurge.sandbox;

/** How filters compare {@code userName} and {@code emails}, set with {@link SandboxFaults#filterAddressCase}. */
public enum AddressCase {

    /** The default and RFC 7643's: both are {@code caseExact: false}, so {@code eq "A@X"} finds {@code a@x}. */
    INSENSITIVE,

    /** Exactly as stored, in every operator: servers whose matcher compares the stored strings as they are (issue 12). */
    SENSITIVE
}
