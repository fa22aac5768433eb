package io.gatehouse.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends records to their accounts' chains inside the writing transaction. The head row's lock
 * serializes the writers of one account on every node, until their commit: a record's place and
 * previous hash are therefore always those of the record committed before it, and a chain never forks.
 * Writers of different accounts never wait for each other.
 */
@Component
class OperationChain {

    private final ChainStore store;
    private final ChainMac mac;

    OperationChain(ChainStore store, ChainMac mac) {
        this.store = store;
        this.mac = mac;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<OperationRecord> records) {
        // One transaction may touch several chains; locking them in one order keeps two such
        // transactions from deadlocking.
        Map<String, List<OperationRecord>> byChain = records.stream().collect(Collectors.groupingBy(
                OperationRecord::chainKey, TreeMap::new, Collectors.toList()));
        byChain.forEach((chainKey, chainRecords) -> {
            ChainStore.Head head = store.lockHead(chainKey);
            for (OperationRecord r : chainRecords) {
                long seq = head.seq() + 1;
                String hash = mac.mac(seq, head.hash(), r);
                store.insert(r, seq, head.hash(), hash);
                head = new ChainStore.Head(seq, hash);
            }
            store.moveHead(chainKey, head);
        });
    }
}
