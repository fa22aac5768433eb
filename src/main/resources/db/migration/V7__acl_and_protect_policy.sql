-- Issue 3: an account's console and API access control lists, and its protect policy.
-- Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).

-- One row per account and list ('console' or 'api') once the list has been set. Its row lock
-- serializes concurrent replacements of the list's entries.
CREATE TABLE acl_policy (
    domain_id    VARCHAR(32)  NOT NULL REFERENCES account (id),
    acl          VARCHAR(8)   NOT NULL,
    update_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (domain_id, acl)
);

-- The entries of a list, in the order they were given. kind is the wire list they belong to:
-- ip_range, address_netmask, ip_range_ipv6, address_netmask_ipv6 or vpc_endpoint.
CREATE TABLE acl_entry (
    domain_id    VARCHAR(32)  NOT NULL,
    acl          VARCHAR(8)   NOT NULL,
    kind         VARCHAR(24)  NOT NULL,
    seq          INTEGER      NOT NULL,
    entry        VARCHAR(100) NOT NULL,
    description  VARCHAR(255) NOT NULL,
    PRIMARY KEY (domain_id, acl, kind, seq),
    CONSTRAINT fk_acl_entry_policy FOREIGN KEY (domain_id, acl) REFERENCES acl_policy (domain_id, acl)
        ON DELETE CASCADE
);

-- The account's protect policy, once it has been set; until then the defaults apply.
CREATE TABLE protect_policy (
    domain_id            VARCHAR(32)  PRIMARY KEY REFERENCES account (id),
    operation_protection BOOLEAN      NOT NULL,
    manage_accesskey     BOOLEAN      NOT NULL,
    manage_email         BOOLEAN      NOT NULL,
    manage_mobile        BOOLEAN      NOT NULL,
    manage_password      BOOLEAN      NOT NULL,
    admin_check          VARCHAR(3)   NOT NULL,
    scene                VARCHAR(8),
    mobile               VARCHAR(40),
    email                VARCHAR(255),
    update_time          TIMESTAMP WITH TIME ZONE NOT NULL
);
