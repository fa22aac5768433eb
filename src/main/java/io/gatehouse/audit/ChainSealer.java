package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves operation-log records from the inbox into their accounts' chains. One transaction locks the
 * head rows of the chains among the oldest records ({@code SELECT ... FOR UPDATE}), takes those records
 * out of the inbox, gives each the next place of its chain and the MAC over its fields and the previous
 * MAC, writes them into {@code operation_log} in one batch and moves the heads. The lock serializes
 * every sealer of an account on every node, so a chain never forks; and since one commit seals a whole
 * batch, an account's writers never queue behind each other's commits. Every node runs it every
 * 100 ms; readers, verification and retention run it first, so they see every committed record. With
 * the log written after commit, it seals the records waiting in this node's memory
 * ({@link CommittedRecords}) in the same transactions, and before the node shuts down.
 */
@Component
class ChainSealer {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);

    private final ChainStore store;
    private final CommittedRecords committed;
    private final ChainMac mac;
    private final TransactionTemplate tx;

    ChainSealer(ChainStore store, CommittedRecords committed, ChainMac mac, PlatformTransactionManager transactions) {
        this.store = store;
        this.committed = committed;
        this.mac = mac;
        this.tx = new TransactionTemplate(transactions);
        // Readers seal before they read, possibly inside a read-only transaction of their own.
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${gatehouse.audit.seal-interval:100ms}")
    void sealAll() {
        try {
            int sealed;
            do {
                sealed = sealBatch();
            } while (sealed == BATCH);
        } catch (RuntimeException e) {
            log.error("Could not seal operation-log records; they wait in the inbox or in memory for the next run", e);
        }
    }

    /**
     * Seals what is in the inbox, if anything: for readers, who must see every write committed before
     * they asked. With an empty inbox it costs one look at the inbox's first key and takes no lock.
     */
    void sealIfPending() {
        if (!committed.isEmpty() || store.hasPending()) {
            sealAll();
        }
    }

    /** The records still in memory go into their chains before the database connections close. */
    @PreDestroy
    void sealBeforeShutdown() {
        if (!committed.isEmpty()) {
            sealAll();
        }
    }

    /**
     * Seals the oldest records of the inbox, at most {@link #BATCH}, and as many records from memory, in one
     * transaction. The inbox is read through its primary key only: a queue table that is emptied as fast
     * as it fills is mostly dead rows between two vacuums, and a scan of the whole table would read them all.
     * Records from memory that could not be sealed go back to memory.
     */
    private int sealBatch() {
        List<String> inboxChains = store.pendingChains(BATCH);
        // Taken only now, so that a failure to read the inbox cannot strand them outside the queue.
        List<OperationRecord> fromMemory = committed.take(BATCH);
        TreeSet<String> chains = new TreeSet<>(inboxChains);
        fromMemory.forEach(r -> chains.add(r.chainKey()));
        if (chains.isEmpty()) {
            return 0;
        }
        Integer sealed;
        try {
            sealed = tx.execute(status -> sealBatch(chains, !inboxChains.isEmpty(), fromMemory));
        } catch (RuntimeException e) {
            committed.putBack(fromMemory);
            throw e;
        }
        committed.sealed(fromMemory);
        return sealed == null ? 0 : sealed;
    }

    private int sealBatch(TreeSet<String> chains, boolean readInbox, List<OperationRecord> fromMemory) {
        // Heads are locked in one order on every node, so two sealers never wait for each other in a circle.
        Map<String, ChainStore.Head> heads = new TreeMap<>();
        for (String chainKey : chains) {
            heads.put(chainKey, store.lockHead(chainKey));
        }
        // Taken after the locks: another node may have sealed some of these records while this one waited.
        List<ChainStore.Pending> batch = readInbox ? store.take(List.copyOf(heads.keySet()), BATCH) : List.of();
        List<ChainStore.Sealed> rows = new ArrayList<>(batch.size() + fromMemory.size());
        for (ChainStore.Pending p : batch) {
            String chainKey = p.record().chainKey();
            ChainStore.Head head = heads.get(chainKey);
            long seq = head.seq() + 1;
            String hash = mac.mac(seq, head.hash(), p.record());
            rows.add(new ChainStore.Sealed(p.record(), seq, head.hash(), hash));
            heads.put(chainKey, new ChainStore.Head(seq, hash));
        }
        for (OperationRecord r : fromMemory) {
            ChainStore.Head head = heads.get(r.chainKey());
            long seq = head.seq() + 1;
            String hash = mac.mac(seq, head.hash(), r);
            rows.add(new ChainStore.Sealed(r, seq, head.hash(), hash));
            heads.put(r.chainKey(), new ChainStore.Head(seq, hash));
        }
        if (!rows.isEmpty()) {
            store.insertSealed(rows);
            heads.forEach(store::moveHead);
        }
        return Math.max(batch.size(), fromMemory.size());
    }
}
