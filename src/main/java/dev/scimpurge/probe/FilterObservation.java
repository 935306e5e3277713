package dev.scimpurge.probe;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One lookup filter tried on the known account.
 *
 * @param attribute the filter's attribute, e.g. {@code emails.value}
 * @param latency   how long the request in the stored case took (retries included)
 * @param detail    what the server said when it refused or failed, or why the filter was not applicable
 */
public record FilterObservation(String attribute, FilterVerdict verdict, CaseHandling caseHandling, Duration latency,
        @Nullable String detail) {

    public boolean finds() {
        return verdict == FilterVerdict.FINDS;
    }
}
