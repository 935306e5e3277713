package dev.scimpurge.throughput;

/**
 * The pace a run's target taught its runs with 429s, kept between them, so that the next run or a restart of the
 * same target starts at it instead of unpaced (and meets the limit at once again). A context with no job database
 * (probe) has none.
 */
public interface LearnedPace {

    /** Requests per second the target's runs learned last; 0 when none did. */
    double rate();

    /** Keeps {@code ratePerSecond}, learned just now, for the target's next runs. */
    void keep(double ratePerSecond);
}
