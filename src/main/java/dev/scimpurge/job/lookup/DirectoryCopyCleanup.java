package dev.scimpurge.job.lookup;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Drops the job instance's copy of the directory once the resolve step has completed: it holds every
 * user's addresses, and the plan no longer needs it. A step that failed keeps it for its restart.
 * <p>
 * The DELETE (about a second per 10,000 copied addresses on H2) runs on a thread of its own while the
 * guard step and the removals go on, so that it does not stand between the plan and the first removal;
 * the execution waits for it at its end, and drops the copy itself if that failed, so that no execution that
 * made its plan ends with the copy still there.
 */
public final class DirectoryCopyCleanup implements StepExecutionListener, JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DirectoryCopyCleanup.class);

    private final DirectoryTable directory;
    private @Nullable Thread dropping;
    private volatile @Nullable RuntimeException failure;

    public DirectoryCopyCleanup(DirectoryTable directory) {
        this.directory = directory;
    }

    @Override
    public synchronized @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            long jobInstanceId = stepExecution.getJobExecution().getJobInstanceId();
            Thread thread = new Thread(() -> {
                try {
                    directory.clear(jobInstanceId);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "directory-copy-cleanup");
            thread.setDaemon(true);
            thread.start();
            dropping = thread;
        }
        return null;
    }

    @Override
    public synchronized void afterJob(JobExecution jobExecution) {
        Thread thread = dropping;
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        dropping = null;
        if (failure != null) {
            log.debug("Dropping the directory copy in the background failed; dropping it now", failure);
            failure = null;
            directory.clear(jobExecution.getJobInstanceId());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
