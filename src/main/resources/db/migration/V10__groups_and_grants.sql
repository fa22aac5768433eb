-- Groups and grants (issue 4). The tables exist since V1; this adds the index their new queries need.
-- Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).

-- GET /v3.0/OS-PERMISSION/role-assignments reads one account's grants, paged in id order.
CREATE INDEX ix_role_assignment_domain_id ON role_assignment (domain_id, id);
