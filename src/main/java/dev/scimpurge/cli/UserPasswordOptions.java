package dev.scimpurge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

import dev.scimpurge.provider.Credentials;

/** User and password, for providers that log in to get a token (Anaplan): from the environment or a file, never argv. */
public class UserPasswordOptions {

    static final String USER_VARIABLE = "ANAPLAN_USER";
    static final String PASSWORD_VARIABLE = "ANAPLAN_PASSWORD";

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "For providers that log in with a user and password (anaplan): a file holding 'user:password' on one line. "
                    + "Default: the " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + " environment variables.")
    Path file;

    public Credentials.UserPassword resolve(Map<String, String> environment) {
        if (file != null) {
            String content;
            try {
                content = Files.readString(file).strip();
            } catch (IOException e) {
                throw new UsageException("cannot read the credentials file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
            int colon = content.indexOf(':');
            if (colon <= 0 || colon == content.length() - 1 || content.contains("\n")) {
                throw new UsageException("the credentials file " + file + " must hold one line 'user:password'");
            }
            return new Credentials.UserPassword(content.substring(0, colon), content.substring(colon + 1));
        }
        String user = environment.get(USER_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new UsageException("no credentials: set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ", or pass --credentials-file FILE");
        }
        return new Credentials.UserPassword(user.strip(), password);
    }
}
