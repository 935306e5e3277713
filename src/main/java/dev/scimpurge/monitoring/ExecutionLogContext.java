package dev.scimpurge.monitoring;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Puts the execution id into the logging context (MDC) for as long as the execution runs, so that
 * every log line of a run says which execution it belongs to: {@code [execution 7]} in text logs,
 * an {@code execution_id} field in JSON logs. Registered first, so it is set before and cleared
 * after every other listener.
 */
@Component
public class ExecutionLogContext implements JobExecutionListener {

    public static final String EXECUTION_ID = "execution_id";

    @Override
    public void beforeJob(JobExecution execution) {
        MDC.put(EXECUTION_ID, String.valueOf(execution.getId()));
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(EXECUTION_ID);
    }
}
