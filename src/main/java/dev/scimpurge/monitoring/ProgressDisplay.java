package dev.scimpurge.monitoring;

import org.jspecify.annotations.Nullable;

/** Shows a running execution's progress; called from one reporting thread only. */
interface ProgressDisplay extends AutoCloseable {

    /** @param progress where the execution stands, or null between steps */
    void show(@Nullable Progress progress);

    @Override
    void close();
}
