package dev.scimpurge.provider;

/**
 * What "remove" means at a service: a DELETE, a PATCH, a call to the provider's own endpoint.
 * Returns the HTTP status of the answer that did it; a refusal by the server is thrown as
 * {@code ScimErrorResponseException}, one decided here as {@link RemovalRefusedException}.
 */
public interface AccountRemoval {

    int remove(String accountId);
}
