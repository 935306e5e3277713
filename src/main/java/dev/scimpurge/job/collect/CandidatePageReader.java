package dev.scimpurge.job.collect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one job instance's candidates in input order, a page at a time, keyed by the last
 * sequence number handed out (saved in the step's context, so a restart continues after the last
 * committed chunk). Unlike {@code JdbcPagingItemReader}, it orders by the whole primary key
 * (instance, sequence): H2 then walks the index instead of sorting every remaining row for each
 * page, which made a 1,000,000-row input take seconds per page. Made by {@link CandidateTable}'s
 * reader factories.
 * <p>
 * A writer that keeps rows it was handed under way past its chunk's commit holds the saved position back before
 * them ({@code savedAtMost}), so that a restart reads them again; the rows read again that have their outcome by then
 * are left out by the reader's condition.
 */
public class CandidatePageReader implements ItemStreamReader<Candidate> {

    private final LongFunction<List<Candidate>> pageAfter;
    private final int pageSize;
    private final String key;
    private final LongSupplier savedAtMost;
    private final Deque<Candidate> page = new ArrayDeque<>();
    private long lastSeq;
    private boolean exhausted;

    /**
     * @param name        names the position in the step's context
     * @param pageAfter   up to {@code pageSize} rows after a sequence number, in order, leaving out the rows settled already
     * @param savedAtMost the highest position {@link #update} may save, asked at each save
     */
    CandidatePageReader(String name, int pageSize, LongFunction<List<Candidate>> pageAfter, LongSupplier savedAtMost) {
        this.pageAfter = pageAfter;
        this.pageSize = pageSize;
        this.key = name + ".last-seq";
        this.savedAtMost = savedAtMost;
    }

    @Override
    public void open(ExecutionContext context) {
        lastSeq = context.containsKey(key) ? context.getLong(key) : 0;
    }

    @Override
    public Candidate read() {
        hasMore();
        Candidate next = page.poll();
        if (next != null) {
            lastSeq = next.seq();
        }
        return next;
    }

    /** Whether {@link #read} has another row to give: reads the next page when this one is used up. */
    public boolean hasMore() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(pageAfter.apply(lastSeq));
            exhausted = page.size() < pageSize;
        }
        return !page.isEmpty();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(key, Math.min(lastSeq, savedAtMost.getAsLong()));
    }
}
