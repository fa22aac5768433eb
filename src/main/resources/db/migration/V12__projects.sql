-- Projects get Huawei's two levels: a region project per account (parent = the account) and the
-- account's own subprojects below it (parent = the region project), and Huawei's normal/suspended status.
ALTER TABLE project ADD COLUMN parent_id VARCHAR(32);
UPDATE project SET parent_id = domain_id;
ALTER TABLE project ALTER COLUMN parent_id SET NOT NULL;
ALTER TABLE project ADD COLUMN status VARCHAR(16) DEFAULT 'normal' NOT NULL;
CREATE INDEX ix_project_parent ON project (domain_id, parent_id);
