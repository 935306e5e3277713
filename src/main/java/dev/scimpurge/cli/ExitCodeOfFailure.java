package dev.scimpurge.cli;

import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * The exit code of a command that ended in an exception. {@link ExitCodes#JOB_FAILED} ("run it again")
 * only for a job that exists and did not finish ({@link RunNotFinishedException}), and for a job database
 * that cannot be reached ({@link JobDatabaseUnavailableException}), which, like a service that cannot be
 * reached, the same command gets past later. Anything else raised before a job exists (a usage error, a
 * setting Spring Boot refuses, a bad sandbox seed) means nothing was done: {@link ExitCodes#USAGE}.
 */
final class ExitCodeOfFailure implements IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof RunNotFinishedException || exception instanceof JobDatabaseUnavailableException
                ? ExitCodes.JOB_FAILED : ExitCodes.USAGE;
    }
}
