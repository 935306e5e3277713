package dev.scimpurge.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Knobs that make the sandbox misbehave like real SaaS SCIM servers do. Every knob may be changed while the
 * server is serving; a change applies to requests that arrive after it; {@link SandboxSettings#withFaults} sets knobs
 * before the first request. The generic knobs work in every personality; the knobs of one service's admin settings
 * say which personality heeds them.
 */
public final class SandboxFaults {

    private final Duration defaultLatency;
    private final FaultPreset preset;
    private final Map<String, UserFailure> userFailures = new ConcurrentHashMap<>();
    private final Set<String> rejectedFilterAttributes = ConcurrentHashMap.newKeySet();
    private final Set<String> unmatchableFilterAttributes = ConcurrentHashMap.newKeySet();
    private volatile FilterRefusal filterRefusal = FilterRefusal.NONE;
    private volatile UnknownAttributeAnswer unknownFilterAttributes = UnknownAttributeAnswer.INVALID_FILTER;
    private volatile AddressCase filterAddressCase = AddressCase.INSENSITIVE;
    private volatile boolean ignoreFilters;
    private volatile boolean repeatFirstPage;
    private volatile boolean omitLastModified;
    private volatile @Nullable Integer totalResultsOverride;
    private volatile PageSizeCap pageSizeCap = PageSizeCap.NONE;
    private volatile Optional<Boolean> advertisedFilterSupported = Optional.empty();
    private volatile OptionalInt advertisedMaxResults = OptionalInt.empty();
    private volatile Optional<BulkSupport> advertisedBulk = Optional.empty();
    private volatile EmptyPageForm emptyPageForm = EmptyPageForm.LIST_RESPONSE;
    private volatile ListCost listCost = ListCost.NONE;
    private volatile Duration filterQueryCost = Duration.ZERO;
    private volatile RateLimiter rateLimiter = RateLimiter.unlimited();
    private volatile int forcedStatus;
    private volatile Duration latency;
    private final Set<String> communityCreators = ConcurrentHashMap.newKeySet();
    private final Set<String> systemAccounts = ConcurrentHashMap.newKeySet();
    private volatile boolean roleChangesAllowed = true;
    private volatile boolean deletionEnabled = true;
    private final AtomicLong tokenExpiries = new AtomicLong();
    private final List<Route> routeFaults = new CopyOnWriteArrayList<>();
    private final Set<String> omittedFromBulkResponses = ConcurrentHashMap.newKeySet();
    private volatile int enforcedBulkMaxOperations;
    private volatile @Nullable Silence silence;
    private final Set<WholeBulkFailure> wholeBulkFailures = ConcurrentHashMap.newKeySet();
    private volatile BulkResultForm bulkResultForm = BulkResultForm.RFC;
    private volatile boolean removalsIgnored;
    private volatile Duration removalVisibleAfter = Duration.ZERO;
    private final Map<String, StaleView> staleViews = new ConcurrentHashMap<>();

    /** @param preset the knobs the settings set from the start, and {@link #reset()} sets again */
    SandboxFaults(Duration defaultLatency, FaultPreset preset) {
        this.defaultLatency = Objects.requireNonNull(defaultLatency, "defaultLatency");
        this.preset = Objects.requireNonNull(preset, "preset");
        this.latency = defaultLatency;
        preset.applyTo(this);
    }

    /**
     * DELETE and PATCH of the user whose id equals {@code idOrEmail}, or whose userName or any email equals it
     * ignoring case, answer {@code status} with a SCIM error carrying {@code detail}. A later call for the same
     * key replaces the earlier one.
     */
    public void failUser(String idOrEmail, int status, String detail) {
        Objects.requireNonNull(idOrEmail, "idOrEmail");
        requireErrorStatus(status);
        userFailures.put(idOrEmail, new UserFailure(idOrEmail, status, Objects.requireNonNullElse(detail, "")));
    }

    public void clearUserFailures() {
        userFailures.clear();
    }

    /**
     * Bulk: the operation on the user whose id equals {@code idOrEmail}, or whose userName or any email equals it
     * ignoring case, is carried out but left out of the BulkResponse, as if the server lost track of it. Calls
     * accumulate until {@link #reset()}.
     */
    public void omitFromBulkResponse(String idOrEmail) {
        omittedFromBulkResponses.add(Objects.requireNonNull(idOrEmail, "idOrEmail"));
    }

    /**
     * Bulk: requests with more than {@code maxOperations} operations answer 413, whatever ServiceProviderConfig
     * says, as a server whose advertised limit is out of date would. 0 goes back to the advertised limit.
     */
    public void enforceBulkMaxOperations(int maxOperations) {
        if (maxOperations < 0) {
            throw new IllegalArgumentException("maxOperations must be >= 0, was " + maxOperations);
        }
        this.enforcedBulkMaxOperations = maxOperations;
    }

    /**
     * Bulk: requests {@code when} describes answer 500 with a SCIM error as a whole, and none of their operations is
     * carried out, as on servers whose Bulk breaks on a {@code bulkId} in a DELETE or on any PATCH. Calls accumulate
     * until {@link #clearWholeBulkFailures()}. Only a base that serves Bulk gets this far: one that does not answers
     * 501 first.
     */
    public void failWholeBulk(WholeBulkFailure when) {
        wholeBulkFailures.add(Objects.requireNonNull(when, "when"));
    }

    public void clearWholeBulkFailures() {
        wholeBulkFailures.clear();
    }

    /**
     * Bulk: which of {@code bulkId} and {@code location} the BulkResponse's operations carry (default both, RFC 7644
     * §3.7). Some servers echo {@code bulkId} for POST only; some write neither (the server of issue 12), leaving a
     * client no way to tell which answer is which operation's.
     */
    public void bulkResultIdentifiers(BulkResultIdentifiers identifiers) {
        this.bulkResultForm = new BulkResultForm(Objects.requireNonNull(identifiers, "identifiers"), bulkResultForm.status());
    }

    /**
     * Bulk: how each operation's {@code status} is written: {@code "204"} (default, RFC 7644), {@code 204}, or the
     * SCIM 1.1 {@code {"code": "204"}} that servers built on SCIM 1.1 still send.
     */
    public void bulkStatusForm(BulkStatusForm form) {
        this.bulkResultForm = new BulkResultForm(bulkResultForm.identifiers(), Objects.requireNonNull(form, "form"));
    }

    /**
     * Every filtered list request answers 400 invalidFilter ({@link FilterRefusal#INVALID_FILTER}) or 501
     * ({@link FilterRefusal#NOT_IMPLEMENTED}), as servers that filter on nothing do; ServiceProviderConfig then says
     * {@code filter.supported: false} unless {@link #advertiseFilterSupported} says otherwise. Unfiltered lists work.
     */
    public void refuseFilters(FilterRefusal refusal) {
        this.filterRefusal = Objects.requireNonNull(refusal, "refusal");
    }

    /** {@code refuseFilters(reject ? FilterRefusal.INVALID_FILTER : FilterRefusal.NONE)}. */
    public void rejectFilters(boolean reject) {
        refuseFilters(reject ? FilterRefusal.INVALID_FILTER : FilterRefusal.NONE);
    }

    /**
     * A filter mentioning {@code attribute} as spelled here (ignoring case, e.g. {@code "emails.value"}) answers
     * 400 invalidFilter; other spellings of the same attribute, such as {@code "emails"}, still work. Calls
     * accumulate until {@link #clearFilterAttributeFaults()}; a later {@link #filterAttributeMatchesNothing} of the
     * same spelling replaces this.
     */
    public void rejectFilterAttribute(String attribute) {
        String spelling = filterSpelling(attribute);
        unmatchableFilterAttributes.remove(spelling);
        rejectedFilterAttributes.add(spelling);
    }

    /**
     * Every comparison on {@code attribute} as spelled here (ignoring case, with or without the core User schema URN,
     * e.g. {@code "emails.value"} or {@code "userName"}) is false, so {@code emails.value eq "x"} answers 200 with
     * {@code totalResults: 0} for an address that exists: WSO2 IS and FusionAuth do this with {@code emails.value},
     * their matcher cannot compare a sub-attribute of a multi-valued attribute. Other spellings and attributes still
     * work. Calls accumulate until {@link #clearFilterAttributeFaults()}; a later {@link #rejectFilterAttribute} of
     * the same spelling replaces this.
     */
    public void filterAttributeMatchesNothing(String attribute) {
        String spelling = filterSpelling(attribute);
        rejectedFilterAttributes.remove(spelling);
        unmatchableFilterAttributes.add(spelling);
    }

    /** Undoes every {@link #rejectFilterAttribute} and {@link #filterAttributeMatchesNothing}. */
    public void clearFilterAttributeFaults() {
        rejectedFilterAttributes.clear();
        unmatchableFilterAttributes.clear();
    }

    /**
     * How a filter on an attribute the sandbox does not know (e.g. {@code nickName eq "x"}) is answered: 400
     * invalidFilter (default, RFC 7644 §3.4.2.2), or a comparison that is false, so 200 with no results, as servers
     * do that evaluate a filter against whatever attributes each user has. Syntax and type errors stay 400.
     */
    public void unknownFilterAttributes(UnknownAttributeAnswer answer) {
        this.unknownFilterAttributes = Objects.requireNonNull(answer, "answer");
    }

    /**
     * How filters compare {@code userName} and {@code emails} (every spelling, every operator): ignoring case
     * (default, RFC 7643 {@code caseExact: false}), or exactly as stored, as some servers do.
     */
    public void filterAddressCase(AddressCase addressCase) {
        this.filterAddressCase = Objects.requireNonNull(addressCase, "addressCase");
    }

    /** Filters are not even parsed: every list is unfiltered, like a sloppy server. */
    public void ignoreFilters(boolean ignore) {
        this.ignoreFilters = ignore;
    }

    /** startIndex is ignored: every list request returns the first page and reports startIndex 1. */
    public void repeatFirstPage(boolean repeat) {
        this.repeatFirstPage = repeat;
    }

    /** Users are served without {@code meta.lastModified} (and {@code meta.created}), as servers that do not keep them. */
    public void omitLastModified(boolean omit) {
        this.omitLastModified = omit;
    }

    /** {@code null} = truthful; otherwise ListResponse.totalResults reports this value. */
    public void totalResultsOverride(Integer totalResults) {
        this.totalResultsOverride = totalResults;
    }

    /**
     * 0 = off; otherwise a list page holds at most this many users whatever {@code count} asks, like servers that cap
     * it silently: ServiceProviderConfig's {@code filter.maxResults} still says 1000. See
     * {@link #capPageSize(int, CapDisclosure)} for a cap it says.
     */
    public void capPageSize(int maxUsers) {
        capPageSize(maxUsers, CapDisclosure.SILENT);
    }

    /**
     * As {@link #capPageSize(int)}; with {@link CapDisclosure#ADVERTISED}, {@code filter.maxResults} says the cap
     * (never more than the 1000 the sandbox serves at most), as a server that documents its page size does.
     */
    public void capPageSize(int maxUsers, CapDisclosure disclosure) {
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must not be negative, was " + maxUsers);
        }
        this.pageSizeCap = new PageSizeCap(maxUsers, Objects.requireNonNull(disclosure, "disclosure"));
    }

    /**
     * ServiceProviderConfig says {@code filter.supported} is {@code supported}, whatever the truth: real servers say
     * false while filters work (the server of issue 12), or true while every filter answers 400 or 501
     * ({@link #refuseFilters}); a ServiceProviderConfig is often a template nobody updated. Until
     * {@link #advertiseTruthfully()}.
     */
    public void advertiseFilterSupported(boolean supported) {
        this.advertisedFilterSupported = Optional.of(supported);
    }

    /**
     * ServiceProviderConfig says {@code filter.maxResults} is {@code maxResults}, whatever the pages really hold (the
     * truth is 1000, or the cap {@link #capPageSize(int, CapDisclosure)} advertises), as servers do whose advertised
     * limit is a template value or out of date, either way. Until {@link #advertiseTruthfully()}.
     */
    public void advertiseFilterMaxResults(int maxResults) {
        if (maxResults < 0) {
            throw new IllegalArgumentException("maxResults must not be negative, was " + maxResults);
        }
        this.advertisedMaxResults = OptionalInt.of(maxResults);
    }

    /**
     * ServiceProviderConfig's {@code bulk} says {@code advertised} ({@link BulkSupport#supported} with its
     * maxOperations and maxPayloadSize, or {@link BulkSupport#unsupported}), whatever the settings serve: servers
     * offer a Bulk endpoint that answers 501 or, with {@link #failWholeBulk}, 500, or deny one that works. The limits
     * enforced stay the settings'. Until {@link #advertiseTruthfully()}.
     */
    public void advertiseBulk(BulkSupport advertised) {
        this.advertisedBulk = Optional.of(Objects.requireNonNull(advertised, "advertised"));
    }

    /** Undoes {@link #advertiseFilterSupported}, {@link #advertiseFilterMaxResults} and {@link #advertiseBulk}. */
    public void advertiseTruthfully() {
        advertisedFilterSupported = Optional.empty();
        advertisedMaxResults = OptionalInt.empty();
        advertisedBulk = Optional.empty();
    }

    /**
     * How a list page without users (count=0, startIndex past the end, a filter matching nobody) is answered: a
     * ListResponse (default, RFC 7644), or a bare {@code {"totalResults": 0}} with no {@code Resources},
     * {@code startIndex} or {@code itemsPerPage} (the server of issue 12), or a bare {@code {"totalResults": N}}
     * keeping the real total, as other servers do. Pages with users stay ListResponses.
     */
    public void emptyPages(EmptyPageForm form) {
        this.emptyPageForm = Objects.requireNonNull(form, "form");
    }

    /**
     * Every list request in {@code cost}'s scope takes {@code base + perUser × directory size} before it is answered,
     * whatever the page size, on top of the latency, as a server that materialises the whole directory for every
     * request (one measured for issue 12 took about 1.3 s a page, whatever its size). A user by id, and everything
     * else, keeps the ordinary latency. {@link ListCost#NONE} turns it off.
     */
    public void listCost(ListCost cost) {
        this.listCost = Objects.requireNonNull(cost, "cost");
    }

    /**
     * Every filtered list request takes {@code cost} more before it is answered, on top of the latency and any
     * {@link #listCost}: the time a server spends per filter query (about 0.1 s on the one measured for issue 12).
     * {@link Duration#ZERO} turns it off.
     */
    public void filterQueryCost(Duration cost) {
        Objects.requireNonNull(cost, "cost");
        if (cost.isNegative()) {
            throw new IllegalArgumentException("cost must not be negative, was " + cost);
        }
        this.filterQueryCost = cost;
    }

    /**
     * More than {@code requestsPerSecond} authenticated requests in a second answer 429 with
     * {@code Retry-After: retryAfterSeconds}. 0 turns the limit off. Each call starts a fresh window.
     */
    public void rateLimit(int requestsPerSecond, int retryAfterSeconds) {
        this.rateLimiter = new RateLimiter(requestsPerSecond, retryAfterSeconds, System::nanoTime);
    }

    /** 0 = off; otherwise every authenticated request under the base answers this status with a SCIM error. */
    public void forceStatus(int status) {
        if (status != 0) {
            requireErrorStatus(status);
        }
        this.forcedStatus = status;
    }

    /** Delay added before every response; overrides the settings' latency. */
    public void latency(Duration newLatency) {
        Objects.requireNonNull(newLatency, "latency");
        if (newLatency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + newLatency);
        }
        this.latency = newLatency;
    }

    /**
     * Requests with {@code method} (ignoring case) whose raw path (still percent-encoded, without the query) matches
     * {@code rawPathRegex} in full get {@code fault} instead of the sandbox's answer, before authentication. The first
     * matching route wins; calls accumulate until {@link #clearRouteFaults()}.
     */
    public void onRoute(String method, String rawPathRegex, RouteFault fault) {
        onRoute(method, rawPathRegex, ".*", fault);
    }

    /**
     * As {@link #onRoute(String, String, RouteFault)}, for the requests whose raw query (empty when there is none) also
     * matches {@code rawQueryRegex} in full: a fault for the lookups ({@code .*filter=.*}) but not for a plain listing.
     */
    public void onRoute(String method, String rawPathRegex, String rawQueryRegex, RouteFault fault) {
        routeFaults.add(new Route(Objects.requireNonNull(method, "method"), Pattern.compile(rawPathRegex), Pattern.compile(rawQueryRegex),
                Objects.requireNonNull(fault, "fault")));
    }

    public void clearRouteFaults() {
        routeFaults.clear();
    }

    /**
     * The server stops answering, as one that hangs in the middle of a run: once {@code answered} more requests with
     * {@code method} (ignoring case) have arrived, the next one and every request after it, of any method, is held
     * for {@code hold} without an answer, then its connection is closed. Replaces an earlier silence;
     * {@link #reset()} ends it (requests already held stay held).
     *
     * @return what the silence holds, for the test to look at
     */
    public Silence stopAnsweringAfter(String method, int answered, Duration hold) {
        Silence next = new Silence(method, answered, Objects.requireNonNull(hold, "hold"));
        this.silence = next;
        return next;
    }

    /**
     * A lying removal: a DELETE of a user answers 204 and a PATCH 200 (with the user as the PATCH would have left it),
     * but the user stays as it was. A user that does not exist still answers 404. Works in every personality, and for
     * the operations of a Bulk request too.
     */
    public void ignoreRemovals(boolean ignored) {
        this.removalsIgnored = ignored;
    }

    /**
     * A service that applies changes late: for {@code delay} after a DELETE or PATCH of a user succeeded, {@code GET
     * /Users/{id}} still answers the user as it was before (the listing already shows the change).
     * {@link Duration#ZERO} turns it off; views already held run out as they were set.
     */
    public void removalsVisibleAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        this.removalVisibleAfter = delay;
    }

    /**
     * Stack Overflow: the admin checkboxes "Allow Moderator/Admin promotion via a userType property" (default on).
     * Off, a PATCH of {@code userType} still answers 200 but leaves the role as it was.
     */
    public void roleChangesAllowed(boolean allowed) {
        this.roleChangesAllowed = allowed;
    }

    /**
     * Stack Overflow: the user whose id equals {@code idOrEmail}, or whose userName or any email equals it ignoring
     * case, created a community, so deleting it violates {@code FK_CommunityMemberships_CreationUser} (500).
     */
    public void markCommunityCreator(String idOrEmail) {
        communityCreators.add(Objects.requireNonNull(idOrEmail, "idOrEmail"));
    }

    /**
     * Stack Overflow: the user known as {@code idOrEmail} (as for {@link #markCommunityCreator}) is a System Account,
     * which a DELETE refuses with 400 {@code "You cannot delete or destroy System Accounts."}.
     */
    public void markSystemAccount(String idOrEmail) {
        systemAccounts.add(Objects.requireNonNull(idOrEmail, "idOrEmail"));
    }

    /**
     * Stack Overflow: whether support has enabled user deletion over SCIM (default on). Off, every DELETE answers
     * 404.
     */
    public void deletionEnabled(boolean enabled) {
        this.deletionEnabled = enabled;
    }

    /**
     * Anaplan: every token issued so far expires now, as if 35 minutes had passed; tokens issued afterwards work.
     * {@link #reset()} does not bring expired tokens back.
     */
    public void expireTokens() {
        tokenExpiries.incrementAndGet();
    }

    /**
     * Sets every knob back to how the server started: turns every fault off, sets the service knobs back to their
     * defaults (role changes allowed, deletion enabled, no community creators or system accounts), restores the settings' latency, and
     * then sets what the settings' {@link SandboxSettings#withFaults preset} sets.
     */
    public void reset() {
        clearUserFailures();
        clearFilterAttributeFaults();
        clearRouteFaults();
        omittedFromBulkResponses.clear();
        enforcedBulkMaxOperations = 0;
        silence = null;
        clearWholeBulkFailures();
        bulkResultForm = BulkResultForm.RFC;
        removalsIgnored = false;
        removalVisibleAfter = Duration.ZERO;
        staleViews.clear();
        filterRefusal = FilterRefusal.NONE;
        unknownFilterAttributes = UnknownAttributeAnswer.INVALID_FILTER;
        filterAddressCase = AddressCase.INSENSITIVE;
        ignoreFilters = false;
        repeatFirstPage = false;
        omitLastModified = false;
        totalResultsOverride = null;
        pageSizeCap = PageSizeCap.NONE;
        advertiseTruthfully();
        emptyPageForm = EmptyPageForm.LIST_RESPONSE;
        listCost = ListCost.NONE;
        filterQueryCost = Duration.ZERO;
        rateLimiter = RateLimiter.unlimited();
        forcedStatus = 0;
        latency = defaultLatency;
        communityCreators.clear();
        systemAccounts.clear();
        roleChangesAllowed = true;
        deletionEnabled = true;
        preset.applyTo(this);
    }

    /**
     * The faults that hit every authenticated API request before it is looked at, in this order: forced status,
     * rate limit.
     */
    void throwServerWideFault() {
        int status = forcedStatus;
        if (status != 0) {
            throw ScimException.of(status, "Forced status " + status + " (sandbox fault)");
        }
        RateLimiter limiter = rateLimiter;
        if (!limiter.tryAcquire()) {
            throw ScimException.tooManyRequests(limiter.retryAfterSeconds());
        }
    }

    /** Throws the failure scripted with {@link #failUser} for this user, if any. */
    void throwScriptedFailure(String id, Optional<SandboxUser> user) {
        failureFor(id, user).ifPresent(failure -> {
            throw ScimException.of(failure.status(), failure.detail());
        });
    }

    /** A failure keyed by the exact id wins over one keyed by an address. */
    Optional<UserFailure> failureFor(String id, Optional<SandboxUser> user) {
        return Optional.ofNullable(userFailures.get(id))
                .or(() -> userFailures.values().stream().filter(failure -> failure.appliesTo(id, user)).findFirst());
    }

    boolean omittedFromBulkResponse(String id, Optional<SandboxUser> user) {
        return omittedFromBulkResponses.stream()
                .anyMatch(key -> key.equals(id) || user.map(found -> found.isKnownAs(key)).orElse(false));
    }

    int bulkMaxOperations(int advertised) {
        int enforced = enforcedBulkMaxOperations;
        return enforced == 0 ? advertised : enforced;
    }

    /** How long to hold this request without an answer, when the server has stopped answering. */
    Optional<Duration> silenceFor(String method) {
        Silence current = silence;
        return current != null && current.holds(method) ? Optional.of(current.hold()) : Optional.empty();
    }

    /** @param operations a BulkRequest's {@code Operations} */
    boolean failsWholeBulk(JsonNode operations) {
        return wholeBulkFailures.stream().anyMatch(failure -> failure.hits(operations));
    }

    BulkResultForm bulkResultForm() {
        return bulkResultForm;
    }

    boolean removalsIgnored() {
        return removalsIgnored;
    }

    /** A DELETE or PATCH of this user succeeded: with {@link #removalsVisibleAfter}, a GET shows {@code before} for a while. */
    void changed(String id, SandboxUser before) {
        Duration delay = removalVisibleAfter;
        if (!delay.isZero()) {
            staleViews.put(id, new StaleView(before, System.nanoTime() + delay.toNanos()));
        }
    }

    /** What a GET of this user shows while its last change is not visible yet; empty once it is. */
    Optional<SandboxUser> staleView(String id) {
        StaleView view = staleViews.get(id);
        if (view == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - view.untilNanos() >= 0) {
            staleViews.remove(id, view);
            return Optional.empty();
        }
        return Optional.of(view.before());
    }

    Optional<RouteFault> routeFault(String method, String rawPath, String rawQuery) {
        return routeFaults.stream().filter(route -> route.matches(method, rawPath, rawQuery)).map(Route::fault).findFirst();
    }

    FilterRefusal filterRefusal() {
        return filterRefusal;
    }

    FilterDialect filterDialect() {
        return new FilterDialect(Set.copyOf(unmatchableFilterAttributes), unknownFilterAttributes, filterAddressCase);
    }

    boolean filterAttributeRejected(String attributeAsWritten) {
        return rejectedFilterAttributes.contains(attributeAsWritten.toLowerCase(Locale.ROOT));
    }

    boolean filtersIgnored() {
        return ignoreFilters;
    }

    boolean firstPageRepeated() {
        return repeatFirstPage;
    }

    boolean lastModifiedOmitted() {
        return omitLastModified;
    }

    /** The most users a list page may hold: {@code count} capped by the sandbox's own maximum and the cap fault. */
    int pageSize(int count, int serverMaximum) {
        return Math.min(pageSizeCap.applyTo(serverMaximum), count);
    }

    /** ServiceProviderConfig's {@code filter.supported}: whether filters work, unless a lie is set. */
    boolean advertisedFilterSupport() {
        return advertisedFilterSupported.orElse(filterRefusal == FilterRefusal.NONE);
    }

    /** ServiceProviderConfig's {@code filter.maxResults}: the most a page holds, an advertised cap, or a lie. */
    int advertisedMaxResults(int serverMaximum) {
        PageSizeCap cap = pageSizeCap;
        return advertisedMaxResults.orElse(cap.disclosure() == CapDisclosure.ADVERTISED ? cap.applyTo(serverMaximum) : serverMaximum);
    }

    /** ServiceProviderConfig's {@code bulk}: what the settings serve, unless a lie is set. */
    BulkSupport advertisedBulk(BulkSupport served) {
        return advertisedBulk.orElse(served);
    }

    EmptyPageForm emptyPageForm() {
        return emptyPageForm;
    }

    /** How long a list request against a directory of {@code directorySize} users takes, before the latency. */
    Duration listRequestCost(int directorySize, boolean filtered) {
        Duration cost = listCost.of(directorySize, filtered);
        return filtered ? cost.plus(filterQueryCost) : cost;
    }

    Optional<Integer> totalResultsLie() {
        return Optional.ofNullable(totalResultsOverride);
    }

    boolean isCommunityCreator(SandboxUser user) {
        return communityCreators.stream().anyMatch(user::isKnownAs);
    }

    boolean isSystemAccount(SandboxUser user) {
        return systemAccounts.stream().anyMatch(user::isKnownAs);
    }

    boolean roleChangesAllowed() {
        return roleChangesAllowed;
    }

    boolean deletionEnabled() {
        return deletionEnabled;
    }

    /** Grows by one with every {@link #expireTokens()}. */
    long tokenExpiries() {
        return tokenExpiries.get();
    }

    Duration latency() {
        return latency;
    }

    /** How a filter attribute is compared with the spellings in a filter: without the core User schema URN, lower case. */
    private static String filterSpelling(String attribute) {
        return FilterAttribute.withoutSchemaPrefix(Objects.requireNonNull(attribute, "attribute")).toLowerCase(Locale.ROOT);
    }

    private static void requireErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400..599), was " + status);
        }
    }

    private record StaleView(SandboxUser before, long untilNanos) {
    }

    /** @param maxUsers 0 = no cap */
    private record PageSizeCap(int maxUsers, CapDisclosure disclosure) {
        static final PageSizeCap NONE = new PageSizeCap(0, CapDisclosure.SILENT);

        int applyTo(int serverMaximum) {
            return maxUsers == 0 ? serverMaximum : Math.min(maxUsers, serverMaximum);
        }
    }

    private record Route(String method, Pattern rawPath, Pattern rawQuery, RouteFault fault) {
        boolean matches(String requestMethod, String requestRawPath, String requestRawQuery) {
            return method.equalsIgnoreCase(requestMethod) && rawPath.matcher(requestRawPath).matches()
                    && rawQuery.matcher(requestRawQuery == null ? "" : requestRawQuery).matches();
        }
    }
}
