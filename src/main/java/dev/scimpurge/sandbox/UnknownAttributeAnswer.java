package dev.scimpurge.sandbox;

/** How a filter on an attribute the server does not know is answered, set with {@link SandboxFaults#unknownFilterAttributes}. */
public enum UnknownAttributeAnswer {

    /** The default and RFC 7644 §3.4.2.2's answer: 400 with {@code scimType} {@code invalidFilter}. */
    INVALID_FILTER,

    /**
     * A comparison on it is simply false, so a filter of one such comparison answers 200 with no results, as servers
     * do that evaluate filters against whatever attributes a user happens to have.
     */
    NO_MATCH
}
