package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves operation-log records from the inbox into their accounts' chains. One transaction locks the
 * head rows of the chains among the oldest records ({@code SELECT ... FOR UPDATE}), reads those records,
 * gives each the next place of its chain and the MAC over its fields and the previous MAC, writes them
 * into {@code operation_log} in one batch, empties those inbox rows and moves the heads. The lock serializes
 * every sealer of an account on every node, so a chain never forks; and since one commit seals a whole
 * batch, an account's writers never queue behind each other's commits. Every node runs it every
 * 100 ms; readers, verification and retention run it first, so they see every committed record.
 */
@Component
class ChainSealer {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);

    private final ChainStore store;
    private final ChainMac mac;
    private final TransactionTemplate tx;

    ChainSealer(ChainStore store, ChainMac mac, PlatformTransactionManager transactions) {
        this.store = store;
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
            log.error("Could not seal operation-log records; they stay in the inbox", e);
        }
    }

    /**
     * Seals what is in the inbox, if anything: for readers, who must see every write committed before
     * they asked. With an empty inbox it costs one look at the inbox's first key and takes no lock.
     */
    void sealIfPending() {
        if (store.hasPending()) {
            sealAll();
        }
    }

    /**
     * Seals the oldest records of the inbox, at most {@link #BATCH}, in one transaction. The inbox is read
     * through its primary key only: a queue table that is emptied as fast as it fills is mostly dead
     * rows between two vacuums, and a scan of the whole table would read them all.
     */
    private int sealBatch() {
        List<String> chains = store.pendingChains(BATCH);
        if (chains.isEmpty()) {
            return 0;
        }
        Integer sealed = tx.execute(status -> {
            // Heads are locked in one order on every node, so two sealers never wait for each other in a circle.
            Map<String, ChainStore.Head> heads = new TreeMap<>();
            for (String chainKey : new TreeSet<>(chains)) {
                heads.put(chainKey, store.lockHead(chainKey));
            }
            // Read after the locks: another node may have sealed some of these records while this one waited.
            List<ChainStore.Pending> batch = store.pending(BATCH);
            List<Long> done = new ArrayList<>(batch.size());
            List<ChainStore.Sealed> rows = new ArrayList<>(batch.size());
            for (ChainStore.Pending p : batch) {
                String chainKey = p.record().chainKey();
                ChainStore.Head head = heads.get(chainKey);
                if (head == null) {
                    continue; // a chain that was not in the inbox a moment ago: the next batch takes it
                }
                long seq = head.seq() + 1;
                String hash = mac.mac(seq, head.hash(), p.record());
                rows.add(new ChainStore.Sealed(p.record(), seq, head.hash(), hash));
                done.add(p.inboxId());
                heads.put(chainKey, new ChainStore.Head(seq, hash));
            }
            if (!rows.isEmpty()) {
                store.insertSealed(rows);
                store.unqueue(done);
                heads.forEach(store::moveHead);
            }
            return batch.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
