-- Sign-in verification codes sent by email or SMS (login protection, issue 3).
-- The code itself is never stored: code_mac is HMAC-SHA256 over (id, domain, user, code) under a key
-- that is sealed by the master key (verification_code_key), so a copy of the database alone cannot
-- recover or test a code. Every check and every counter is a single conditional UPDATE.

CREATE TABLE verification_code (
    id            VARCHAR(32)  PRIMARY KEY,
    user_id       VARCHAR(32)  NOT NULL REFERENCES iam_user (id) ON DELETE CASCADE,
    domain_id     VARCHAR(32)  NOT NULL,
    channel       VARCHAR(8)   NOT NULL,
    code_mac      VARCHAR(64)  NOT NULL,
    -- pending (being delivered), sent (usable), failed (delivery failed; never usable)
    state         VARCHAR(8)   NOT NULL,
    failed_tries  INTEGER      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_verification_code_user_time ON verification_code (user_id, created_at);
CREATE INDEX ix_verification_code_time ON verification_code (created_at);

-- One row per user who was ever sent a code. Its row lock serializes the user's sends across nodes,
-- and last_sent_at spaces them out.
CREATE TABLE verification_code_sender (
    user_id       VARCHAR(32)  PRIMARY KEY REFERENCES iam_user (id) ON DELETE CASCADE,
    last_sent_at  TIMESTAMP WITH TIME ZONE
);

-- The HMAC key of the codes, sealed under the master key (purpose verification_code_key:<id>).
CREATE TABLE verification_code_key (
    id            VARCHAR(16)  PRIMARY KEY,
    key_sealed    VARCHAR(512) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
