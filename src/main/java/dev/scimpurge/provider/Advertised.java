package dev.scimpurge.provider;

import org.jspecify.annotations.Nullable;

/**
 * What the server's {@code /ServiceProviderConfig} says, only a hint: a value is null where the document did not say
 * (or could not be read).
 */
public record Advertised(@Nullable Boolean filterSupported, @Nullable Integer filterMaxResults, @Nullable Boolean bulkSupported) {

    public static final Advertised NOTHING = new Advertised(null, null, null);
}
