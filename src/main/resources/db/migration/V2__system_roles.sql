-- The system roles Huawei IAM documents. Their policy documents drive the policy engine of a later
-- issue; until then Gatehouse reads only their names.
INSERT INTO iam_role (id, domain_id, name, display_name, type, catalog, description, policy, create_time) VALUES
('00000000000000000000000000000001', NULL, 'te_admin', 'Tenant Administrator', 'AA', 'BASE',
 'Tenant Administrator (Exclude IAM)', '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["*:*:*"]},{"Effect":"Deny","Action":["iam:*:*"]}]}', CURRENT_TIMESTAMP),
('00000000000000000000000000000002', NULL, 'secu_admin', 'Security Administrator', 'AA', 'BASE',
 'Full permissions for Identity and Access Management', '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:*"]}]}', CURRENT_TIMESTAMP),
('00000000000000000000000000000003', NULL, 'readonly', 'Tenant Guest', 'AA', 'BASE',
 'Tenant Guest (Exclude IAM)', '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["*:*:get*","*:*:list*"]},{"Effect":"Deny","Action":["iam:*:*"]}]}', CURRENT_TIMESTAMP),
('00000000000000000000000000000004', NULL, 'system_all_1', 'IAM FullAccess', 'AX', 'IAM',
 'Full permissions for Identity and Access Management', '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:*"]}]}', CURRENT_TIMESTAMP),
('00000000000000000000000000000005', NULL, 'system_all_2', 'IAM ReadOnlyAccess', 'AX', 'IAM',
 'Read-only permissions for Identity and Access Management', '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["iam:*:get*","iam:*:list*","iam:*:check*"]}]}', CURRENT_TIMESTAMP);
