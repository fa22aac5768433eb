-- Issue 5: the operation log becomes a hash chain per account, both logs get the indexes of their
-- query API, and retention gets its lease. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).

-- Each record's link in its account's chain: its place, the MAC of the record before it and its own
-- MAC (HMAC-SHA256, see audit.ChainMac). Links live beside the records, so that sealing a record never
-- rewrites its row (and its seven index entries).
CREATE TABLE operation_log_link (
    log_id     BIGINT      PRIMARY KEY,
    chain_key  VARCHAR(32) NOT NULL,
    chain_seq  BIGINT      NOT NULL,
    prev_hash  VARCHAR(64) NOT NULL,
    hash       VARCHAR(64) NOT NULL
);
-- A second record at one place of a chain is refused even if the head lock were bypassed.
CREATE UNIQUE INDEX ux_operation_log_link_seq ON operation_log_link (chain_key, chain_seq);

-- Records written but not sealed into their chain yet: the writing transaction adds its record here,
-- and the sealer (audit.ChainSealer) links them, a batch per account and transaction, within moments.
CREATE TABLE operation_log_pending (
    log_id     BIGINT      PRIMARY KEY,
    chain_key  VARCHAR(32) NOT NULL
);

-- A chain has one head per account ('' for records without an account). Sealers lock it
-- (SELECT ... FOR UPDATE), so chains never fork across nodes.
CREATE TABLE operation_log_chain (
    chain_key  VARCHAR(32) PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);

-- Where verification starts: the first record retention kept and the hash it must carry as its
-- previous one. Kept apart from the head, so that the purge never contends with the sealer.
-- legacy_max_id: records of the account up to this id were written before the chain existed.
CREATE TABLE operation_log_anchor (
    chain_key      VARCHAR(32) PRIMARY KEY,
    first_seq      BIGINT      NOT NULL,
    prev_hash      VARCHAR(64) NOT NULL,
    legacy_max_id  BIGINT
);
INSERT INTO operation_log_anchor (chain_key, first_seq, prev_hash, legacy_max_id)
SELECT COALESCE(domain_id, ''), 1, '0000000000000000000000000000000000000000000000000000000000000000', MAX(id)
FROM operation_log GROUP BY COALESCE(domain_id, '');

-- The MAC key of the chain, sealed under the master key. One row.
CREATE TABLE audit_key (
    id          VARCHAR(16)  PRIMARY KEY,
    sealed_key  VARCHAR(512) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Jobs that one node at a time should run (the retention purge): a lease with an expiry.
CREATE TABLE job_lease (
    name        VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(64),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO job_lease (name, holder, expires_at) VALUES ('retention', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');

-- Keyset paging orders by (occurred_at, id): the id ends every index, so ties page without a sort.
DROP INDEX ix_operation_log_domain_time;
DROP INDEX ix_operation_log_actor_time;
CREATE INDEX ix_operation_log_domain_time ON operation_log (domain_id, occurred_at, id);
CREATE INDEX ix_operation_log_actor_time ON operation_log (actor_id, occurred_at, id);
CREATE INDEX ix_operation_log_resource_time ON operation_log (domain_id, resource_id, occurred_at, id);
CREATE INDEX ix_operation_log_operation_time ON operation_log (domain_id, operation, occurred_at, id);
CREATE INDEX ix_operation_log_type_time ON operation_log (domain_id, resource_type, occurred_at, id);

DROP INDEX ix_signin_event_domain_time;
DROP INDEX ix_signin_event_user_time;
CREATE INDEX ix_signin_event_domain_time ON signin_event (domain_id, occurred_at, id);
CREATE INDEX ix_signin_event_user_time ON signin_event (user_id, occurred_at, id);
-- The sign-in filters that can be rare within an account (found with EXPLAIN ANALYZE at a million
-- events: without these, a first page filtered by address or name read the whole account).
CREATE INDEX ix_signin_event_ip_time ON signin_event (domain_id, source_ip, occurred_at, id);
CREATE INDEX ix_signin_event_name_time ON signin_event (domain_id, attempted_name, occurred_at, id);
CREATE INDEX ix_signin_event_cause_time ON signin_event (domain_id, cause, occurred_at, id);
