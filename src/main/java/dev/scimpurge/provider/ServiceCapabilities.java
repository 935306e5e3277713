package dev.scimpurge.provider;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.scim.ScimAuthorizationException;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimException;
import tools.jackson.databind.JsonNode;

/**
 * What the server says it supports, from {@code /ServiceProviderConfig}, read once and only for
 * profiles that ask for it (generic). A server without the document, or whose document cannot be
 * read, is assumed to support filtering, as SCIM servers almost always do.
 */
public class ServiceCapabilities {

    private static final Logger log = LoggerFactory.getLogger(ServiceCapabilities.class);

    private final ScimClient client;
    private final boolean consult;
    private Boolean filterSupported;

    public ServiceCapabilities(ScimClient client, boolean consult) {
        this.client = client;
        this.consult = consult;
    }

    public synchronized boolean filterSupported() {
        if (filterSupported == null) {
            filterSupported = !consult || read().map(config -> !config.path("filter").path("supported").isBoolean()
                    || config.path("filter").path("supported").booleanValue()).orElse(true);
            if (!filterSupported) {
                log.info("The server's ServiceProviderConfig says it does not support filtering: listing users instead of filtering");
            }
        }
        return filterSupported;
    }

    private Optional<JsonNode> read() {
        try {
            return client.serviceProviderConfig();
        } catch (ScimException e) {
            if (e instanceof ScimAuthorizationException) {
                throw e;
            }
            log.info("Could not read the server's ServiceProviderConfig ({}); assuming it supports filtering", e.getMessage());
            return Optional.empty();
        }
    }
}
