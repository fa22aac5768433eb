package io.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links queued operation-log records into their accounts' chains. For one account, one transaction
 * locks the chain's head row ({@code SELECT ... FOR UPDATE}), reads the queue, gives each record the
 * next place and the MAC over its fields and the previous MAC, and moves the head. The lock serializes
 * every sealer of an account on every node, so a chain never forks; and since one commit seals a whole
 * batch, an account's writers never queue behind each other's commits. Every node runs it every
 * 100 ms; verification and retention run it first, so they see every committed record linked.
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
    }

    @Scheduled(fixedDelayString = "${gatehouse.audit.seal-interval:100ms}")
    void sealAll() {
        for (String chainKey : store.pendingChains()) {
            try {
                seal(chainKey);
            } catch (RuntimeException e) {
                log.error("Could not seal operation-log records of chain '{}'; they stay queued", chainKey, e);
            }
        }
    }

    /** Links every record of the chain that is queued now. */
    void seal(String chainKey) {
        Integer sealed;
        do {
            sealed = tx.execute(status -> sealBatch(chainKey));
        } while (sealed != null && sealed == BATCH);
    }

    private int sealBatch(String chainKey) {
        ChainStore.Head head = store.lockHead(chainKey);
        // Read after the lock: another node may have sealed these records while this one waited.
        List<ChainStore.Pending> batch = store.pending(chainKey, BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Long> done = new ArrayList<>(batch.size());
        for (ChainStore.Pending p : batch) {
            done.add(p.logId());
            if (p.record() == null) {
                continue; // its row was removed before it was sealed: there is nothing to link
            }
            long seq = head.seq() + 1;
            String hash = mac.mac(seq, head.hash(), p.record());
            store.link(p.logId(), chainKey, seq, head.hash(), hash);
            head = new ChainStore.Head(seq, hash);
        }
        store.unqueue(done);
        store.moveHead(chainKey, head);
        return batch.size();
    }
}
