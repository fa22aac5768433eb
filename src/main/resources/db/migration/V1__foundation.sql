-- Gatehouse foundation schema. Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).
-- Times are TIMESTAMP WITH TIME ZONE in UTC; ids are 32 lowercase hex characters.

CREATE TABLE account (
    id            VARCHAR(32)  PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_account_name UNIQUE (name)
);

CREATE TABLE project (
    id            VARCHAR(32)  PRIMARY KEY,
    domain_id     VARCHAR(32)  NOT NULL REFERENCES account (id),
    name          VARCHAR(64)  NOT NULL,
    description   VARCHAR(255),
    enabled       BOOLEAN      NOT NULL,
    is_default    BOOLEAN      NOT NULL,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_project_name UNIQUE (domain_id, name)
);

-- "user" is reserved in PostgreSQL, hence iam_user.
CREATE TABLE iam_user (
    id                  VARCHAR(32)  PRIMARY KEY,
    domain_id           VARCHAR(32)  NOT NULL REFERENCES account (id),
    name                VARCHAR(64)  NOT NULL,
    password_hash       VARCHAR(255),
    email               VARCHAR(255),
    email_key           VARCHAR(255),
    areacode            VARCHAR(16),
    phone               VARCHAR(32),
    enabled             BOOLEAN      NOT NULL,
    is_domain_owner     BOOLEAN      NOT NULL,
    access_mode         VARCHAR(16)  NOT NULL,
    description         VARCHAR(255),
    xuser_type          VARCHAR(64),
    xuser_id            VARCHAR(128),
    pwd_status          BOOLEAN      NOT NULL,
    pwd_strength        VARCHAR(8)   NOT NULL,
    pwd_create_time     TIMESTAMP WITH TIME ZONE,
    modify_pwd_time     TIMESTAMP WITH TIME ZONE,
    last_pwd_auth_time  TIMESTAMP WITH TIME ZONE,
    password_expires_at TIMESTAMP WITH TIME ZONE,
    default_project_id  VARCHAR(32),
    last_project_id     VARCHAR(32),
    create_time         TIMESTAMP WITH TIME ZONE NOT NULL,
    update_time         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_time     TIMESTAMP WITH TIME ZONE,
    tokens_not_before   TIMESTAMP WITH TIME ZONE,
    version             BIGINT       NOT NULL,
    CONSTRAINT uq_user_name  UNIQUE (domain_id, name),
    CONSTRAINT uq_user_email UNIQUE (domain_id, email_key),
    CONSTRAINT uq_user_phone UNIQUE (domain_id, areacode, phone),
    CONSTRAINT uq_user_xuser UNIQUE (domain_id, xuser_type, xuser_id)
);

CREATE TABLE iam_group (
    id            VARCHAR(32)  PRIMARY KEY,
    domain_id     VARCHAR(32)  NOT NULL REFERENCES account (id),
    name          VARCHAR(128) NOT NULL,
    description   VARCHAR(255),
    builtin_admin BOOLEAN      NOT NULL,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_group_name UNIQUE (domain_id, name)
);

CREATE TABLE group_member (
    group_id      VARCHAR(32)  NOT NULL REFERENCES iam_group (id) ON DELETE CASCADE,
    user_id       VARCHAR(32)  NOT NULL REFERENCES iam_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX ix_group_member_user ON group_member (user_id);

-- System roles have no domain; custom policies (a later issue) belong to one.
CREATE TABLE iam_role (
    id            VARCHAR(32)  PRIMARY KEY,
    domain_id     VARCHAR(32)  REFERENCES account (id),
    name          VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(128) NOT NULL,
    type          VARCHAR(8)   NOT NULL,
    catalog       VARCHAR(64)  NOT NULL,
    description   VARCHAR(255),
    policy        VARCHAR(8192) NOT NULL,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX uq_role_system_name ON iam_role (name);

CREATE TABLE role_assignment (
    id            VARCHAR(32)  PRIMARY KEY,
    domain_id     VARCHAR(32)  NOT NULL REFERENCES account (id),
    subject_type  VARCHAR(8)   NOT NULL,
    subject_id    VARCHAR(32)  NOT NULL,
    role_id       VARCHAR(32)  NOT NULL REFERENCES iam_role (id),
    scope_type    VARCHAR(16)  NOT NULL,
    scope_id      VARCHAR(32)  NOT NULL,
    create_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_role_assignment UNIQUE (subject_type, subject_id, role_id, scope_type, scope_id)
);
CREATE INDEX ix_role_assignment_subject ON role_assignment (subject_id);

CREATE TABLE login_protect (
    user_id             VARCHAR(32)  PRIMARY KEY REFERENCES iam_user (id) ON DELETE CASCADE,
    domain_id           VARCHAR(32)  NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    verification_method VARCHAR(8)   NOT NULL,
    update_time         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_login_protect_domain ON login_protect (domain_id);

-- Token signing keys. The private key is AES-GCM ciphertext under the master key named inside it.
CREATE TABLE signing_key (
    kid             VARCHAR(32)   PRIMARY KEY,
    algorithm       VARCHAR(16)   NOT NULL,
    public_key      VARCHAR(4096) NOT NULL,
    private_key_enc VARCHAR(8192) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retire_after    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every token of a user issued at or before not_before is revoked (password change, disable, delete).
-- Kept until no such token can still be unexpired; it outlives a deleted user's row.
CREATE TABLE user_revocation (
    user_id       VARCHAR(32)  PRIMARY KEY,
    not_before    TIMESTAMP WITH TIME ZONE NOT NULL,
    keep_until    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_user_revocation_keep ON user_revocation (keep_until);

CREATE TABLE revoked_token (
    token_id      VARCHAR(32)  PRIMARY KEY,
    user_id       VARCHAR(32)  NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_revoked_token_expiry ON revoked_token (expires_at);

-- What one node changed that the others must apply to their caches (revocations, grants).
CREATE TABLE change_event (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind          VARCHAR(32)  NOT NULL,
    subject       VARCHAR(128) NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE INDEX ix_change_event_time ON change_event (occurred_at);

CREATE TABLE operation_log (
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    domain_id      VARCHAR(32),
    actor_id       VARCHAR(32),
    actor_name     VARCHAR(64),
    source_ip      VARCHAR(64),
    user_agent     VARCHAR(512),
    operation      VARCHAR(64)  NOT NULL,
    resource_type  VARCHAR(32)  NOT NULL,
    resource_id    VARCHAR(128),
    result         VARCHAR(8)   NOT NULL,
    error_code     VARCHAR(16),
    request_id     VARCHAR(64)
);
CREATE INDEX ix_operation_log_domain_time ON operation_log (domain_id, occurred_at);
CREATE INDEX ix_operation_log_actor_time ON operation_log (actor_id, occurred_at);

CREATE TABLE signin_event (
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    domain_id      VARCHAR(32),
    user_id        VARCHAR(32),
    attempted_name VARCHAR(128),
    source_ip      VARCHAR(64),
    user_agent     VARCHAR(512),
    channel        VARCHAR(16)  NOT NULL,
    method         VARCHAR(32)  NOT NULL,
    result         VARCHAR(8)   NOT NULL,
    cause          VARCHAR(32),
    request_id     VARCHAR(64)
);
CREATE INDEX ix_signin_event_domain_time ON signin_event (domain_id, occurred_at);
CREATE INDEX ix_signin_event_user_time ON signin_event (user_id, occurred_at);
