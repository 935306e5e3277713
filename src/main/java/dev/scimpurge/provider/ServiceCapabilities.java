package dev.scimpurge.provider;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.scim.ScimAuthorizationException;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimException;
import tools.jackson.databind.JsonNode;

/**
 * What the server says it supports, from {@code /ServiceProviderConfig}, read once and only for
 * profiles that ask for it (generic). A server without the document, or whose document cannot be
 * read, is assumed to support filtering, as SCIM servers almost always do, and not to support Bulk.
 */
public class ServiceCapabilities {

    private static final Logger log = LoggerFactory.getLogger(ServiceCapabilities.class);

    private final ScimClient client;
    private final boolean consult;
    private @Nullable Optional<JsonNode> document;
    private @Nullable Boolean filterSupported;

    public ServiceCapabilities(ScimClient client, boolean consult) {
        this.client = client;
        this.consult = consult;
    }

    public synchronized boolean filterSupported() {
        if (filterSupported == null) {
            filterSupported = !consult || document().map(config -> !config.path("filter").path("supported").isBoolean()
                    || config.path("filter").path("supported").booleanValue()).orElse(true);
            if (!filterSupported) {
                log.info("The server's ServiceProviderConfig says it does not support filtering: listing users instead of filtering");
            }
        }
        return filterSupported;
    }

    /** What the document says about filtering and Bulk, as hints; nothing when this profile does not read it or it is missing. */
    public synchronized Advertised advertised() {
        if (!consult) {
            return Advertised.NOTHING;
        }
        return document().map(config -> new Advertised(bool(config.path("filter").path("supported")),
                positive(config.path("filter").get("maxResults")) > 0 ? positive(config.path("filter").get("maxResults")) : null,
                bool(config.path("bulk").path("supported")))).orElse(Advertised.NOTHING);
    }

    /** The users to ask for on a list page: the server's {@code filter.maxResults} where it gives one, at most {@code largest}. */
    public int pageSize(int largest) {
        Integer advertised = advertised().filterMaxResults();
        return advertised == null ? largest : Math.min(largest, advertised);
    }

    private static @Nullable Boolean bool(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : null;
    }

    /** Whether removals may go as Bulk requests, within which limits, or why not. */
    public synchronized Bulk bulk() {
        if (!consult) {
            return Bulk.unavailable("this provider profile does not read the server's ServiceProviderConfig");
        }
        Optional<JsonNode> config = document();
        if (config.isEmpty()) {
            return Bulk.unavailable("the server's ServiceProviderConfig could not be read");
        }
        JsonNode bulk = config.get().path("bulk");
        if (!bulk.path("supported").isBoolean() || !bulk.path("supported").booleanValue()) {
            return Bulk.unavailable("the server's ServiceProviderConfig does not say bulk is supported");
        }
        int maxOperations = positive(bulk.get("maxOperations"));
        int maxPayloadSize = positive(bulk.get("maxPayloadSize"));
        if (maxOperations == 0 || maxPayloadSize == 0) {
            return Bulk.unavailable("the server's ServiceProviderConfig supports bulk but gives no usable maxOperations and maxPayloadSize");
        }
        return new Bulk(maxOperations, maxPayloadSize, null);
    }

    /**
     * Bulk as the server allows it.
     *
     * @param maxOperations  operations a bulk request may carry; 0 when bulk cannot be used
     * @param maxPayloadSize bytes a bulk request may have; 0 when bulk cannot be used
     * @param unavailable    why bulk cannot be used, or null when it can
     */
    public record Bulk(int maxOperations, int maxPayloadSize, @Nullable String unavailable) {

        static Bulk unavailable(String why) {
            return new Bulk(0, 0, why);
        }

        public boolean usable() {
            return unavailable == null;
        }
    }

    private static int positive(@Nullable JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0 ? value.intValue() : 0;
    }

    private Optional<JsonNode> document() {
        if (document == null) {
            document = read();
        }
        return document;
    }

    private Optional<JsonNode> read() {
        try {
            return client.serviceProviderConfig();
        } catch (ScimException e) {
            if (e instanceof ScimAuthorizationException) {
                throw e;
            }
            log.info("Could not read the server's ServiceProviderConfig ({}); assuming it supports filtering and not bulk", e.getMessage());
            return Optional.empty();
        }
    }
}
