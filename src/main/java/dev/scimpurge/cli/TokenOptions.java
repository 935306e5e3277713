package dev.scimpurge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/** Where the SCIM token comes from: the SCIM_TOKEN environment variable or a file; the flag works but warns. */
public class TokenOptions {

    static final String ENV_VARIABLE = "SCIM_TOKEN";

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the SCIM token from this file (e.g. a mounted Kubernetes Secret). Default: the SCIM_TOKEN environment variable.")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN", hidden = false,
            description = "The SCIM token itself. Discouraged: it shows in the process list and shell history; prefer SCIM_TOKEN or --token-file.")
    String token;

    /** The token, or an {@link UsageException} that says how to provide one. Never echoes the token. */
    public String resolve(Map<String, String> environment, PrintWriter err) {
        return resolve(environment, err, null);
    }

    /**
     * As {@link #resolve(Map, PrintWriter)}, where the run needs a key of its own: {@code variable} (e.g. Atlassian's
     * organisation API key) is read before SCIM_TOKEN; --token-file and --token still come first.
     *
     * @param variable the environment variable the provider's removal names, or null
     */
    public String resolve(Map<String, String> environment, PrintWriter err, String variable) {
        if (variable != null && tokenFile == null && token == null) {
            String own = environment.get(variable);
            if (own != null && !own.isBlank()) {
                return own.strip();
            }
            String shared = environment.get(ENV_VARIABLE);
            if (shared == null || shared.isBlank()) {
                throw new UsageException("no token: set " + variable + " (or SCIM_TOKEN), or pass --token-file FILE");
            }
        }
        if (tokenFile != null && token != null) {
            throw new UsageException("give the token one way only: --token-file or --token");
        }
        if (tokenFile != null) {
            String content;
            try {
                content = Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new UsageException("cannot read the token file " + tokenFile + " (" + e.getClass().getSimpleName() + ")");
            }
            if (content.isEmpty()) {
                throw new UsageException("the token file " + tokenFile + " is empty");
            }
            return content;
        }
        if (token != null) {
            err.println("WARNING: --token makes the token visible in the process list and shell history; "
                    + "use the SCIM_TOKEN environment variable or --token-file instead.");
            return token.strip();
        }
        String fromEnvironment = environment.get(ENV_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        throw new UsageException("no SCIM token: set the SCIM_TOKEN environment variable or pass --token-file FILE");
    }
}
