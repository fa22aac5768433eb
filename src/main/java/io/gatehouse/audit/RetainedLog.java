package io.gatehouse.audit;

import java.time.Instant;

/**
 * A log that retention prunes. To prune another log (risk events, say), add a bean of this type and a
 * line {@code gatehouse.retention.days.<name>} to the configuration; {@link RetentionJob} does the rest.
 */
interface RetainedLog {

    /** The name in {@code gatehouse.retention.days.<name>}. */
    String name();

    /**
     * Deletes the records older than {@code cutoff}, {@code batches.size()} at a time, each batch in a
     * short transaction of its own, and asks {@code batches.proceed()} before each one.
     *
     * @return how many records were deleted
     */
    long purge(Instant cutoff, RetentionBatches batches);
}
