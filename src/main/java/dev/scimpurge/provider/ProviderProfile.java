package dev.scimpurge.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.sandbox.DeleteRateLimit;
import dev.scimpurge.scim.ListPaging;
import dev.scimpurge.sandbox.ServiceProfile;
import tools.jackson.databind.JsonNode;

/**
 * What a service expects from a purge, as data: read from {@code providers/NAME.yml}. Behaviour
 * that data cannot express is named here ({@code auth}, a removal {@code action}) and implemented
 * by a small strategy class in this package.
 *
 * @param url               how the SCIM base is derived from {@code --url} (or the default URL)
 * @param usersPath         the Users collection's path segment ({@code Users}, or {@code users} on Stack Overflow)
 * @param auth              {@code bearer} or {@code anaplan}
 * @param authUrl           the authentication API, for auth schemes that have one
 * @param requiredVariables variables that must be given on the command line (e.g. {@code directoryId})
 * @param csv               CSV columns recognised by name in a header row
 * @param lookup            SCIM attributes tried in order to resolve an email to an account
 * @param deactivated       how deactivated users are listed
 * @param removal           what "remove" means, and its variants
 * @param errors            server answers translated into operator-facing messages, first match wins
 * @param accountUrl        a link to the account for reports, if the service has one
 * @param pacing            default request pacing for removals
 * @param protect           accounts no run of this profile may touch: emails, account ids, {@code @domain}s
 * @param serviceProviderConfig read {@code /ServiceProviderConfig} once and adapt to it (filter support)
 * @param concurrency       requests in flight at once unless {@code --concurrency} says otherwise (default 4)
 * @param sources           where the profile's facts come from: the service's documentation, one entry a fact
 * @param maxPageSize       the most users the service answers in one list request, or null for no documented limit:
 *                          no request asks for more, whatever {@code scim-purge.job.list-page-size} says
 * @param sandbox           what the service does, for the rehearsal sandbox that plays it from this profile
 *                          ({@link RehearsalSandbox}); null for the services the sandbox plays with a class of their own
 * @param paging            how the service pages its listing: {@code index} (startIndex, RFC 7644, the default) or
 *                          {@code cursor} (AWS IAM Identity Center)
 * @param verify            whether removals are read back by default, and how long the service may take to show one
 */
public record ProviderProfile(String name, String description, Url url, String usersPath, String auth, @Nullable String authUrl,
        List<String> requiredVariables, Csv csv, Lookup lookup, Deactivated deactivated, Removal removal,
        List<ErrorRule> errors, @Nullable String accountUrl, Pacing pacing, List<String> protect, Integer concurrency,
        Boolean serviceProviderConfig, List<Source> sources, @Nullable Integer maxPageSize, @Nullable Sandbox sandbox,
        ListPaging paging, Verify verify) {

    public ProviderProfile {
        usersPath = usersPath == null ? "Users" : usersPath;
        auth = auth == null ? "bearer" : auth;
        requiredVariables = requiredVariables == null ? List.of() : List.copyOf(requiredVariables);
        csv = csv == null ? new Csv(null, null) : csv;
        lookup = lookup == null ? new Lookup(List.of("emails.value", "userName")) : lookup;
        deactivated = deactivated == null ? new Deactivated("active eq false") : deactivated;
        errors = errors == null ? List.of() : List.copyOf(errors);
        pacing = pacing == null ? new Pacing(0, 0) : pacing;
        protect = protect == null ? List.of() : List.copyOf(protect);
        sources = sources == null ? List.of() : List.copyOf(sources);
        paging = paging == null ? ListPaging.INDEX : paging;
        if (maxPageSize != null && maxPageSize < 1) {
            throw new IllegalArgumentException("max-page-size must be at least 1");
        }
        serviceProviderConfig = Boolean.TRUE.equals(serviceProviderConfig);
        concurrency = concurrency == null ? 4 : concurrency;
        verify = verify == null ? new Verify(VerifyMode.ALL, null) : verify;
        if (lookup.filters() == null || lookup.filters().isEmpty()) {
            throw new IllegalArgumentException("lookup.filters needs at least one attribute");
        }
        if (url == null || url.scimBase() == null) {
            throw new IllegalArgumentException("url.scim-base is required");
        }
        if (removal == null || !removal.variants().containsKey(removal.defaultVariant())) {
            throw new IllegalArgumentException("removal needs variants and a default-variant that is one of them");
        }
    }

    public RemovalVariant variant(String variantName) {
        RemovalVariant variant = removal.variants().get(variantName);
        if (variant == null) {
            throw new IllegalArgumentException("provider " + name + " has no removal '" + variantName + "'; it has: "
                    + String.join(", ", removal.variants().keySet()));
        }
        return variant;
    }

    /**
     * @param defaultUrl     used when {@code --url} is not given (services with one public API host)
     * @param scimBase       template of the SCIM base, e.g. {@code {url}/scim/v2}
     * @param scimBaseByHost host-specific templates, first matching suffix wins
     */
    public record Url(@Nullable String defaultUrl, String scimBase, List<HostRule> scimBaseByHost) {
        public Url {
            scimBaseByHost = scimBaseByHost == null ? List.of() : List.copyOf(scimBaseByHost);
        }
    }

    public record HostRule(String hostSuffix, String scimBase) {
    }

    /**
     * @param idColumn    a header naming account ids, used directly without lookup
     * @param emailColumn a header naming emails
     * @param idAttribute where the CSV's account ids are the service's own ids, not SCIM ids (Atlassian's aaid): the
     *                    attribute that holds them, {@code SCHEMA_URN:name}; a CSV whose header names account ids is
     *                    then resolved through it by paging the directory, and its values are never sent as SCIM ids
     */
    public record Csv(@Nullable String idColumn, @Nullable String emailColumn, @Nullable String idAttribute) {

        public Csv(@Nullable String idColumn, @Nullable String emailColumn) {
            this(idColumn, emailColumn, null);
        }

        public Csv {
            if (idAttribute != null && idAttribute.lastIndexOf(':') < 1) {
                throw new IllegalArgumentException("csv.id-attribute must be SCHEMA_URN:name, was " + idAttribute);
            }
        }
    }

    public record Lookup(List<String> filters) {
        public Lookup {
            filters = filters == null ? null : List.copyOf(filters);
        }
    }

    /** @param filter the server-side filter, or null to list everyone and keep {@code active == false} */
    /**
     * @param filter       the filter that asks for deactivated users, or null where the service documents none
     * @param activeAsText whether {@code active} may arrive as the text {@code "True"}/{@code "False"} (Anaplan) and is
     *                     read as such; elsewhere only a JSON boolean counts, and text is unknown, never a guess
     */
    public record Deactivated(@Nullable String filter, @Nullable Boolean activeAsText) {

        public Deactivated(@Nullable String filter) {
            this(filter, false);
        }

        public Deactivated {
            activeAsText = Boolean.TRUE.equals(activeAsText);
        }
    }

    /**
     * @param verb           what the report and summary call a removal: deleted, deactivated, removed
     * @param defaultVariant the variant used unless the command line picks another
     */
    public record Removal(String verb, String defaultVariant, Map<String, RemovalVariant> variants) {
        public Removal {
            variants = variants == null ? Map.of() : Map.copyOf(variants);
        }
    }

    /**
     * @param action     {@code delete}, {@code patch}, {@code delete-url} or {@code demote-then-delete}
     * @param url        for {@code delete-url}: the URL template ({@code {url}}, variables, {@code {id}})
     * @param operations for {@code patch}: the PatchOp operations
     * @param input      {@code ids} when this variant takes account ids rather than emails
     * @param verb       overrides the removal verb for this variant
     * @param requires   variables this variant needs on top of the profile's
     * @param scimBase   overrides the profile's SCIM base template for this variant (the run's target)
     * @param tokenVariable the environment variable this variant's token is read from before {@code SCIM_TOKEN}, where
     *                      the service issues a key of its own for it (Atlassian: directory key, organisation key)
     * @param leaves     what the removal leaves for a read to find, where the action does not say it (Slack's DELETE
     *                   deactivates); null: as the action says ({@link ProviderRun#removalEffect()})
     * @param restore    how {@code restore} undoes this removal; null: as its effect says ({@link ProviderRun#restore()})
     */
    public record RemovalVariant(String action, @Nullable String url, @Nullable JsonNode operations, @Nullable String input,
            @Nullable String verb, List<String> requires, @Nullable String scimBase, @Nullable String tokenVariable,
            @Nullable RemovalEffect leaves, @Nullable Restore restore) {
        public RemovalVariant {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }

        public boolean takesIds() {
            return "ids".equals(input);
        }
    }

    /**
     * How a removal is undone by {@code scim-purge restore}.
     *
     * @param action         {@code patch}: a PatchOp; {@code none}: it cannot be undone over SCIM
     * @param operations     for {@code patch}: the PatchOp operations, sent as written (e.g. {@code replace active true})
     * @param keptAttributes for {@code patch}: attributes the removal took, put back ({@code op: add}) with their value in
     *                       the resource kept before the removal (Anaplan's {@code entitlements}), ahead of the operations
     * @param why            for {@code none}: why, and what to do instead
     */
    public record Restore(RestoreAction action, @Nullable JsonNode operations, List<String> keptAttributes, @Nullable String why) {
        public Restore {
            keptAttributes = keptAttributes == null ? List.of() : List.copyOf(keptAttributes);
            if (action == null) {
                throw new IllegalArgumentException("restore needs an action: patch or none");
            }
            boolean hasOperations = operations != null && operations.isArray() && !operations.isEmpty();
            if (action == RestoreAction.PATCH && !hasOperations && keptAttributes.isEmpty()) {
                throw new IllegalArgumentException("a patch restore needs operations or kept-attributes");
            }
            if (action == RestoreAction.NONE && why == null) {
                throw new IllegalArgumentException("a restore of action none says why");
            }
        }

        /** Whether it gives back what the removal took, from the resource kept before it: it cannot work without it. */
        public boolean givesBackKept() {
            return action == RestoreAction.PATCH && !keptAttributes.isEmpty();
        }
    }

    /** The restore strategies a profile can name. */
    public enum RestoreAction { PATCH, NONE }

    /**
     * @param status   the HTTP status the rule applies to; left out, any status (for services that document an error
     *                 code but not the status it comes with)
     * @param contains text the server's message must contain (optional)
     * @param outcome  NOT_FOUND or FAILED (default FAILED)
     * @param message  the operator-facing message; {@code {detail}} is the server's own words
     */
    public record ErrorRule(@Nullable Integer status, @Nullable String contains, String reason, @Nullable String outcome, String message) {
    }

    /**
     * One fact the profile relies on and where it is documented. Data for the reader of the profile; nothing reads it
     * at run time.
     *
     * @param fact        what the profile relies on
     * @param url         the documentation (or reference script) that says so
     * @param unconfirmed why the fact could not be confirmed in the documentation, and what the profile does instead;
     *                    null when {@code url} says it
     */
    public record Source(String fact, @Nullable String url, @Nullable String unconfirmed) {
    }

    /**
     * The service's own behaviour, as its documentation says (each fact under {@code sources:}), for the sandbox that
     * rehearses this profile. The URL layout, the page size and the authentication come from the rest of the profile.
     *
     * @param variables       a value for each variable of the SCIM base template in the sandbox, e.g. {@code enterprise}
     * @param delete          what the service's DELETE does; left out, {@code removes} when a removal variant sends one,
     *                        else {@code unsupported}
     * @param filters         the attributes the service documents as filterable; left out, those the profile sends (its
     *                        lookup filters and the deactivated filter's attribute)
     * @param ids             what the service's user ids look like (default {@code hex})
     * @param deleteRateLimit the service's limit on DELETEs ({@code per-minute}, {@code burst}); left out, none
     * @param basePath        where the sandbox serves the SCIM base when the profile's {@code scim-base} is {@code {url}}
     *                        itself (e.g. {@code /TENANT/scim/v2}); left out, {@code /scim/v2}
     * @param resourcesKey    the name of a list answer's array of users as the service's reference spells it (Canva:
     *                        {@code resources}); left out, {@code Resources}
     */
    public record Sandbox(Map<String, String> variables, ServiceProfile.DeleteAnswer delete, List<String> filters,
            ServiceProfile.IdForm ids, DeleteRateLimit deleteRateLimit, @Nullable String basePath, @Nullable String resourcesKey) {
        public Sandbox {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
            filters = filters == null ? List.of() : List.copyOf(filters);
            ids = ids == null ? ServiceProfile.IdForm.HEX : ids;
            deleteRateLimit = deleteRateLimit == null ? new DeleteRateLimit(0, 0) : deleteRateLimit;
        }
    }

    /** Default pacing of every request a run sends, shared by all workers. @param requestsPerSecond 0 means unpaced */
    public record Pacing(double requestsPerSecond, int burst, PacedRequests paces) {
        public Pacing {
            paces = paces == null ? PacedRequests.ALL : paces;
        }

        public Pacing(double requestsPerSecond, int burst) {
            this(requestsPerSecond, burst, PacedRequests.ALL);
        }
    }

    /**
     * How removals are verified on this service.
     *
     * @param mode         the default of {@code --verify}: {@code all} (default) or {@code none}, within the service's read limits
     * @param settleWithin how long the service may take to show a removal, e.g. {@code 10s} or {@code 500ms}: an account
     *                     still there is read again, with backoff, until then; null or {@code 0s}: read once
     */
    public record Verify(VerifyMode mode, @Nullable String settleWithin) {

        private static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m)");

        public Verify {
            mode = mode == null ? VerifyMode.ALL : mode;
            if (settleWithin != null) {
                settle(settleWithin);
            }
        }

        /** {@link #settleWithin} as a duration; zero when none is set. */
        public Duration settle() {
            return settleWithin == null ? Duration.ZERO : settle(settleWithin);
        }

        private static Duration settle(String text) {
            Matcher m = FORM.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("verify.settle-within must be a number and ms, s or m (e.g. 10s), was '" + text + "'");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
    }

    /** Which requests the pacing counts: every request, or only writes (POST, PUT, PATCH, DELETE) where reads have a limit of their own. */
    public enum PacedRequests {
        ALL, WRITES
    }
}
