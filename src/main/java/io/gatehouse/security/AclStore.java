package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AclStore {

    private final JdbcClient jdbc;

    AclStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The list as stored; an account that never set it gets an empty one. */
    AclPolicy find(String domainId, AclPolicy.Type type) {
        Optional<Instant> updated = jdbc.sql("SELECT update_time FROM acl_policy WHERE domain_id = :d AND acl = :acl")
                .param("d", domainId).param("acl", type.column())
                .query((rs, n) -> WireTime.fromSql(rs.getObject("update_time", OffsetDateTime.class))).optional();
        return new AclPolicy(type, entries(domainId, type), updated.orElse(null));
    }

    /** Both lists of the account in one read, for the cache of compiled lists. */
    Map<AclPolicy.Type, AclPolicy> findAll(String domainId) {
        Map<AclPolicy.Type, Map<AclPolicy.Kind, List<AclPolicy.Entry>>> byType = new EnumMap<>(AclPolicy.Type.class);
        jdbc.sql("SELECT acl, kind, entry, description FROM acl_entry WHERE domain_id = :d ORDER BY acl, kind, seq")
                .param("d", domainId).query(rs -> {
                    byType.computeIfAbsent(AclPolicy.Type.fromColumn(rs.getString("acl")), t -> new EnumMap<>(AclPolicy.Kind.class))
                            .computeIfAbsent(AclPolicy.Kind.fromColumn(rs.getString("kind")), k -> new ArrayList<>())
                            .add(new AclPolicy.Entry(rs.getString("entry"), rs.getString("description")));
                });
        Map<AclPolicy.Type, AclPolicy> all = new EnumMap<>(AclPolicy.Type.class);
        for (AclPolicy.Type type : AclPolicy.Type.values()) {
            all.put(type, new AclPolicy(type, byType.getOrDefault(type, Map.of()), null));
        }
        return all;
    }

    /**
     * Makes sure the list's row exists and locks it until the transaction ends, so concurrent
     * replacements of one list queue instead of interleaving.
     */
    void lock(String domainId, AclPolicy.Type type, Instant now) {
        jdbc.sql("INSERT INTO acl_policy (domain_id, acl, update_time) VALUES (:d, :acl, :now) ON CONFLICT DO NOTHING")
                .param("d", domainId).param("acl", type.column()).param("now", WireTime.toSql(now)).update();
        jdbc.sql("SELECT domain_id FROM acl_policy WHERE domain_id = :d AND acl = :acl FOR UPDATE")
                .param("d", domainId).param("acl", type.column()).query(String.class).single();
    }

    /** Replaces every list of the policy; the caller holds the lock. */
    void replace(String domainId, AclPolicy policy) {
        String acl = policy.type().column();
        jdbc.sql("DELETE FROM acl_entry WHERE domain_id = :d AND acl = :acl").param("d", domainId).param("acl", acl)
                .update();
        for (AclPolicy.Kind kind : policy.type().kinds()) {
            List<AclPolicy.Entry> entries = policy.list(kind);
            for (int i = 0; i < entries.size(); i++) {
                jdbc.sql("""
                        INSERT INTO acl_entry (domain_id, acl, kind, seq, entry, description)
                        VALUES (:d, :acl, :kind, :seq, :entry, :description)""")
                        .param("d", domainId).param("acl", acl).param("kind", kind.column()).param("seq", i)
                        .param("entry", entries.get(i).value()).param("description", entries.get(i).description())
                        .update();
            }
        }
        jdbc.sql("UPDATE acl_policy SET update_time = :now WHERE domain_id = :d AND acl = :acl")
                .param("now", WireTime.toSql(policy.updateTime())).param("d", domainId).param("acl", acl).update();
    }

    private Map<AclPolicy.Kind, List<AclPolicy.Entry>> entries(String domainId, AclPolicy.Type type) {
        Map<AclPolicy.Kind, List<AclPolicy.Entry>> entries = new EnumMap<>(AclPolicy.Kind.class);
        jdbc.sql("""
                SELECT kind, entry, description FROM acl_entry WHERE domain_id = :d AND acl = :acl
                ORDER BY kind, seq""")
                .param("d", domainId).param("acl", type.column()).query(rs -> {
                    entries.computeIfAbsent(AclPolicy.Kind.fromColumn(rs.getString("kind")), k -> new ArrayList<>())
                            .add(new AclPolicy.Entry(rs.getString("entry"), rs.getString("description")));
                });
        return entries;
    }
}
