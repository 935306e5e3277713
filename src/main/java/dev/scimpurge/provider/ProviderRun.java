package dev.scimpurge.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.scimpurge.scim.ScimBaseUrl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A provider profile applied to one run: the service's URL, the SCIM base derived from it, the
 * variables given on the command line, and the chosen removal. Holds no secrets: all of it is
 * stored in the job parameters, so that a restart can rebuild it.
 *
 * @param siteUrl        {@code --url}, or the profile's default URL
 * @param scimBase       the SCIM base (the part before /Users)
 * @param variables      e.g. {@code directoryId}, {@code orgId}
 * @param removalVariant the profile's removal variant in use
 * @param authUrl        the authentication API, for profiles that have one
 */
public record ProviderRun(ProviderProfile profile, ScimBaseUrl siteUrl, ScimBaseUrl scimBase, Map<String, String> variables,
        String removalVariant, @Nullable String authUrl) {

    static final String SITE = "site";
    static final String SCIM_BASE = "scim-base";
    static final String REMOVAL = "removal";
    static final String AUTH_URL = "auth-url";
    static final String VARIABLE_PREFIX = "var.";

    public ProviderRun {
        variables = Map.copyOf(new TreeMap<>(variables));
    }

    /**
     * @param url           {@code --url}, or null for the profile's default
     * @param scimBaseGiven {@code --scim-base}: overrides the derivation, or null
     * @param variant       the removal variant asked for, or null for the profile's default
     * @param authUrl       {@code --auth-url}, or null for the profile's default
     */
    public static ProviderRun resolve(ProviderProfile profile, @Nullable String url, @Nullable String scimBaseGiven,
            Map<String, String> variables, @Nullable String variant, @Nullable String authUrl) {
        String site = url != null ? url : profile.url().defaultUrl();
        if (site == null) {
            throw new IllegalArgumentException("--url is required for provider " + profile.name());
        }
        ScimBaseUrl siteUrl = ScimBaseUrl.parse(site);
        String variantName = variant != null ? variant : profile.removal().defaultVariant();
        ProviderProfile.RemovalVariant chosen = profile.variant(variantName);
        for (String required : concat(profile.requiredVariables(), chosen.requires())) {
            if (!variables.containsKey(required)) {
                throw new IllegalArgumentException("provider " + profile.name() + " (removal " + variantName + ") needs --" + kebab(required));
            }
        }
        if (chosen.url() != null) {
            Map<String, String> probe = new HashMap<>(variables);
            probe.put("url", siteUrl.toString());
            probe.put("id", "x");
            UrlTemplate.expand(chosen.url(), probe);
        }
        ScimBaseUrl base = ScimBaseUrl.parse(scimBaseGiven != null ? scimBaseGiven : deriveScimBase(profile, chosen, siteUrl, variables));
        String auth = authUrl != null ? authUrl : profile.authUrl();
        if (auth != null) {
            auth = ScimBaseUrl.parse(auth).toString();
        }
        return new ProviderRun(profile, siteUrl, base, variables, variantName, auth);
    }

    private static String deriveScimBase(ProviderProfile profile, ProviderProfile.RemovalVariant variant, ScimBaseUrl site,
            Map<String, String> variables) {
        String host = site.host().toLowerCase(Locale.ROOT);
        String template = variant.scimBase() != null ? variant.scimBase() : profile.url().scimBaseByHost().stream()
                .filter(rule -> hostMatches(host, rule.hostSuffix().toLowerCase(Locale.ROOT)))
                .map(ProviderProfile.HostRule::scimBase)
                .findFirst()
                .orElse(profile.url().scimBase());
        refuseDoubledPath(profile, template, site, variables);
        return UrlTemplate.expand(template, with(variables, "url", site.toString()));
    }

    /** {@code .example.com} matches {@code example.com} itself and every host under it; a suffix without a dot matches as written. */
    static boolean hostMatches(String host, String suffix) {
        return host.endsWith(suffix) || suffix.startsWith(".") && host.equals(suffix.substring(1));
    }

    /**
     * A {@code --url} that already ends with the path the profile appends (the SCIM base given as the site) would
     * silently become {@code /api/scim/v2/api/scim/v2}: every request would miss.
     */
    private static void refuseDoubledPath(ProviderProfile profile, String template, ScimBaseUrl site, Map<String, String> variables) {
        if (!template.startsWith("{url}")) {
            return;
        }
        String appended = UrlTemplate.expand(template, with(variables, "url", "")).replaceAll("/+$", "");
        String path = site.uri().getRawPath() == null ? "" : site.uri().getRawPath();
        if (!appended.isEmpty() && path.toLowerCase(Locale.ROOT).endsWith(appended.toLowerCase(Locale.ROOT))) {
            String siteOnly = site.toString().substring(0, site.toString().length() - appended.length());
            throw new IllegalArgumentException("--url " + site + " already ends with " + appended + ", which provider "
                    + profile.name() + " appends itself: give the site, --url " + siteOnly + ", or the SCIM base as --scim-base " + site);
        }
    }

    /** The run's settings as plain strings (site, removal, auth URL, variables), to store as job parameters. */
    public Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        settings.put(SITE, siteUrl.toString());
        settings.put(SCIM_BASE, scimBase.toString());
        settings.put(REMOVAL, removalVariant);
        if (authUrl != null) {
            settings.put(AUTH_URL, authUrl);
        }
        variables.forEach((name, value) -> settings.put(VARIABLE_PREFIX + name, value));
        return settings;
    }

    /** The inverse of {@link #settings()}, for a restart. */
    public static ProviderRun restore(ProviderProfile profile, Map<String, String> settings) {
        Map<String, String> variables = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(VARIABLE_PREFIX)) {
                variables.put(key.substring(VARIABLE_PREFIX.length()), value);
            }
        });
        return resolve(profile, settings.get(SITE), settings.get(SCIM_BASE), variables, settings.get(REMOVAL), settings.get(AUTH_URL));
    }

    public ProviderProfile.RemovalVariant removal() {
        return profile.variant(removalVariant);
    }

    /** deleted, deactivated, removed: what this run does to an account. */
    public String removalVerb() {
        String verb = removal().verb();
        return verb != null ? verb : profile.removal().verb();
    }

    /**
     * What this run's removal leaves for a read to find: the variant's {@code leaves:}, else what its action does (a
     * DELETE of {@code /Users/{id}}: gone; a PatchOp that sets {@code active} false: deactivated; a provider's own URL,
     * or a PatchOp that leaves {@code active} alone: nothing a read can check).
     */
    public RemovalEffect removalEffect() {
        ProviderProfile.RemovalVariant variant = removal();
        if (variant.leaves() != null) {
            return variant.leaves();
        }
        return switch (variant.action()) {
            case "delete", "demote-then-delete" -> RemovalEffect.GONE;
            case "patch" -> deactivates(variant.operations()) ? RemovalEffect.DEACTIVATED : RemovalEffect.UNCHECKABLE;
            default -> RemovalEffect.UNCHECKABLE;
        };
    }

    /**
     * How {@code restore} undoes this run's removal: the variant's {@code restore:}, else what its effect allows (a PatchOp
     * that deactivates is undone by setting {@code active} true; a removal that leaves the account gone cannot be undone;
     * any other names no restore).
     */
    public ProviderProfile.Restore restore() {
        ProviderProfile.RemovalVariant variant = removal();
        if (variant.restore() != null) {
            return variant.restore();
        }
        return switch (removalEffect()) {
            case GONE -> new ProviderProfile.Restore(ProviderProfile.RestoreAction.NONE, null, List.of(),
                    "the removal '" + removalVariant + "' deletes the account, which cannot be undone; recreate it by hand from what was kept");
            case DEACTIVATED -> "patch".equals(variant.action()) ? REACTIVATE : noRestoreNamed();
            case UNCHECKABLE -> noRestoreNamed();
        };
    }

    private static final ProviderProfile.Restore REACTIVATE = new ProviderProfile.Restore(ProviderProfile.RestoreAction.PATCH,
            JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                    .put("op", "replace").put("path", "active").put("value", true)), List.of(), null);

    private ProviderProfile.Restore noRestoreNamed() {
        return new ProviderProfile.Restore(ProviderProfile.RestoreAction.NONE, null, List.of(), "the " + profile.name()
                + " profile names no restore for its removal '" + removalVariant + "'; undo it in the service's own admin");
    }

    /** Whether a PatchOp sets {@code active} false: {@code path: active, value: false}, or a value object holding it. */
    private static boolean deactivates(@Nullable JsonNode operations) {
        if (operations == null) {
            return false;
        }
        for (JsonNode op : operations) {
            if (!"replace".equalsIgnoreCase(op.path("op").asString("")) && !"add".equalsIgnoreCase(op.path("op").asString(""))) {
                continue;
            }
            JsonNode value = op.path("value");
            String path = op.path("path").asString("");
            if ("active".equalsIgnoreCase(path) && value.isBoolean() && !value.asBoolean()
                    || path.isEmpty() && value.path("active").isBoolean() && !value.path("active").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Expands a profile URL template for one account. */
    public String expand(String template, String accountId) {
        Map<String, String> values = with(variables, "url", siteUrl.toString());
        values.put("base", scimBase.toString());
        values.put("id", accountId);
        return UrlTemplate.expand(template, values);
    }

    private static Map<String, String> with(Map<String, String> variables, String name, String value) {
        Map<String, String> values = new HashMap<>(variables);
        values.put(name, value);
        return values;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
