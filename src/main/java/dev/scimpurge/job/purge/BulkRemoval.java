package dev.scimpurge.job.purge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * {@code /Users/{id}} with a {@code bulkId} made from the row's sequence number. The chunk is split into requests
 * within the server's maxOperations and maxPayloadSize, spread over the {@link RequestWorkers} (at most
 * ceil(rows / concurrency) operations each, unless requests are paced: then as few requests as the limits allow),
 * which send them in parallel.
 * <p>
 * Each operation's status is mapped back to its row by bulkId (or, when the server leaves that out, by location)
 * and gives the outcome a plain request with that status would ({@link RemovalOutcomes}). A 429 or 5xx of one
 * operation, an operation missing from the response, a response that cannot be read, or a request with no answer
 * sends those rows again in the next round, up to {@code --max-attempts} rounds; then they are failed, saying the
 * removal may have happened. A 413 splits the request in two; an operation too large for any request, and every
 * removal after the server refused a Bulk request as a whole, goes as its own request. A server that does not
 * answer at all, and authorization errors, stop the job as they do for plain requests.
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
    private final AtomicBoolean refusedByServer = new AtomicBoolean();

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

        String bulkId() {
            return bulkId(candidate);
        }

        static String bulkId(Candidate candidate) {
            return "row-" + candidate.seq();
        }

        Row sent() {
            return new Row(candidate, operation, bytes, true);
        }
    }

    /** What one round did for a row: its outcome, or a retry with the outcome to record if no round is left. */
    private sealed interface Verdict {
        Candidate candidate();
    }

    private record Done(Candidate candidate, ItemOutcome outcome) implements Verdict {
    }

    private record Again(Row row, ItemOutcome ifLast) implements Verdict {
        @Override
        public Candidate candidate() {
            return row.candidate();
        }
    }

    @Override
    public List<ItemOutcome> remove(List<Candidate> candidates, Set<String> sentBefore, Set<Long> unsent) {
        if (refusedByServer.get()) {
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
            for (List<Verdict> verdicts : workers.map(batches, batch -> send(batch, unsent))) {
                for (Verdict verdict : verdicts) {
                    if (verdict instanceof Done done) {
                        results.put(done.candidate().seq(), done.outcome());
                    } else if (verdict instanceof Again retry && attempt >= retrying.maxAttempts()) {
                        results.put(retry.candidate().seq(), retry.ifLast());
                    } else if (verdict instanceof Again retry) {
                        again.add(retry.row());
                    }
                }
            }
            pending = again;
            if (!pending.isEmpty()) {
                retrying.pauseBefore(attempt + 1);
            }
        }
        return candidates.stream().map(candidate -> results.get(candidate.seq())).toList();
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
        ObjectNode bulkOperation = requests.operation(operation.method(), client.bulkPath(candidate.accountId()),
                Row.bulkId(candidate), operation.data());
        return new Row(candidate, bulkOperation, requests.bytes(bulkOperation), sentBefore);
    }

    /** One Bulk request, on a worker; a 413 splits it and sends the halves from here. */
    private List<Verdict> send(List<Row> batch, Set<Long> unsent) {
        if (batch.size() == 1 && !requests.fitsAlone(batch.get(0).bytes()) || refusedByServer.get()) {
            return sendEachAlone(batch, unsent);
        }
        try {
            return verdicts(batch, client.bulk(requests.body(batch.stream().map(Row::operation).toList())));
        } catch (ScimErrorResponseException e) {
            if (e.status() == 413) {
                return batch.size() == 1 ? sendEachAlone(batch, unsent) : splitAndSend(batch, unsent);
            }
            if (Retrying.isTransient(e.status())) {
                return batch.stream().<Verdict>map(row -> new Again(row.sent(),
                        outcomes.refused(row.candidate(), e.status(), e.detail(), true))).toList();
            }
            if (refusedByServer.compareAndSet(false, true)) {
                log.warn("The server refused a Bulk request as a whole ({}): sending the rest of this run's removals "
                        + "one request per user", e.getMessage());
            }
            return sendEachAlone(batch, unsent);
        } catch (ScimProtocolException e) {
            return batch.stream().<Verdict>map(row -> new Again(row.sent(),
                    outcomes.unreadableAnswer(row.candidate(), "Bulk response: " + e.getMessage()))).toList();
        } catch (RequestNotSentException e) {
            batch.stream().filter(row -> !row.sentBefore()).forEach(row -> unsent.add(row.candidate().seq()));
            throw e;
        } catch (ScimTransportException e) {
            if (retrying.serverIsDown()) {
                throw e;
            }
            return batch.stream().<Verdict>map(row -> new Again(row.sent(),
                    outcomes.noAnswer(row.candidate(), "Bulk request: " + e.getMessage()))).toList();
        }
    }

    private List<Verdict> splitAndSend(List<Row> batch, Set<Long> unsent) {
        List<Verdict> verdicts = new ArrayList<>(send(batch.subList(0, batch.size() / 2), unsent));
        verdicts.addAll(send(batch.subList(batch.size() / 2, batch.size()), unsent));
        return verdicts;
    }

    /** On this worker's thread: the pool is busy with the chunk's other requests. */
    private List<Verdict> sendEachAlone(List<Row> batch, Set<Long> unsent) {
        return batch.stream().<Verdict>map(row -> new Done(row.candidate(),
                perUser.removeOne(row.candidate(), row.sentBefore(), unsent))).toList();
    }

    private List<Verdict> verdicts(List<Row> batch, ScimBulkResponse response) {
        Map<String, ScimBulkResponse.Operation> byBulkId = new HashMap<>();
        Map<String, ScimBulkResponse.Operation> byLocation = new HashMap<>();
        for (ScimBulkResponse.Operation answer : response.operations()) {
            if (answer.bulkId() != null) {
                byBulkId.putIfAbsent(answer.bulkId(), answer);
            } else if (answer.location() != null) {
                byLocation.putIfAbsent(answer.location(), answer);
            }
        }
        List<Verdict> verdicts = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ScimBulkResponse.Operation answer = byBulkId.get(row.bulkId());
            if (answer == null) {
                String path = row.operation().get("path").stringValue();
                answer = byLocation.entrySet().stream().filter(entry -> entry.getKey().endsWith(path))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            verdicts.add(verdict(row, answer));
        }
        return verdicts;
    }

    private Verdict verdict(Row row, ScimBulkResponse.Operation answer) {
        Candidate candidate = row.candidate();
        if (answer == null) {
            return new Again(row.sent(), outcomes.noAnswer(candidate, "the Bulk response has no answer for operation " + row.bulkId()));
        }
        Integer status = answer.status();
        if (status == null) {
            return new Again(row.sent(), outcomes.unreadableAnswer(candidate,
                    "the Bulk response gives no readable status for operation " + row.bulkId()));
        }
        if (status >= 200 && status < 300) {
            return new Done(candidate, outcomes.removed(candidate, status));
        }
        if (Retrying.isTransient(status) && !outcomes.isKnownRefusal(status, answer.detail())) {
            return new Again(row.sent(), outcomes.refused(candidate, status, answer.detail(), true));
        }
        return new Done(candidate, outcomes.refused(candidate, status, answer.detail(), row.sentBefore()));
    }
}
