package dev.scimpurge.provider;

/** {@code --verify}: whether each removal that answered success is read back to confirm it. */
public enum VerifyMode {
    /** Read every removed account back. */
    ALL,
    /** Trust the removal's answer: no read-back. */
    NONE
}
