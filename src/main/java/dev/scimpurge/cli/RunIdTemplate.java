package dev.scimpurge.cli;

import java.time.LocalDate;

/**
 * {@code {date}} in a run id stands for the day the run starts, so that one scheduled command
 * names a new run every night. Braces, not {@code $(date +%F)} or {@code ${date}}: cron turns
 * {@code %} into a newline, systemd and Kubernetes start no shell, and a shell expands
 * {@code ${date}} to nothing; {@code {date}} passes through all of them unchanged.
 */
final class RunIdTemplate {

    static final String DATE = "{date}";

    private RunIdTemplate() {
    }

    static String expand(String runId) {
        return expand(runId, LocalDate.now());
    }

    static String expand(String runId, LocalDate today) {
        return runId.replace(DATE, today.toString());
    }
}
