package dev.scimpurge.monitoring;

/** Shows a running execution's progress; called from one reporting thread only. */
interface ProgressDisplay extends AutoCloseable {

    /** @param progress where the execution stands, or null between steps */
    void show(Progress progress);

    @Override
    void close();
}
