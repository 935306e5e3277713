package dev.scimpurge.job.collect;

/** Where the users of a run come from: a file, or the service's own list of deactivated users. */
public interface CandidateSource {

    void readInto(CollectedRows rows);

    /** For logs and history: what was read. Never contains secrets. */
    String describe();
}
