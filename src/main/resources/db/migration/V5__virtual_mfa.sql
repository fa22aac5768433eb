-- Virtual MFA devices (TOTP, RFC 6238). At most one per user. The seed is AES-GCM ciphertext under
-- the master key named inside it (SecretBox); it is never stored in clear.
-- last_step is the last TOTP time step accepted for the device: a code is accepted only for a later
-- step, and the check-and-set is one conditional UPDATE, so no code is accepted twice on any node.
CREATE TABLE virtual_mfa_device (
    serial_number VARCHAR(128) PRIMARY KEY,
    user_id       VARCHAR(32)  NOT NULL REFERENCES iam_user (id) ON DELETE CASCADE,
    domain_id     VARCHAR(32)  NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    seed_enc      VARCHAR(512) NOT NULL,
    bound         BOOLEAN      NOT NULL,
    last_step     BIGINT,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    bind_time     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_virtual_mfa_device_user UNIQUE (user_id)
);
CREATE INDEX ix_virtual_mfa_device_domain ON virtual_mfa_device (domain_id);
