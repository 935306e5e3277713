package dev.scimpurge.sandbox;

/** One entry of ServiceProviderConfig {@code authenticationSchemes} (RFC 7643 §5). */
record AuthenticationScheme(String type, String name, String description) {
}
