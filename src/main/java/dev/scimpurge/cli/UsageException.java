package dev.scimpurge.cli;

/** Wrong options or configuration, detected before anything ran. Exit code {@link ExitCodes#USAGE}. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
