package dev.scimpurge.cli;

import org.jspecify.annotations.Nullable;

/** Wrong options or configuration, detected before anything ran. Exit code {@link ExitCodes#USAGE}. */
public class UsageException extends RuntimeException {

    public UsageException(@Nullable String message) {
        super(message);
    }
}
