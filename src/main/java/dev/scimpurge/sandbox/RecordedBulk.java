package dev.scimpurge.sandbox;

import java.util.List;

/**
 * One {@code POST {base}/Bulk} as the sandbox read it.
 *
 * @param payloadBytes the request body's size
 * @param operations   {@code "DELETE /Users/abc"} per operation, in request order, path as sent; empty when the body was
 *                     refused before its operations were read
 * @param status       the status of the bulk response as a whole (200, or 413 for a request over the limits)
 */
public record RecordedBulk(int payloadBytes, List<String> operations, int status) {

    public RecordedBulk {
        operations = List.copyOf(operations);
    }
}
