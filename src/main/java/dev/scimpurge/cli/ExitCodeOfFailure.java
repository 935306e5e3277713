package dev.scimpurge.cli;

import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * The exit code of a command that ended in an exception. {@link ExitCodes#JOB_FAILED} ("restartable")
 * only for a job that exists and did not finish ({@link RunNotFinishedException}); anything raised before
 * a job exists (a usage error, a job database that cannot be opened, a setting Spring Boot refuses)
 * means nothing was done: {@link ExitCodes#USAGE}.
 */
final class ExitCodeOfFailure implements IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof RunNotFinishedException ? ExitCodes.JOB_FAILED : ExitCodes.USAGE;
    }
}
