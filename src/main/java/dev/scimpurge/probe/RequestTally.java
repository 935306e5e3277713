package dev.scimpurge.probe;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.scimpurge.scim.RequestEvents;

/** Counts the requests a probe sent, by method and answer, the 429s among them, and the pauses and retries they caused. */
public final class RequestTally implements RequestEvents {

    private final Map<String, Integer> byMethod = new TreeMap<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private int unanswered;
    private int retries;
    private Duration paused = Duration.ZERO;

    @Override
    public synchronized void answered(String method, int status) {
        byMethod.merge(method, 1, Integer::sum);
        byStatus.merge(status, 1, Integer::sum);
    }

    @Override
    public synchronized void unanswered(String method) {
        byMethod.merge(method, 1, Integer::sum);
        unanswered++;
    }

    @Override
    public synchronized void retryAfter(Duration pause) {
        paused = paused.plus(pause);
    }

    @Override
    public synchronized void retried(RetryReason reason) {
        retries++;
    }

    /** What was counted so far. */
    public synchronized Counts counts() {
        return new Counts(Map.copyOf(byMethod), Map.copyOf(byStatus), byStatus.getOrDefault(429, 0), unanswered, retries, paused);
    }

    /**
     * @param byMethod   requests sent, by HTTP method
     * @param byStatus   answers, by HTTP status
     * @param tooMany    answers 429 Too Many Requests
     * @param unanswered requests that got no answer
     * @param retries    requests sent again
     * @param paused     the pauses the server asked for (Retry-After), in all
     */
    public record Counts(Map<String, Integer> byMethod, Map<Integer, Integer> byStatus, int tooMany, int unanswered, int retries,
            Duration paused) {

        public Counts {
            byMethod = new TreeMap<>(byMethod);
            byStatus = new TreeMap<>(byStatus);
        }

        public int sent() {
            return byMethod.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
