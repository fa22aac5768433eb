package io.gatehouse.common.cluster;

/**
 * Applies a change made on some node to this node's caches. Called once after the local commit and
 * again when the poll sees the row, so implementations must be idempotent.
 */
public interface ChangeListener {

    void onChange(ChangeKind kind, String subject);
}
