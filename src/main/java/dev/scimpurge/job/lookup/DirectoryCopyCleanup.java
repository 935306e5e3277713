package dev.scimpurge.job.lookup;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Drops the job instance's copy of the directory once the resolve step has completed: it holds every
 * user's addresses, and the plan no longer needs it. A step that failed keeps it for its restart.
 */
public final class DirectoryCopyCleanup implements StepExecutionListener {

    private final DirectoryTable directory;

    public DirectoryCopyCleanup(DirectoryTable directory) {
        this.directory = directory;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            directory.clear(stepExecution.getJobExecution().getJobInstanceId());
        }
        return null;
    }
}
