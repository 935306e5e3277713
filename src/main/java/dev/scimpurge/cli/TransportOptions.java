package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How to reach the service: a private CA, a proxy, and (only on explicit request) no certificate checks. */
public class TransportOptions {

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Trust this private CA (PEM) for the service's TLS certificate, besides the JVM's default CAs.")
    @Nullable Path caCert;

    @Option(names = "--proxy", paramLabel = "URL", description = "Send requests through this HTTP proxy, e.g. http://proxy.internal:3128.")
    @Nullable String proxy;

    @Option(names = "--insecure-skip-tls-verify",
            description = "Accept any TLS certificate and host name. Dangerous: the token goes to whoever answers. Warns on every run.")
    boolean insecureSkipTlsVerify;

    /** As Spring Boot command-line properties for the run's context; warns about skipped verification. */
    public List<String> asSpringArguments(PrintWriter err) {
        List<String> arguments = new ArrayList<>();
        if (caCert != null) {
            Path absolute = caCert.toAbsolutePath().normalize();
            if (!Files.isReadable(absolute)) {
                throw new UsageException("--ca-cert: cannot read " + absolute);
            }
            arguments.add("--scim-purge.http.ca-cert=" + absolute);
        }
        if (proxy != null) {
            arguments.add("--scim-purge.http.proxy=" + validProxy(proxy));
        }
        if (insecureSkipTlsVerify) {
            err.println("WARNING: --insecure-skip-tls-verify: TLS certificates are not checked. Anyone between you and the "
                    + "service can read the token and answer in its place. Use --ca-cert for a private CA instead.");
            arguments.add("--scim-purge.http.insecure-skip-tls-verify=true");
        }
        return arguments;
    }

    private static URI validProxy(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--proxy must look like http://HOST:PORT");
            }
            if (uri.getRawUserInfo() != null) {
                throw new UsageException("--proxy must not contain credentials");
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new UsageException("--proxy is not a URL: " + e.getReason());
        }
    }
}
