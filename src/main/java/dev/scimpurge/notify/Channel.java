package dev.scimpurge.notify;

/** One destination of notifications. */
interface Channel {

    /** Where it goes, for a log line: never a URL's path or query (a Slack webhook's path is its secret). */
    String describe();

    /** Delivers once; throws when the receiver did not take it. */
    void deliver(RunNotice notice) throws Exception;
}
