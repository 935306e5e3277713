package dev.scimpurge.scim;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The SCIM base URL: the part before {@code /Users}. Plain http is accepted for loopback hosts
 * only, and a URL may not carry credentials, a query or a fragment (it is stored in the job
 * repository and printed in reports).
 */
public record ScimBaseUrl(URI uri) {

    public static ScimBaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the URL must look like https://HOST/PATH");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the URL must not contain credentials; pass the token through SCIM_TOKEN or --token-file");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL must not contain a query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("plain http:// is only allowed for loopback hosts (localhost, 127.0.0.1, ::1); use https://");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        if (authority.contains(":") && uri.getHost().contains(":") && !uri.getHost().startsWith("[")) {
            authority = "[" + uri.getHost() + "]" + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        }
        return new ScimBaseUrl(URI.create(scheme + "://" + authority + path));
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false; // a name other than localhost would need DNS, which can point anywhere
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public String host() {
        return uri.getHost();
    }

    /** {@code {base}/{path}}; the path is taken as it is (it comes from a profile, not from input). */
    public URI resolve(String path) {
        return URI.create(uri + "/" + path);
    }

    /** RFC 3986 path-segment encoding of everything but the unreserved characters, so an id cannot leave {@code /Users/}. */
    public static String pathSegment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
