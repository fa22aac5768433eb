-- Issue 4: permanent access keys (AK/SK). Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).

-- A user's permanent access key. The secret key is AES-GCM ciphertext under the master key named inside
-- it (common/crypto SecretBox, purpose 'access_key:<access_key>'); the clear secret leaves the server once,
-- in the answer to its creation. last_use_time is written in batches by each node, not per request.
-- Temporary access keys are not stored: their security token is sealed and carries them (credential package).
CREATE TABLE access_key (
    access_key     VARCHAR(32)  PRIMARY KEY,
    user_id        VARCHAR(32)  NOT NULL REFERENCES iam_user (id) ON DELETE CASCADE,
    domain_id      VARCHAR(32)  NOT NULL,
    secret_enc     VARCHAR(512) NOT NULL,
    -- active or inactive
    status         VARCHAR(8)   NOT NULL,
    description    VARCHAR(255) NOT NULL,
    create_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_use_time  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_access_key_user ON access_key (user_id);
CREATE INDEX ix_access_key_domain ON access_key (domain_id);
