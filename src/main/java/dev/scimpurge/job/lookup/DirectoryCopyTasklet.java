package dev.scimpurge.job.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import dev.scimpurge.throughput.Throughput;
import dev.scimpurge.provider.ServiceCapabilities;

/**
 * Between collecting and resolving: decides how addresses are looked up, and for
 * {@code --lookup directory} copies the service's whole user list into PURGE_DIRECTORY, one page
 * per call, each in its own transaction with its position saved in the step's context, so a
 * directory of any size streams through and an interrupted copy continues where it stopped.
 * {@code auto} compares the requests each way would need: one filter request per address to
 * resolve, or one per page of the directory. The decision goes into the job's context as
 * {@value #MODE_KEY}: {@code filter}, {@code directory} or {@code none} (nothing to look up).
 */
public class DirectoryCopyTasklet implements Tasklet {

    public static final String MODE_KEY = "lookup.mode";
    private static final String NEXT_INDEX = "directory.next-index";
    private static final String PREVIOUS_IDS = "directory.previous-page";
    private static final Logger log = LoggerFactory.getLogger(DirectoryCopyTasklet.class);

    private final ScimClient client;
    private final Retrying retrying;
    private final DirectoryTable directory;
    private final JdbcTemplate jdbc;
    private final Throughput.Lookup requested;
    private final ServiceCapabilities capabilities;
    private final List<String> attributes;
    private final int pageSize;
    private final int maxPages;

    /** @param attributes the profile's lookup filters, in order */
    public DirectoryCopyTasklet(ScimClient client, Retrying retrying, DirectoryTable directory, JdbcTemplate jdbc,
            Throughput.Lookup requested, ServiceCapabilities capabilities, List<String> attributes, int pageSize, int maxPages) {
        this.capabilities = capabilities;
        this.client = client;
        this.retrying = retrying;
        this.directory = directory;
        this.jdbc = jdbc;
        this.requested = requested;
        this.attributes = attributes;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
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
        if (!step.containsKey(NEXT_INDEX)) {
            directory.clear(jobInstanceId);
            String mode = decide(jobInstanceId);
            job.putString(MODE_KEY, mode);
            if (!mode.equals("directory")) {
                return RepeatStatus.FINISHED;
            }
            step.putInt(NEXT_INDEX, 1);
            step.putString(PREVIOUS_IDS, "");
        }
        int startIndex = step.getInt(NEXT_INDEX);
        int pageNumber = (startIndex - 1) / pageSize + 1;
        ScimListPage page = retrying.call(attempt -> client.listUsers(null, startIndex, pageSize));
        List<ScimUser> users = page.resources();
        String ids = users.stream().map(ScimUser::id).sorted().collect(Collectors.joining("\n"));
        if (users.isEmpty() || ids.equals(step.getString(PREVIOUS_IDS))) {
            return finished(jobInstanceId, startIndex - 1);
        }
        directory.insert(jobInstanceId, users);
        contribution.incrementWriteCount(users.size());
        int next = startIndex + users.size();
        step.putInt(NEXT_INDEX, next);
        step.putString(PREVIOUS_IDS, ids);
        if (next > page.totalResults() || pageNumber >= maxPages) {
            return finished(jobInstanceId, next - 1);
        }
        return RepeatStatus.CONTINUABLE;
    }

    private RepeatStatus finished(long jobInstanceId, int users) {
        log.info("Copied {} users of {} into the job database for the directory lookup", users, client.base());
        return RepeatStatus.FINISHED;
    }

    private String decide(long jobInstanceId) {
        Long toResolve = jdbc.queryForObject("SELECT COUNT(*) FROM PURGE_CANDIDATE WHERE JOB_INSTANCE_ID = ? AND ACCOUNT_ID IS NULL",
                Long.class, jobInstanceId);
        if (toResolve == null || toResolve == 0) {
            return "none";
        }
        boolean possible = directoryAttributes(attributes).isPresent();
        if (requested == Throughput.Lookup.FILTER || requested == Throughput.Lookup.AUTO && !possible) {
            return "filter";
        }
        if (requested == Throughput.Lookup.AUTO && !capabilities.filterSupported()) {
            log.info("Lookup: directory (the server does not support filtering)");
            return "directory";
        }
        if (requested == Throughput.Lookup.DIRECTORY) {
            if (!possible) {
                throw new IllegalStateException("--lookup directory cannot answer this provider's lookup filters "
                        + String.join(", ", attributes) + "; use --lookup filter");
            }
            return "directory";
        }
        long directorySize;
        try {
            directorySize = retrying.call(attempt -> client.listUsers(null, 1, 1)).totalResults();
        } catch (ScimProtocolException | ScimErrorResponseException e) {
            log.info("Lookup: filter (the directory's size could not be read: {})", e.getMessage());
            return "filter";
        }
        long directoryRequests = (directorySize + pageSize - 1) / pageSize + 1;
        String mode = directoryRequests < toResolve ? "directory" : "filter";
        log.info("Lookup: {} addresses to resolve, {} users in the directory: {} ({} requests instead of at least {})", toResolve,
                directorySize, mode, Math.min(directoryRequests, toResolve), Math.max(directoryRequests, toResolve));
        return mode;
    }
}
