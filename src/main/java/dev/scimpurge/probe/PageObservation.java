package dev.scimpurge.probe;

import java.time.Duration;

/**
 * The directory's first page as the server served it.
 *
 * @param asked        users asked for ({@code count})
 * @param served       users the page held
 * @param totalResults the directory's size as the page gave it
 * @param latency      how long the request took
 */
public record PageObservation(int asked, int served, int totalResults, Duration latency) {

    /** The page size to expect from the server: what it served when it had more to give, else what was asked. */
    public int pageSize() {
        return served < asked && served < totalResults ? Math.max(served, 1) : asked;
    }
}
