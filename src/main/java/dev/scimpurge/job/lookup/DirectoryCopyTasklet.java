package dev.scimpurge.job.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimErrorResponseException;
import dev.scimpurge.scim.ScimProtocolException;
import dev.scimpurge.scim.ScimListPage;
import dev.scimpurge.scim.ScimUser;
import dev.scimpurge.throughput.RequestWorkers;
import dev.scimpurge.throughput.Throughput;
import dev.scimpurge.provider.ServiceCapabilities;

/**
 * Between collecting and resolving: decides how addresses are looked up, and for
 * {@code --lookup directory} copies the service's whole user list into PURGE_DIRECTORY. The first
 * page tells the server's real page size (a server may serve fewer users than asked); after it,
 * each call fetches a round of up to {@code --concurrency} pages in parallel on the
 * {@link RequestWorkers} and writes them in order from the step's thread, in one transaction
 * with the position saved in the step's context, so a directory of any size streams through and
 * an interrupted copy continues where it stopped. Parallel offsets only hold while every page
 * has that size: from the first page that does not, the copy pages one request at a time.
 * {@code auto} compares the requests each way would need: one filter request per address to
 * resolve, or one per page of the directory. The decision goes into the job's context as a
 * {@link LookupMode}.
 */
public class DirectoryCopyTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DirectoryCopyTasklet.class);

    private final ScimClient client;
    private final Retrying retrying;
    private final RequestWorkers workers;
    private final DirectoryTable directory;
    private final JdbcTemplate jdbc;
    private final Throughput.Lookup requested;
    private final ServiceCapabilities capabilities;
    private final List<String> attributes;
    private final int pageSize;
    private final int maxPages;
    private final OptionalLong directorySize;

    /**
     * @param attributes    the profile's lookup filters, in order
     * @param directorySize the directory's size as the check of the target saw it at the start of the execution, if it did
     */
    public DirectoryCopyTasklet(ScimClient client, Retrying retrying, RequestWorkers workers, DirectoryTable directory, JdbcTemplate jdbc,
            Throughput.Lookup requested, ServiceCapabilities capabilities, List<String> attributes, int pageSize, int maxPages,
            OptionalLong directorySize) {
        this.capabilities = capabilities;
        this.client = client;
        this.retrying = retrying;
        this.workers = workers;
        this.directory = directory;
        this.jdbc = jdbc;
        this.requested = requested;
        this.attributes = attributes;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.directorySize = directorySize;
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
        if (!DirectoryCopyPosition.isSavedIn(step)) {
            directory.clear(jobInstanceId);
            LookupMode mode = decide(jobInstanceId);
            mode.saveIn(job);
            if (mode != LookupMode.DIRECTORY) {
                return RepeatStatus.FINISHED;
            }
            DirectoryCopyPosition.START.saveIn(step);
        }
        DirectoryCopyPosition position = DirectoryCopyPosition.readFrom(step);
        DirectoryCopyPosition next = position.parallel()
                ? copyRound(jobInstanceId, position, contribution)
                : copyOnePage(jobInstanceId, position, contribution);
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
    private DirectoryCopyPosition copyOnePage(long jobInstanceId, DirectoryCopyPosition position, StepContribution contribution) {
        ScimListPage page = fetch(position.nextIndex());
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
    private DirectoryCopyPosition copyRound(long jobInstanceId, DirectoryCopyPosition position, StepContribution contribution) {
        List<Integer> offsets = new ArrayList<>();
        int pagesThisRound = Math.min(workers.concurrency(), maxPages - position.pages());
        for (int offset = position.nextIndex(); offsets.size() < pagesThisRound && offset <= position.total(); offset += position.pageSize()) {
            offsets.add(offset);
        }
        List<ScimListPage> pages = workers.map(offsets, this::fetch);
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

    private ScimListPage fetch(int startIndex) {
        return retrying.call(attempt -> client.listUsers(null, startIndex, pageSize));
    }

    private void write(long jobInstanceId, List<ScimUser> users, StepContribution contribution) {
        directory.insert(jobInstanceId, users);
        contribution.incrementWriteCount(users.size());
    }

    private static String idsOf(List<ScimUser> users) {
        return users.stream().map(ScimUser::id).sorted().collect(Collectors.joining("\n"));
    }

    private LookupMode decide(long jobInstanceId) {
        Long toResolve = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND ACCOUNT_ID IS NULL",
                Long.class, jobInstanceId);
        if (toResolve == null || toResolve == 0) {
            return LookupMode.NONE;
        }
        boolean possible = directoryAttributes(attributes).isPresent();
        if (requested == Throughput.Lookup.FILTER || requested == Throughput.Lookup.AUTO && !possible) {
            return LookupMode.FILTER;
        }
        if (requested == Throughput.Lookup.AUTO && !capabilities.filterSupported()) {
            log.info("Lookup: directory (the server does not support filtering)");
            return LookupMode.DIRECTORY;
        }
        if (requested == Throughput.Lookup.DIRECTORY) {
            if (!possible) {
                throw new IllegalStateException("--lookup directory cannot answer this provider's lookup filters "
                        + String.join(", ", attributes) + "; use --lookup filter");
            }
            return LookupMode.DIRECTORY;
        }
        long directorySize;
        try {
            directorySize = this.directorySize.isPresent() ? this.directorySize.getAsLong()
                    : retrying.call(attempt -> client.listUsers(null, 1, 1)).totalResults();
        } catch (ScimProtocolException | ScimErrorResponseException e) {
            log.info("Lookup: filter (the directory's size could not be read: {})", e.getMessage());
            return LookupMode.FILTER;
        }
        long directoryRequests = (directorySize + pageSize - 1) / pageSize + 1;
        LookupMode mode = directoryRequests < toResolve ? LookupMode.DIRECTORY : LookupMode.FILTER;
        log.info("Lookup: {} addresses to resolve, {} users in the directory: {} ({} requests instead of at least {})", toResolve,
                directorySize, mode, Math.min(directoryRequests, toResolve), Math.max(directoryRequests, toResolve));
        return mode;
    }
}
