package dev.scimpurge.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scimpurge.sandbox.ListingPaging;
import dev.scimpurge.sandbox.ServiceProfile;
import dev.scimpurge.scim.ListPaging;

/**
 * The rehearsal sandbox of a profile that has a {@code sandbox:} section: the service it plays, from the profile's URL
 * layout, Users path, page size and removal, plus the section's quirks. No class per service.
 */
public final class RehearsalSandbox {

    private RehearsalSandbox() {
    }

    /** The service the sandbox plays for {@code profile}, or empty when the profile has no {@code sandbox:} section. */
    public static Optional<ServiceProfile> of(ProviderProfile profile) {
        ProviderProfile.Sandbox quirks = profile.sandbox();
        if (quirks == null) {
            return Optional.empty();
        }
        if (!"bearer".equals(profile.auth())) {
            throw new IllegalArgumentException("provider " + profile.name() + ": the sandbox plays a profile's service only with"
                    + " bearer tokens, not " + profile.auth());
        }
        Map<String, String> values = new HashMap<>(quirks.variables());
        values.put("url", "");
        String basePath = UrlTemplate.expand(profile.url().scimBase(), values);
        if (basePath.isEmpty()) {
            // the profile's SCIM base is the --url itself (the service's console shows it whole): the sandbox serves it here
            basePath = quirks.basePath() != null ? quirks.basePath() : "/scim/v2";
        }
        ServiceProfile.DeleteAnswer delete = quirks.delete() != null ? quirks.delete() : sendsDelete(profile)
                ? ServiceProfile.DeleteAnswer.REMOVES : ServiceProfile.DeleteAnswer.UNSUPPORTED;
        return Optional.of(new ServiceProfile(profile.name(), basePath, profile.usersPath(), delete,
                quirks.filters().isEmpty() ? filtersSent(profile) : quirks.filters(),
                profile.maxPageSize() != null ? profile.maxPageSize() : ServiceProfile.MAX_PAGE_SIZE, quirks.ids(),
                quirks.deleteRateLimit(), profile.paging() == ListPaging.CURSOR ? ListingPaging.CURSOR : ListingPaging.INDEX,
                quirks.resourcesKey() != null ? quirks.resourcesKey() : "Resources"));
    }

    /** Whether the profile's SCIM base is {@code --url} itself, so that a run against its sandbox names the base, not the site. */
    public static boolean baseIsTheUrl(ProviderProfile profile) {
        return "{url}".equals(profile.url().scimBase().strip());
    }

    /**
     * The variables the sandbox's URLs were made with ({@code enterprise}, ...), for a rehearsal to pass as the
     * command line would.
     */
    public static Map<String, String> variables(ProviderProfile profile) {
        return profile.sandbox() == null ? Map.of() : profile.sandbox().variables();
    }

    /** Where the documentation lists no filters, the sandbox takes the ones the profile sends: lookups and deactivated. */
    private static List<String> filtersSent(ProviderProfile profile) {
        List<String> filters = new ArrayList<>(profile.lookup().filters());
        String deactivated = profile.deactivated().filter();
        if (deactivated != null && !deactivated.isBlank()) {
            filters.add(deactivated.trim().split("\\s+")[0]);
        }
        return filters;
    }

    private static boolean sendsDelete(ProviderProfile profile) {
        return profile.removal().variants().values().stream().anyMatch(variant -> "delete".equals(variant.action()));
    }
}
