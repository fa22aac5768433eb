-- Statistics over long periods read one row per week instead of seven: a weekly rollup beside the daily
-- one, for the six dimensions the statistics sum (hour, application, location, method, cause, device).
-- A table of its own rather than weekly rows in signin_daily: the sign-in flow's and the detector's reads of
-- what is usual (ip, country, city, total, by day) keep their table and indexes as they were, a weekly cell
-- cannot be mistaken for a daily one, and the retention of each table is a plain range on its own date
-- column. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).

-- A user's sign-in attempts per week (Monday to Sunday, UTC days), dimension and item. week_start is the
-- Monday. Kept by the detector in the transaction that adds the same counts to signin_daily.
CREATE TABLE signin_weekly (
    user_id     VARCHAR(32)  NOT NULL,
    dimension   VARCHAR(16)  NOT NULL,
    week_start  DATE         NOT NULL,
    item        VARCHAR(200) NOT NULL,
    domain_id   VARCHAR(32)  NOT NULL,
    successes   BIGINT       NOT NULL,
    failures    BIGINT       NOT NULL,
    PRIMARY KEY (user_id, dimension, week_start, item)
);
-- Everything the statistics read, so that PostgreSQL answers from the index alone (as ix_signin_daily_days).
CREATE INDEX ix_signin_weekly_weeks ON signin_weekly (user_id, dimension, week_start, item, successes, failures);

-- The weeks of the days rolled up so far. The Monday of a day is the day minus its ISO day of the week
-- (Monday 1 ... Sunday 7) plus one; DATE_TRUNC('week', ...) would do on PostgreSQL, but H2 starts its weeks
-- by locale.
INSERT INTO signin_weekly (user_id, dimension, week_start, item, domain_id, successes, failures)
SELECT user_id, dimension, week_start, item, MIN(domain_id), SUM(successes), SUM(failures)
FROM (SELECT user_id, dimension, item, domain_id, successes, failures,
             bucket_day - CAST(EXTRACT(ISODOW FROM bucket_day) AS INTEGER) + 1 AS week_start
      FROM signin_daily
      WHERE dimension IN ('hour', 'application', 'location', 'method', 'cause', 'device')) d
GROUP BY user_id, dimension, week_start, item;
