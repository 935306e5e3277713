package dev.scimpurge.support;

import java.nio.file.Path;

/** The job databases scim-purge supports, for tests that run on each. */
public enum JobDatabaseKind {

    H2 {
        @Override
        public JobStore create(Path dir) {
            return JobStore.h2Shared(dir.resolve("db/jobs"));
        }
    },
    POSTGRESQL {
        @Override
        public JobStore create(Path dir) {
            return EmbeddedPostgres.newDatabase();
        }
    };

    /** A new, empty job database (the command line creates the schema on first use). */
    public abstract JobStore create(Path dir);
}
