package dev.scimpurge.job.purge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.job.collect.Candidate;
import dev.scimpurge.provider.AccountRemoval;
import dev.scimpurge.scim.RequestNotSentException;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimBulkResponse;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimTransportException;
import dev.scimpurge.throughput.RequestWorkers;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chunk's removals as SCIM Bulk requests (RFC 7644 §3.7), each operation the removal's plain request on
 * {@code /Users/{id}}, without {@code bulkId} (see {@link BulkRequests#operation}). The chunk is split into requests
 * within the server's maxOperations and maxPayloadSize, spread over the {@link RequestWorkers} (at most
 * ceil(rows / concurrency) operations each, unless requests are paced: then as few requests as the limits allow),
 * which send them in parallel.
 * <p>
 * Each operation's answer is tied to its row by its {@code location}, the user's URL, and gives the outcome a plain
 * request with that status would ({@link RemovalOutcomes}); a 429 or 5xx of one operation sends that row again in the
 * next round, up to {@code --max-attempts} rounds. A 413 splits the request in two.
 * <p>
 * Bulk proves itself or is dropped: when a Bulk request fails as a whole after its rounds (a 5xx or 429, an answer
 * that cannot be read, no answer), is refused as a whole (another 4xx, such as 501), or is answered with results
 * that cannot be tied to their operations (no {@code location}, an operation left out, no readable status), its rows
 * are not failed: each is settled with its own request ({@link PerUserRemoval}; a 404 after a Bulk request that
 * carried it is "already gone"), and every later removal of the execution goes one request per user, after one
 * warning that says what the server did. An operation too large for any request goes as its own request too. A
 * server that does not answer at all, and authorization errors, stop the job as they do for plain requests.
 */
final class BulkRemoval implements ChunkRemoval {

    private static final Logger log = LoggerFactory.getLogger(BulkRemoval.class);

    private final RemovalProcessor recheck;
    private final PerUserRemoval perUser;
    private final AccountRemoval.BulkOperation operation;
    private final BulkRequests requests;
    private final ScimClient client;
    private final RemovalOutcomes outcomes;
    private final RequestWorkers workers;
    private final Retrying retrying;
    private final boolean fillRequests;
    private final AtomicBoolean dropped = new AtomicBoolean();

    BulkRemoval(RemovalProcessor recheck, PerUserRemoval perUser, AccountRemoval.BulkOperation operation, BulkRequests requests,
            ScimClient client, RemovalOutcomes outcomes, RequestWorkers workers, Retrying retrying, boolean fillRequests) {
        this.recheck = recheck;
        this.perUser = perUser;
        this.operation = operation;
        this.requests = requests;
        this.client = client;
        this.outcomes = outcomes;
        this.workers = workers;
        this.retrying = retrying;
        this.fillRequests = fillRequests;
    }

    /** One row's operation; {@code sentBefore} once this job instance may have carried it out already. */
    private record Row(Candidate candidate, ObjectNode operation, int bytes, boolean sentBefore) {

        Row sent() {
            return new Row(candidate, operation, bytes, true);
        }
    }

    /** What one round did for a row. */
    private sealed interface Verdict {
    }

    private record Done(Candidate candidate, ItemOutcome outcome) implements Verdict {
    }

    /** Send the row again in the next round; {@code ifLast} is what becomes of it when no round is left. */
    private record Again(Row row, Verdict ifLast) implements Verdict {
    }

    /** Bulk could not settle the row: it gets a request of its own, and the execution drops Bulk, saying {@code serverDid}. */
    private record OnItsOwn(Row row, String serverDid) implements Verdict {
    }

    @Override
    public List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent) {
        if (dropped.get()) {
            return perUser.remove(candidates, sentBefore, unsent);
        }
        Map<Long, ItemOutcome> results = new HashMap<>();
        List<Row> pending = new ArrayList<>();
        for (Resolution checked : recheck(candidates, unsent)) {
            if (checked instanceof Resolution.Settled settled) {
                results.put(settled.candidate().seq(), settled.outcome());
            } else {
                pending.add(row(checked.candidate(), sentBefore.contains(checked.candidate().accountId())));
            }
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            int perRequest = fillRequests ? pending.size() : (pending.size() + workers.concurrency() - 1) / workers.concurrency();
            List<List<Row>> batches = requests.pack(pending, perRequest, Row::bytes);
            List<Row> again = new ArrayList<>();
            List<OnItsOwn> alone = new ArrayList<>();
            for (List<Verdict> verdicts : workers.map(batches, batch -> send(batch, unsent))) {
                for (Verdict verdict : verdicts) {
                    Verdict settled = verdict instanceof Again retry && attempt >= retrying.maxAttempts() ? retry.ifLast() : verdict;
                    if (settled instanceof Done done) {
                        results.put(done.candidate().seq(), done.outcome());
                    } else if (settled instanceof Again retry) {
                        again.add(retry.row());
                    } else if (settled instanceof OnItsOwn own) {
                        alone.add(own);
                    }
                }
            }
            if (!alone.isEmpty()) {
                drop(alone.get(0).serverDid());
            }
            if (dropped.get()) {
                // What is left of the chunk goes one request per user at once: Bulk is done for this execution.
                List<Row> rest = new ArrayList<>(alone.stream().map(OnItsOwn::row).toList());
                rest.addAll(again);
                List<ItemOutcome> settled = workers.map(rest, row -> removeAlone(row, unsent));
                settled.forEach(outcome -> results.put(outcome.seq(), outcome));
                break;
            }
            pending = again;
            if (!pending.isEmpty()) {
                retrying.pauseBefore(attempt + 1);
            }
        }
        return candidates.stream().map(candidate -> results.get(candidate.seq())).toList();
    }

    /**
     * Not while removals go in Bulk: a chunk's answers decide whether the next chunk's still do, and with overlapping
     * chunks the next one's Bulk requests would go out before. Once Bulk is dropped, chunks overlap as per-user ones do.
     */
    @Override
    public boolean mayOverlap() {
        return dropped.get();
    }

    /** Every re-read ends before the first Bulk request leaves: if one fails, none of the chunk's removals was sent. */
    private List<Resolution> recheck(List<Candidate> candidates, Set<Long> unsent) {
        try {
            return workers.map(candidates, recheck::process);
        } catch (RuntimeException e) {
            candidates.forEach(candidate -> unsent.add(candidate.seq()));
            throw e;
        }
    }

    private Row row(Candidate candidate, boolean sentBefore) {
        ObjectNode bulkOperation = requests.operation(operation.method(), client.bulkPath(Objects.requireNonNull(candidate.accountId())),
                operation.data());
        return new Row(candidate, bulkOperation, requests.bytes(bulkOperation), sentBefore);
    }

    /** Says once per execution what the server did, and from then on every removal goes as its own request. */
    private void drop(String serverDid) {
        if (dropped.compareAndSet(false, true)) {
            log.warn("{}; removing one user per request from now on", serverDid);
        }
    }

    /** One Bulk request, on a worker; a 413 splits it and sends the halves from here. */
    private List<Verdict> send(List<Row> batch, Set<Long> unsent) {
        if (batch.size() == 1 && !requests.fitsAlone(batch.get(0).bytes()) || dropped.get()) {
            return sendEachAlone(batch, unsent);
        }
        try {
            return verdicts(batch, client.bulk(requests.body(batch.stream().map(Row::operation).toList())));
        } catch (ScimErrorResponseException e) {
            if (e.status() == 413) {
                return batch.size() == 1 ? sendEachAlone(batch, unsent) : splitAndSend(batch, unsent);
            }
            String serverDid = "The server answered " + e.status() + " to a whole Bulk request";
            if (Retrying.isTransient(e.status())) {
                return ownIfLast(batch, serverDid + sentTimes() + " (" + e.detail() + ")");
            }
            drop(serverDid + " (" + e.detail() + ")");
            return sendEachAlone(batch, unsent);
        } catch (ScimProtocolException e) {
            return ownIfLast(batch, "The server's answer to a Bulk request could not be read" + sentTimes() + " (" + e.getMessage() + ")");
        } catch (RequestNotSentException e) {
            batch.stream().filter(row -> !row.sentBefore()).forEach(row -> unsent.add(row.candidate().seq()));
            throw e;
        } catch (ScimTransportException e) {
            if (retrying.serverIsDown()) {
                throw e;
            }
            return ownIfLast(batch, "The server did not answer a Bulk request" + sentTimes() + " (" + e.getMessage() + ")");
        }
    }

    private String sentTimes() {
        return retrying.maxAttempts() == 1 ? "" : ", sent " + retrying.maxAttempts() + " times";
    }

    /** The whole request failed in a way that may pass: sent again next round, on its own after the last. */
    private static List<Verdict> ownIfLast(List<Row> batch, String serverDid) {
        return batch.stream().<Verdict>map(row -> new Again(row.sent(), new OnItsOwn(row.sent(), serverDid))).toList();
    }

    private List<Verdict> splitAndSend(List<Row> batch, Set<Long> unsent) {
        List<Verdict> verdicts = new ArrayList<>(send(batch.subList(0, batch.size() / 2), unsent));
        verdicts.addAll(send(batch.subList(batch.size() / 2, batch.size()), unsent));
        return verdicts;
    }

    /** On this worker's thread: the pool is busy with the chunk's other requests. */
    private List<Verdict> sendEachAlone(List<Row> batch, Set<Long> unsent) {
        return batch.stream().<Verdict>map(row -> new Done(row.candidate(), removeAlone(row, unsent))).toList();
    }

    /**
     * The row's removal as its own request. A row that a Bulk request carried may be removed already: a 404 is then
     * "already gone", and the row never counts as unsent, whatever becomes of this request.
     */
    private ItemOutcome removeAlone(Row row, Set<Long> unsent) {
        return perUser.removeOne(row.candidate(), row.sentBefore(), row.sentBefore() ? ConcurrentHashMap.newKeySet() : unsent);
    }

    /**
     * Ties each answer to its row by {@code location}, the user's URL; a row with no answer there, more than one, or one
     * without a readable status is left to a request of its own.
     */
    private List<Verdict> verdicts(List<Row> batch, ScimBulkResponse response) {
        Map<String, List<ScimBulkResponse.Operation>> byAccount = new HashMap<>();
        for (ScimBulkResponse.Operation answer : response.operations()) {
            accountIn(answer.location()).ifPresent(id -> byAccount.computeIfAbsent(id, key -> new ArrayList<>()).add(answer));
        }
        Map<String, Integer> rowsPerAccount = new HashMap<>();
        batch.forEach(row -> rowsPerAccount.merge(row.candidate().accountId(), 1, Integer::sum));
        List<Verdict> verdicts = new ArrayList<>(batch.size());
        List<Row> unsettled = new ArrayList<>();
        for (Row row : batch) {
            String account = row.candidate().accountId();
            List<ScimBulkResponse.Operation> answers = byAccount.getOrDefault(account, List.of());
            if (answers.size() == 1 && rowsPerAccount.getOrDefault(account, 0) == 1 && answers.get(0).status() != null) {
                verdicts.add(verdict(row, answers.get(0).status(), answers.get(0).detail()));
            } else {
                unsettled.add(row);
            }
        }
        if (!unsettled.isEmpty()) {
            String serverDid = "The server's answer to a Bulk request has no readable result for " + unsettled.size() + " of its "
                    + batch.size() + " operations" + (byAccount.isEmpty() && !response.operations().isEmpty()
                            ? " (its results name no location)" : "");
            unsettled.forEach(row -> verdicts.add(new OnItsOwn(row.sent(), serverDid)));
        }
        return verdicts;
    }

    private Verdict verdict(Row row, int status, @Nullable String detail) {
        Candidate candidate = row.candidate();
        if (status >= 200 && status < 300) {
            return new Done(candidate, outcomes.removed(candidate, status));
        }
        if (Retrying.isTransient(status) && !outcomes.isKnownRefusal(status, detail)) {
            return new Again(row.sent(), new Done(candidate, outcomes.refused(candidate, status, detail, true)));
        }
        return new Done(candidate, outcomes.refused(candidate, status, detail, row.sentBefore()));
    }

    /** The account id a {@code location} names: its last path segment, percent-decoded; empty for none. */
    static Optional<String> accountIn(@Nullable String location) {
        if (location == null) {
            return Optional.empty();
        }
        String path = location.strip();
        for (char end : new char[] {'#', '?'}) {
            int at = path.indexOf(end);
            path = at < 0 ? path : path.substring(0, at);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        if (segment.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.of(segment);
        }
    }
}
