package dev.scimpurge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Option;

import dev.scimpurge.provider.AuthenticationSchemes;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;

/**
 * The credentials of a run: a SCIM token (SCIM_TOKEN or a file; the flag works but warns), or for
 * providers that log in to get a token (Anaplan) a user and password (the environment or a file,
 * never argv). Never echoed.
 */
public class CredentialOptions {

    static final String TOKEN_VARIABLE = "SCIM_TOKEN";
    static final String USER_VARIABLE = "ANAPLAN_USER";
    static final String PASSWORD_VARIABLE = "ANAPLAN_PASSWORD";

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the SCIM token from this file (e.g. a mounted Kubernetes Secret). Default: the SCIM_TOKEN environment variable.")
    @Nullable Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The SCIM token itself. Discouraged: it shows in the process list and shell history; prefer SCIM_TOKEN or --token-file.")
    @Nullable String token;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "For providers that log in with a user and password (anaplan): a file holding 'user:password' on one line. "
                    + "Default: the " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + " environment variables.")
    @Nullable Path credentialsFile;

    /** What the run's provider authenticates with, or a {@link UsageException} that says how to provide it. */
    Credentials resolve(ProviderRun provider, CommandEnvironment environment) {
        return AuthenticationSchemes.needsUserAndPassword(provider.profile()) ? userPassword(environment)
                : new Credentials.Token(token(environment, provider.removal().tokenVariable()));
    }

    /**
     * @param ownVariable where the run needs a key of its own (Atlassian's organisation API key), the environment
     *                    variable read before SCIM_TOKEN; --token-file and --token still come first
     */
    private String token(CommandEnvironment environment, @Nullable String ownVariable) {
        if (ownVariable != null && tokenFile == null && token == null) {
            String own = environment.variables().get(ownVariable);
            if (own != null && !own.isBlank()) {
                return own.strip();
            }
            String shared = environment.variables().get(TOKEN_VARIABLE);
            if (shared == null || shared.isBlank()) {
                throw new UsageException("no token: set " + ownVariable + " (or SCIM_TOKEN), or pass --token-file FILE");
            }
        }
        if (tokenFile != null && token != null) {
            throw new UsageException("give the token one way only: --token-file or --token");
        }
        if (tokenFile != null) {
            String content = read(tokenFile, "token file");
            if (content.isEmpty()) {
                throw new UsageException("the token file " + tokenFile + " is empty");
            }
            return content;
        }
        if (token != null) {
            environment.err().println("WARNING: --token makes the token visible in the process list and shell history; "
                    + "use the SCIM_TOKEN environment variable or --token-file instead.");
            return token.strip();
        }
        String fromEnvironment = environment.variables().get(TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        throw new UsageException("no SCIM token: set the SCIM_TOKEN environment variable or pass --token-file FILE");
    }

    private Credentials.UserPassword userPassword(CommandEnvironment environment) {
        if (credentialsFile != null) {
            String content = read(credentialsFile, "credentials file");
            int colon = content.indexOf(':');
            if (colon <= 0 || colon == content.length() - 1 || content.contains("\n")) {
                throw new UsageException("the credentials file " + credentialsFile + " must hold one line 'user:password'");
            }
            return new Credentials.UserPassword(content.substring(0, colon), content.substring(colon + 1));
        }
        String user = environment.variables().get(USER_VARIABLE);
        String password = environment.variables().get(PASSWORD_VARIABLE);
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new UsageException("no credentials: set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ", or pass --credentials-file FILE");
        }
        return new Credentials.UserPassword(user.strip(), password);
    }

    /** The file's content, stripped; the exception names the file, never what is in it. */
    private static String read(Path file, String what) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UsageException("cannot read the " + what + " " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
