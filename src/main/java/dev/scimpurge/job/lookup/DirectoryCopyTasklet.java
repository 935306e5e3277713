package dev.scimpurge.job.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.scimpurge.probe.KnownAccount;
import dev.scimpurge.probe.ServerProbe;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ListPaging;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimUser;
import dev.scimpurge.throughput.RequestWorkers;
import dev.scimpurge.throughput.Throughput;

/**
 * Between collecting and resolving: decides how addresses are looked up, and for
 * {@code --lookup directory} copies the service's whole user list into PURGE_DIRECTORY. The first
 * page tells the server's real page size (a server may serve fewer users than asked); after it,
 * each call fetches a round of up to {@code --concurrency} pages in parallel on the
 * {@link RequestWorkers} and writes them in order from the step's thread, in one transaction
 * with the position saved in the step's context, so a directory of any size streams through and
 * an interrupted copy continues where it stopped. Parallel offsets only hold while every page
 * has that size: from the first page that does not, the copy pages one request at a time.
 * The decision rests on what the {@link ServerProbe} saw the server do ({@link LookupChoice}); it goes into the
 * job's context as {@value #MODE_KEY} ({@code filter}, {@code directory} or {@code none}), with the filters proven
 * ({@value #FILTERS_KEY}) and why ({@value #REASON_KEY}), so a restart does not probe again. Pages are asked for at
 * the largest size the server allows.
 */
public class DirectoryCopyTasklet implements Tasklet {

    public static final String MODE_KEY = "lookup.mode";
    /** The filter attributes a {@code filter} lookup uses, comma-separated: those the probe proved. */
    public static final String FILTERS_KEY = "lookup.filters";
    /** Why the lookup was chosen, for the log, {@code history} and auditors. */
    public static final String REASON_KEY = "lookup.reason";
    private static final Logger log = LoggerFactory.getLogger(DirectoryCopyTasklet.class);

    private final ScimClient client;
    private final Retrying retrying;
    private final RequestWorkers workers;
    private final DirectoryTable directory;
    private final JdbcTemplate jdbc;
    private final ServerProbe probe;
    private final LookupChoice choice;
    private final List<String> attributes;
    private final int maxPages;

    /** @param attributes the profile's lookup filters, in order */
    public DirectoryCopyTasklet(ScimClient client, Retrying retrying, RequestWorkers workers, DirectoryTable directory, JdbcTemplate jdbc,
            ServerProbe probe, Throughput throughput, List<String> attributes, int maxPages) {
        this.client = client;
        this.retrying = retrying;
        this.workers = workers;
        this.directory = directory;
        this.jdbc = jdbc;
        this.probe = probe;
        this.choice = new LookupChoice(throughput, whyNoCopy(client.paging(), attributes).isEmpty());
        this.attributes = attributes;
        this.maxPages = maxPages;
    }

    /**
     * Why a copy of the directory cannot serve this lookup, or empty when it can: the copy keeps addresses and user
     * names only, and a cursor listing cannot be read at an offset, as the copy reads pages in parallel and resumes a
     * restarted run. The command line refuses {@code --lookup directory} with it before a run starts.
     */
    public static Optional<String> whyNoCopy(ListPaging paging, List<String> filterAttributes) {
        if (!paging.resumableByIndex()) {
            return Optional.of("the service's listing pages by cursor and cannot be copied at offsets");
        }
        if (directoryAttributes(filterAttributes).isEmpty()) {
            return Optional.of("the directory copy keeps addresses and user names, but the profile looks accounts up by "
                    + String.join(", ", filterAttributes));
        }
        return Optional.empty();
    }

    /** The profile's lookup attributes as the directory keeps them, or empty when one of them is not kept. */
    public static Optional<List<String>> directoryAttributes(List<String> filterAttributes) {
        List<String> kept = new ArrayList<>();
        for (String attribute : filterAttributes) {
            Optional<String> column = DirectoryTable.attributeFor(attribute);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            if (!kept.contains(column.get())) {
                kept.add(column.get());
            }
        }
        return Optional.of(kept);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
        ExecutionContext step = contribution.getStepExecution().getExecutionContext();
        long jobInstanceId = contribution.getStepExecution().getJobExecution().getJobInstanceId();
        DirectoryCopyPosition position;
        DirectoryCopyPosition next;
        if (!DirectoryCopyPosition.isSavedIn(step)) {
            directory.clear(jobInstanceId);
            Decided decided = decide(jobInstanceId);
            LookupDecision decision = decided.decision();
            record(contribution.getStepExecution().getJobExecutionId(), decision);
            job.putString(MODE_KEY, decision.mode().key());
            job.putString(FILTERS_KEY, String.join(",", decision.filters()));
            job.putString(REASON_KEY, decision.reason());
            if (decision.mode() != LookupMode.DIRECTORY) {
                return RepeatStatus.FINISHED;
            }
            position = DirectoryCopyPosition.START;
            // the probe read the first page at the copy's page size: on a server whose every list costs a second, once is enough
            next = decided.firstPage() == null ? copyOnePage(jobInstanceId, position, probe.pageSizeToAsk(), contribution)
                    : copyPage(jobInstanceId, position, decided.firstPage(), contribution);
        } else {
            position = DirectoryCopyPosition.readFrom(step);
            int asked = probe.pageSizeToAsk();
            next = position.parallel()
                    ? copyRound(jobInstanceId, position, asked, contribution)
                    : copyOnePage(jobInstanceId, position, asked, contribution);
        }
        next.saveIn(step);
        boolean listEnded = next.equals(position);
        if (listEnded || next.pastTheEnd() || next.pages() >= maxPages) {
            log.info("Copied {} users of {} into the job database for the directory lookup", next.nextIndex() - 1, client.base());
            return RepeatStatus.FINISHED;
        }
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * The page at the position, alone: the first page (which tells the server's real page size) and every page
     * after the copy fell back to sequential paging. Returns {@code position} unchanged when the list has ended.
     */
    private DirectoryCopyPosition copyOnePage(long jobInstanceId, DirectoryCopyPosition position, int asked,
            StepContribution contribution) {
        return copyPage(jobInstanceId, position, fetch(position.nextIndex(), asked), contribution);
    }

    private DirectoryCopyPosition copyPage(long jobInstanceId, DirectoryCopyPosition position, ScimListPage page,
            StepContribution contribution) {
        List<ScimUser> users = page.resources();
        String ids = idsOf(users);
        if (users.isEmpty() || ids.equals(position.previousIds())) {
            return position;
        }
        write(jobInstanceId, users, contribution);
        DirectoryCopyPosition next = position.after(users.size(), ids, page.totalResults());
        boolean learning = position.pageSize() == 0 && !position.sequential();
        return learning && !next.pastTheEnd() ? next.withPageSize(users.size()) : next;
    }

    /**
     * Up to {@code concurrency} pages at the offsets the learned page size gives, fetched in parallel and written
     * in order. The first page that is not what those offsets assume (another size while not the last page, another
     * totalResults, the previous page again, nothing) is not written: the copy continues one page at a time from
     * its offset, so that no user is skipped or copied twice.
     */
    private DirectoryCopyPosition copyRound(long jobInstanceId, DirectoryCopyPosition position, int asked,
            StepContribution contribution) {
        List<Integer> offsets = new ArrayList<>();
        int pagesThisRound = Math.min(workers.concurrency(), maxPages - position.pages());
        for (int offset = position.nextIndex(); offsets.size() < pagesThisRound && offset <= position.total(); offset += position.pageSize()) {
            offsets.add(offset);
        }
        List<ScimListPage> pages = workers.map(offsets, offset -> fetch(offset, asked));
        DirectoryCopyPosition next = position;
        for (ScimListPage page : pages) {
            List<ScimUser> users = page.resources();
            String ids = idsOf(users);
            if (!asExpected(next, users.size(), ids, page.totalResults())) {
                log.info("The directory's page at {} has {} users of {} (totalResults {}): paging one page at a time from there",
                        next.nextIndex(), users.size(), next.pageSize(), page.totalResults());
                return next.sequentially();
            }
            write(jobInstanceId, users, contribution);
            next = next.after(users.size(), ids, page.totalResults());
        }
        return next;
    }

    private static boolean asExpected(DirectoryCopyPosition position, int users, String ids, int total) {
        boolean last = position.nextIndex() - 1 + users == total;
        return users > 0 && total == position.total() && !ids.equals(position.previousIds())
                && (users == position.pageSize() || users < position.pageSize() && last);
    }

    private ScimListPage fetch(int startIndex, int pageSize) {
        return retrying.call(attempt -> client.listUsers(null, startIndex, pageSize));
    }

    private void write(long jobInstanceId, List<ScimUser> users, StepContribution contribution) {
        directory.insert(jobInstanceId, users);
        contribution.incrementWriteCount(users.size());
    }

    private static String idsOf(List<ScimUser> users) {
        return users.stream().map(ScimUser::id).sorted().collect(Collectors.joining("\n"));
    }

    private boolean isInput(long jobInstanceId, KnownAccount account) {
        List<String> names = Stream.of(account.email(), account.userName()).filter(Objects::nonNull).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return names.stream().anyMatch(name -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT COUNT(*) > 0 FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND MATCH_KEY = ?", Boolean.class, jobInstanceId, name)));
    }

    /** Kept with the execution, for auditors: {@code history} shows it. */
    private void record(long jobExecutionId, LookupDecision decision) {
        String reason = decision.reason().length() > 4000 ? decision.reason().substring(0, 3999) + "…" : decision.reason();
        jdbc.update("UPDATE PURGE_EXECUTION SET LOOKUP = ?, LOOKUP_FILTERS = ?, LOOKUP_REASON = ? WHERE JOB_EXECUTION_ID = ?",
                decision.mode().key(), String.join(",", decision.filters()), reason, jobExecutionId);
    }

    private record Decided(LookupDecision decision, @Nullable ScimListPage firstPage) {
    }

    private Decided decide(long jobInstanceId) {
        Long toResolve = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND ACCOUNT_ID IS NULL",
                Long.class, jobInstanceId);
        if (toResolve == null || toResolve == 0) {
            return new Decided(new LookupDecision(LookupMode.NONE, List.of(), "every row has an account id", false), null);
        }
        // --lookup directory uses no filter: the probe only reads the first page, which the copy keeps
        List<String> tried = choice.triesFilters() ? attributes : List.of();
        ServerProbe.Probed probed = probe.probeKeepingFirstPage(tried, account -> isInput(jobInstanceId, account));
        LookupDecision decision = choice.decide(probed.report(), attributes, toResolve);
        if (decision.warning()) {
            log.warn("Lookup: {} ({})", decision.mode().key(), decision.reason());
        } else {
            log.info("Lookup: {} ({})", decision.mode().key(), decision.reason());
        }
        return new Decided(decision, probed.firstPage());
    }
}
