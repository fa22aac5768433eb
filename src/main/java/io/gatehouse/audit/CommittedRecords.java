package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The records of committed writes that wait in this node's memory for the {@link ChainSealer}, when the
 * log is written after commit ({@link OperationLog.WriteMode#AFTER_COMMIT}). A writer reserves a slot
 * before its transaction commits and fills it after; a full queue refuses the reservation, and the
 * writer then puts its record in the inbox inside its transaction, as in the default mode. So the
 * memory this takes is bounded and no record is ever dropped for lack of room.
 */
@Component
class CommittedRecords {

    private final int capacity;
    /** Reserved slots: records waiting here plus records of transactions that have not ended yet. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final ConcurrentLinkedDeque<OperationRecord> waiting = new ConcurrentLinkedDeque<>();

    CommittedRecords(@Value("${gatehouse.audit.operation-log.queue-capacity:20000}") int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** Takes a slot for a record whose transaction has not ended; false when the queue is full. */
    boolean reserve() {
        while (true) {
            int now = reserved.get();
            if (now >= capacity) {
                return false;
            }
            if (reserved.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** The transaction of a reserved slot committed: its record waits for the sealer. */
    void committed(OperationRecord record) {
        waiting.addLast(record);
    }

    /** The transaction of a reserved slot rolled back: there is nothing to record. */
    void rolledBack() {
        reserved.decrementAndGet();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The oldest waiting records, at most {@code max}; hand them back with {@link #sealed} or {@link #putBack}. */
    List<OperationRecord> take(int max) {
        List<OperationRecord> taken = new ArrayList<>(Math.min(max, 64));
        OperationRecord r;
        while (taken.size() < max && (r = waiting.pollFirst()) != null) {
            taken.add(r);
        }
        return taken;
    }

    /** The records taken are in their chains: their slots are free again. */
    void sealed(List<OperationRecord> taken) {
        reserved.addAndGet(-taken.size());
    }

    /** Sealing the records taken failed: they go back to the front, in their order, for the next attempt. */
    void putBack(List<OperationRecord> taken) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            waiting.addFirst(taken.get(i));
        }
    }
}
