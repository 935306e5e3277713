package dev.scimpurge.throughput;

import java.time.Duration;

/**
 * Rows per transaction in the remove step. A chunk's requests go out on the workers (the
 * removal-attempt log committed before them, the outcomes after); the next chunk's first round
 * fills the workers while a chunk waits for its slowest request and commits (the remove step's
 * pipeline, {@code job.purge.RemovalPipeline}), so a chunk needs whole rounds of requests, one per
 * worker (20 rows on 8 workers would be 3 rounds, the last half empty), and enough rounds that its
 * commits and the next chunk's are small beside them: {@value #ROUNDS} rounds, at least
 * {@value #FEWEST_ROWS} rows, at most {@value #MOST_ROWS} (rounded down to whole rounds).
 * <p>
 * A crash makes a restart send a chunk and a round again at most (recorded as already gone), and a
 * stop or SIGTERM waits for the chunk under way, and the one before it while that is answered. Under
 * a rate chunks do not overlap, and a chunk holds no more than that rate sends in half the shutdown
 * grace, counting {@value #REQUESTS_PER_ROW} requests a row (a deactivated run re-reads each user
 * before removing it). A rate learned from 429s is not known when the step starts, and does not
 * shrink the chunk.
 *
 * @param rows rows per chunk, also the reader's page size
 */
public record RemovalChunkSize(int rows) {

    static final int ROUNDS = 8;
    static final int FEWEST_ROWS = 20;
    static final int MOST_ROWS = 256;
    static final int REQUESTS_PER_ROW = 2;

    /**
     * @param explicit      {@code scim-purge.job.chunk-size}, used as it is when set
     * @param shutdownGrace how long a SIGTERM waits for the chunks under way
     */
    public static RemovalChunkSize of(Integer explicit, Throughput throughput, Duration shutdownGrace) {
        if (explicit != null) {
            if (explicit < 1) {
                throw new IllegalArgumentException("scim-purge.job.chunk-size must be at least 1, was " + explicit);
            }
            return new RemovalChunkSize(explicit);
        }
        int workers = throughput.concurrency();
        int rows = Math.max(FEWEST_ROWS, ROUNDS * workers);
        if (rows > MOST_ROWS) {
            rows = wholeRounds(MOST_ROWS, workers);
        }
        if (throughput.ratePerSecond() > 0) {
            double secondsPerChunk = shutdownGrace.toMillis() / 2000.0;
            int paced = (int) Math.max(1, Math.floor(throughput.ratePerSecond() * secondsPerChunk / REQUESTS_PER_ROW));
            rows = Math.min(rows, wholeRounds(paced, workers));
        }
        return new RemovalChunkSize(rows);
    }

    /** {@code rows} rounded down to whole rounds of requests, unless that is less than one round. */
    private static int wholeRounds(int rows, int workers) {
        return rows < workers ? rows : rows / workers * workers;
    }
}
