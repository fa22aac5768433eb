#!/usr/bin/env bash
# Gatehouse query benchmark: the audit read side at a million records, bounded in time, loopback only.
#
#   bench/query.sh                                   # default run (~4 min on 2 cores, most of it seeding)
#   DURATION=5 WARMUP=2 bench/query.sh               # quick check
#   WORKLOADS="oplog_page" CONCURRENCIES="8 32" bench/query.sh
#
# Builds the jar if missing, creates a fresh PostgreSQL database, starts Gatehouse on 127.0.0.1 with a
# bootstrap account, seeds N_RECORDS operation-log records and N_RECORDS sign-in events into that
# account with SQL (generate_series), VACUUM (ANALYZE), records the query plans (EXPLAIN ANALYZE) of
# the filtered first pages, then measures each workload with wrk (closed loop, keep-alive, warm-up then
# a measured window). Prints the report and writes it, with the plans and raw wrk output, to
# bench/results/query-<timestamp>/. Stops Gatehouse and drops the database on every exit path.
# See bench/README.md ("Query benchmark").
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")

: "${PORT:=18481}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
: "${DB_NAME:=gatehouse_query_bench}"
: "${N_RECORDS:=1000000}"               # operation-log records, and as many sign-in events
: "${CONCURRENCIES:=8}"
# The statistics call (GET /gatehouse/v1/users/{id}/statistics) joins here as workload "statistics":
# add it to WORKLOADS, to wl_paths() and to wl_marker(), and a target line in report().
: "${WORKLOADS:=oplog_page signin_page}"
: "${WARMUP:=5}" "${DURATION:=20}"
: "${WRK_THREADS:=2}" "${WRK_TIMEOUT:=10s}"
: "${TARGET_P99_MS:=100}"
: "${START_TIMEOUT:=90}" "${BUILD_TIMEOUT:=900}"
: "${JAVA_OPTS:=}"
: "${RESULTS_DIR:=${BENCH_DIR}/results/query-$(date -u +%Y%m%dT%H%M%SZ)}"

BENCH_NAME=query PSQL_TIMEOUT=600
# shellcheck source=lib/audit-bench.sh
. "$BENCH_DIR/lib/audit-bench.sh"

# ---- database, server ---------------------------------------------------------------------------
start_server_and_sign_in

# ---- seeding -------------------------------------------------------------------------------------------
# One account, N_RECORDS of each log over the last 90 days, ids growing with time as Gatehouse writes them.
# Operation log: 10 operations (one in 10 each), 1,000 actors, 10,000 resources, one failure in 17.
# Sign-in events: 1,000 users, 5,000 addresses, 3 methods, one failure in 13 with 4 causes.
# The 1,000 actors and users exist as users of the account: a user's own view answers 404 for an unknown one.
# The seeded operation-log records carry no chain links (SQL cannot compute the MAC); the queries
# measured here do not read the links.
seed() {
  local t0; t0=$(now_ms)
  psql_db -v acct="$DOMAIN_ID" -v n="$N_RECORDS" <<'SQL'
INSERT INTO iam_user (id, domain_id, name, enabled, is_domain_owner, access_mode, pwd_status, pwd_strength,
  create_time, update_time, version)
SELECT md5(g::text), :'acct', 'user-' || g, TRUE, FALSE, 'default', FALSE, 'None', now(), now(), 0
FROM generate_series(0, 999) AS g;
INSERT INTO operation_log (occurred_at, domain_id, actor_id, actor_name, source_ip, user_agent, operation,
  resource_type, resource_id, result, error_code, request_id)
SELECT now() - interval '90 days' + (g * interval '90 days') / :n, :'acct', md5((g % 1000)::text),
       'user-' || (g % 1000), '10.' || (g % 200) || '.' || (g % 250) || '.1', 'bench-agent',
       (ARRAY['iam:users:createUser','iam:users:updateUser','iam:users:deleteUser','iam:users:updateUserPassword',
              'iam:users:setUserLoginProtect','iam:mfa:createVirtualMfaDevice','iam:mfa:bindMfaDevice',
              'iam:securitypolicies:updatePasswordPolicy','iam:tokens:revokeToken','gatehouse:users:unlock'])[1 + g % 10],
       (ARRAY['user','user','user','user','user','virtual_mfa_device','virtual_mfa_device','password_policy',
              'token','lockout'])[1 + g % 10],
       md5('r' || (g % 10000)), CASE WHEN g % 17 = 0 THEN 'failure' ELSE 'success' END,
       CASE WHEN g % 17 = 0 THEN 'IAM.0003' END, md5(g::text)
FROM generate_series(1, :n) AS g;
INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent, channel, method,
  result, cause, request_id)
SELECT now() - interval '90 days' + (g * interval '90 days') / :n, :'acct', md5((g % 1000)::text),
       'user-' || (g % 1000), '10.' || (g % 5000 / 250) || '.' || (g % 250) || '.7', 'bench-agent', 'api',
       CASE g % 10 WHEN 0 THEN 'password+totp' WHEN 1 THEN 'password+email' ELSE 'password' END,
       CASE WHEN g % 13 = 0 THEN 'failure' ELSE 'success' END,
       CASE WHEN g % 13 = 0 THEN (ARRAY['wrong_password','account_locked','mfa_failed','acl'])[1 + g / 13 % 4] END,
       md5(g::text)
FROM generate_series(1, :n) AS g;
VACUUM (ANALYZE) operation_log;
VACUUM (ANALYZE) signin_event;
SQL
  log "seeded ${N_RECORDS} operation-log records and ${N_RECORDS} sign-in events in $(( $(now_ms) - t0 )) ms"
}

# ---- workloads: the filtered first pages (default limit 50), a mix of the filters the UI offers --------
since=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
wl_paths() {
  case "$1" in
    oplog_page)
      local a; a=$(printf 17 | md5sum | cut -d' ' -f1)
      local r; r=$(printf r42 | md5sum | cut -d' ' -f1)
      printf '%s\n' \
        "/gatehouse/v1/operation-logs?operation=iam:users:updateUser" \
        "/gatehouse/v1/operation-logs?result=failure" \
        "/gatehouse/v1/operation-logs?actor_id=$a" \
        "/gatehouse/v1/operation-logs?resource_type=password_policy&from=$since" \
        "/gatehouse/v1/operation-logs?resource_id=$r" \
        "/gatehouse/v1/operation-logs?operation=iam:users:deleteUser&result=failure&from=$since" \
        "/gatehouse/v1/users/$a/operation-logs?result=success" ;;
    signin_page)
      local u; u=$(printf 5 | md5sum | cut -d' ' -f1)
      printf '%s\n' \
        "/gatehouse/v1/signin-events?result=failure" \
        "/gatehouse/v1/signin-events?cause=acl" \
        "/gatehouse/v1/signin-events?user_id=$u" \
        "/gatehouse/v1/signin-events?source_ip=10.3.7.7" \
        "/gatehouse/v1/signin-events?attempted_name=user-7&result=failure" \
        "/gatehouse/v1/signin-events?method=password%2Btotp&from=$since" \
        "/gatehouse/v1/users/$u/signin-events?result=success" ;;
    *) die "unknown workload $1" ;;
  esac
}
wl_marker() {
  case "$1" in
    oplog_page)  echo '"operation_logs":[{' ;;
    signin_page) echo '"signin_events":[{' ;;
  esac
}

# The SQL each filtered page runs (as LogReader builds it), with its plan, for the record.
explain() {
  local t=$1 where=$2
  echo "== $t WHERE $where"
  psql_db -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM $t WHERE $where ORDER BY occurred_at DESC, id DESC LIMIT 51" 2>&1
}
plans() {
  local a; a=$(printf 17 | md5sum | cut -d' ' -f1)
  local u; u=$(printf 5 | md5sum | cut -d' ' -f1)
  local d="domain_id = '$DOMAIN_ID'"
  {
    explain operation_log "$d AND operation = 'iam:users:updateUser'"
    explain operation_log "$d AND result = 'failure'"
    explain operation_log "$d AND actor_id = '$a'"
    explain operation_log "occurred_at >= '$since' AND $d AND resource_type = 'password_policy'"
    explain operation_log "occurred_at >= '$since' AND $d AND operation = 'iam:users:deleteUser' AND result = 'failure'"
    echo "== operation_log, a user's own records (the two branches LogReader merges)"
    psql_db -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM (
        (SELECT * FROM operation_log WHERE $d AND result = 'success' AND actor_id = '$a' ORDER BY occurred_at DESC, id DESC LIMIT 51)
        UNION (SELECT * FROM operation_log WHERE $d AND result = 'success' AND resource_id = '$a' ORDER BY occurred_at DESC, id DESC LIMIT 51)
      ) matches ORDER BY occurred_at DESC, id DESC LIMIT 51" 2>&1
    explain signin_event "$d AND result = 'failure'"
    explain signin_event "$d AND cause = 'acl'"
    explain signin_event "$d AND user_id = '$u'"
    explain signin_event "$d AND source_ip = '10.3.7.7'"
    explain signin_event "$d AND result = 'failure' AND attempted_name = 'user-7'"
    explain signin_event "occurred_at >= '$since' AND $d AND method = 'password+totp'"
  } >"$RESULTS_DIR/plans.txt"
  log "query plans: $RESULTS_DIR/plans.txt"
}

# per_path <workload>: each path alone, 20 times in a row (no concurrency): median and max in ms, so a
# slow filter shows by name.
per_path() {
  local wl=$1 p
  while read -r p; do
    for _ in $(seq 20); do
      curl -s -o /dev/null -w '%{time_total}\n' --max-time 30 -H "X-Auth-Token: $ADMIN_TOKEN" "$BASE$p"
    done | sort -n | awk -v p="$p" '{t[NR] = $1 * 1000} END {printf "%8.1f %8.1f  %s\n", t[int((NR + 1) / 2)], t[NR], p}'
  done <"$STATE/$wl.txt" >>"$RESULTS_DIR/per-path.txt"
}

run_wrk() {  # <workload> <conc> <seconds> <outfile>
  local wl=$1 conc=$2 secs=$3 out=$4 t=$WRK_THREADS
  (( t > conc )) && t=$conc
  BENCH_DATA="$STATE/$wl.txt" BENCH_ADMIN_TOKEN="$ADMIN_TOKEN" BENCH_STATUS=200 BENCH_MARKER="$(wl_marker "$wl")" \
    BENCH_THREADS="$t" BENCH_LUA_DIR="$BENCH_DIR/lua" \
    timeout $((secs + 30)) wrk -t "$t" -c "$conc" -d "${secs}s" --timeout "$WRK_TIMEOUT" \
    -s "$BENCH_DIR/lua/query.lua" "$BASE" >"$out" 2>&1 || log "WARN: wrk $wl c=$conc exited non-zero, see $out"
}

report() {
  {
    echo "Gatehouse query benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), ${N_RECORDS} records per log in one account"
    echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-12s %5s %9s %7s %8s %8s %8s %8s %7s  %s\n' workload conc requests ok_rps p50_ms p90_ms p99_ms max_ms errors target
    awk -F'\t' -v target="$TARGET_P99_MS" 'NR > 1 {
        verdict = ($7 + 0 <= target + 0 && $5 == 0) ? "ok" : "MISSED"
        printf "%-12s %5s %9s %7s %8s %8s %8s %8s %7s  p99 <= %s ms: %s\n", $1, $2, $3, $4, $6, $8, $7, $9, $5, target, verdict
      }' "$RESULTS_TSV"
    echo
    echo "each path alone, sequentially, 20 times: median_ms max_ms path"
    cat "$RESULTS_DIR/per-path.txt"
  } | tee "$REPORT"
}

seed
plans
printf 'workload\tconc\trequests\tok_rps\terrors\tp50_ms\tp99_ms\tp90_ms\tmax_ms\n' >"$RESULTS_TSV"
for wl in $WORKLOADS; do
  wl_paths "$wl" >"$STATE/$wl.txt"
  per_path "$wl"
  for conc in $CONCURRENCIES; do
    run_wrk "$wl" "$conc" "$WARMUP" "$RESULTS_DIR/wrk/$wl-c$conc.warmup"
    run_wrk "$wl" "$conc" "$DURATION" "$RESULTS_DIR/wrk/$wl-c$conc"
    line=$(grep '^RESULT ' "$RESULTS_DIR/wrk/$wl-c$conc" || true)
    [ -n "$line" ] || die "no RESULT from wrk for $wl c=$conc, see $RESULTS_DIR/wrk/$wl-c$conc"
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    awk -v wl="$wl" -v c="$conc" -v req="$(get requests)" -v ok="$(get ok)" -v bad="$(get bad)" -v dur="$(get duration_us)" \
        -v p50="$(get p50_us)" -v p90="$(get p90_us)" -v p99="$(get p99_us)" -v mx="$(get max_us)" 'BEGIN {
        printf "%s\t%s\t%d\t%.1f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\n", wl, c, req, ok / (dur / 1e6), bad, p50 / 1000, p99 / 1000, p90 / 1000, mx / 1000
      }' >>"$RESULTS_TSV"
    log "$wl c=$conc: $(tail -1 "$RESULTS_TSV" | cut -f3-)"
  done
done
report
