-- Login policy and sign-in lockout. Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).

-- An account's login policy. An account without a row has the defaults (LoginPolicy.DEFAULTS).
CREATE TABLE login_policy (
    domain_id                  VARCHAR(32)  PRIMARY KEY REFERENCES account (id),
    session_timeout            INTEGER      NOT NULL,
    period_with_login_failures INTEGER      NOT NULL,
    login_failed_times         INTEGER      NOT NULL,
    lockout_duration           INTEGER      NOT NULL,
    account_validity_period    INTEGER      NOT NULL,
    show_recent_login_info     BOOLEAN      NOT NULL,
    -- At most 64 characters (code points); room for surrogate pairs.
    custom_info_for_login      VARCHAR(128) NOT NULL,
    update_time                TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A user's failed password sign-ins within the current window, and the lock they led to. Created at a
-- user's first failure; every failure is one atomic UPDATE of this row, so nodes and threads never
-- lose a count.
CREATE TABLE user_lockout (
    user_id       VARCHAR(32)  PRIMARY KEY REFERENCES iam_user (id) ON DELETE CASCADE,
    domain_id     VARCHAR(32)  NOT NULL,
    failures      INTEGER      NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE,
    locked_until  TIMESTAMP WITH TIME ZONE
);
