package dev.scimpurge.cli;

/**
 * The job database exists (or was named) but cannot be opened or read: the server is down, the
 * credentials are refused, the file is locked. Raised before any job exists, so nothing was done; the
 * same command run again later gets past it (exit 2, as for a service that cannot be reached).
 */
public class JobDatabaseUnavailableException extends RuntimeException {

    public JobDatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
