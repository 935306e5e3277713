package dev.scimpurge.sandbox;

/** Whether a page-size cap set with {@link SandboxFaults#capPageSize(int, CapDisclosure)} shows in ServiceProviderConfig. */
public enum CapDisclosure {

    /** {@code filter.maxResults} stays the sandbox's own maximum (1000), as servers do that cap pages silently. */
    SILENT,

    /** {@code filter.maxResults} says the cap (at most the sandbox's own maximum), as RFC 7643 §5 means it to. */
    ADVERTISED
}
