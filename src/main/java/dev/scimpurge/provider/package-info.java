/**
 * Provider profiles, read strictly from YAML, and the small strategies they name: authentication, removal actions,
 * error translation and what the server's {@code /ServiceProviderConfig} advertises.
 */
@NullMarked
package dev.scimpurge.provider;

import org.jspecify.annotations.NullMarked;
