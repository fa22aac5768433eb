-- Issue 4: custom policies and the policy engine. Runs unchanged on PostgreSQL 15+ and on H2 (MODE=PostgreSQL).

-- Custom policies carry a Chinese description and an update time, as Huawei shows them.
ALTER TABLE iam_role ADD COLUMN description_cn VARCHAR(255);
ALTER TABLE iam_role ADD COLUMN update_time TIMESTAMP WITH TIME ZONE;
UPDATE iam_role SET update_time = create_time;
ALTER TABLE iam_role ALTER COLUMN update_time SET NOT NULL;
CREATE INDEX ix_role_domain ON iam_role (domain_id);
CREATE INDEX ix_role_assignment_role ON role_assignment (role_id);

-- The full-access role that the admin group holds: every action of every service, IAM and Gatehouse's own
-- (gatehouse:) included.
INSERT INTO iam_role (id, domain_id, name, display_name, type, catalog, description, description_cn, policy,
  create_time, update_time) VALUES
('00000000000000000000000000000006', NULL, 'system_all_0', 'FullAccess', 'AA', 'BASE',
 'Full permissions for all services, IAM and Gatehouse included', NULL,
 '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["*:*:*"]}]}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- Gatehouse's own endpoints (gatehouse:users:unlock, ...) extend IAM, so the IAM roles cover them and the roles
-- that exclude IAM exclude them too.
UPDATE iam_role SET policy = '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["*:*:*"]},{"Effect":"Deny","Action":["iam:*:*","gatehouse:*:*"]}]}'
  WHERE id = '00000000000000000000000000000001';
UPDATE iam_role SET policy = '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:*","gatehouse:*:*"]}]}'
  WHERE id = '00000000000000000000000000000002';
UPDATE iam_role SET policy = '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["*:*:get*","*:*:list*"]},{"Effect":"Deny","Action":["iam:*:*","gatehouse:*:*"]}]}'
  WHERE id = '00000000000000000000000000000003';
UPDATE iam_role SET policy = '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:*","gatehouse:*:*"]}]}'
  WHERE id = '00000000000000000000000000000004';
UPDATE iam_role SET policy = '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:get*","iam:*:list*","iam:*:check*","iam:*:show*","gatehouse:*:get*","gatehouse:*:list*"]}]}'
  WHERE id = '00000000000000000000000000000005';

-- The admin group is now an ordinary group: it holds FullAccess where it held Tenant Administrator, whose
-- Deny of iam:*:* would otherwise win over any grant of IAM actions.
UPDATE role_assignment SET role_id = '00000000000000000000000000000006'
  WHERE role_id = '00000000000000000000000000000001' AND subject_type = 'group'
    AND subject_id IN (SELECT id FROM iam_group WHERE builtin_admin = TRUE);
