-- The risk detector adds every sign-in to about a dozen rollup cells (signin_daily, signin_weekly), each an
-- UPDATE of the cell's counts. While the counts were part of an index, PostgreSQL had to write new entries
-- in both of the table's indexes for every such UPDATE. Without them, an UPDATE changes no indexed column and
-- can stay on its page (a heap-only update, no index writes). The statistics still find their rows by
-- these indexes and now read the counts from the table's pages. Runs unchanged on PostgreSQL and on H2.
DROP INDEX ix_signin_daily_days;
CREATE INDEX ix_signin_daily_days ON signin_daily (user_id, dimension, bucket_day, item);
DROP INDEX ix_signin_weekly_weeks;
CREATE INDEX ix_signin_weekly_weeks ON signin_weekly (user_id, dimension, week_start, item);
