#!/usr/bin/env bash
# Gatehouse statistics benchmark: GET /gatehouse/v1/users/{id}/statistics over a user with a million
# sign-in events, on PostgreSQL, bounded in time, loopback only.
#
#   bench/stats.sh                                   # default run (seeding and the detector's rollup dominate)
#   N_EVENTS=100000 DURATION=5 WARMUP=2 bench/stats.sh
#
# Builds the jar if missing, creates a fresh PostgreSQL database, starts Gatehouse on 127.0.0.1 with a
# bootstrap account and one user, seeds N_EVENTS enriched sign-in events of that user over 90 days with
# SQL (generate_series), waits for the risk detector to roll them up (signin_daily) and reports how long
# that took, records the plan of the statistics statement (EXPLAIN ANALYZE), then measures the statistics
# call (periods 7d, 30d, 90d and a custom range, rotating) with wrk at each concurrency. Results go to
# bench/results/stats-<timestamp>/. Stops Gatehouse and drops the database on every exit path.
# The same workload fits bench/query.sh as "statistics" (see bench/README.md).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")

: "${PORT:=18482}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
: "${DB_NAME:=gatehouse_stats_bench}"
: "${N_EVENTS:=1000000}"
: "${CONCURRENCIES:=8}"
: "${WARMUP:=5}" "${DURATION:=20}"
: "${WRK_THREADS:=2}" "${WRK_TIMEOUT:=10s}"
: "${TARGET_P99_MS:=100}"
: "${START_TIMEOUT:=90}" "${BUILD_TIMEOUT:=900}" "${ROLLUP_TIMEOUT:=3600}"
: "${JAVA_OPTS:=}"
: "${RESULTS_DIR:=${BENCH_DIR}/results/stats-$(date -u +%Y%m%dT%H%M%SZ)}"

BENCH_NAME=stats PSQL_TIMEOUT=900
# shellcheck source=lib/audit-bench.sh
. "$BENCH_DIR/lib/audit-bench.sh"

start_server_and_sign_in
code=$(curl -s --max-time 60 -o "$STATE/user.json" -w '%{http_code}' -X POST "$BASE/v3.0/OS-USER/users" \
  -H 'Content-Type: application/json' -H "X-Auth-Token: $ADMIN_TOKEN" \
  -d "{\"user\":{\"name\":\"heavy\",\"domain_id\":\"$DOMAIN_ID\",\"password\":\"Heavy-User-$$-pw\"}}")
[ "$code" = 201 ] || die "user create answered $code"
USER_ID=$(jq -r '.user.id' "$STATE/user.json")

# ---- seeding: one user, N_EVENTS attempts over the last 90 days, as SignInEvents writes them ----------
# 5,000 addresses, 20 places, 12 devices, 10 applications, 4 methods, one failure in 13 with 6 causes.
seed() {
  local t0; t0=$(now_ms)
  psql_db -v acct="$DOMAIN_ID" -v usr="$USER_ID" -v n="$N_EVENTS" <<'SQL'
INSERT INTO signin_event (occurred_at, domain_id, user_id, attempted_name, source_ip, user_agent, channel, method,
  result, cause, request_id, location, country_code, city, device_type, os, browser, application)
SELECT now() - interval '90 days' + (g * interval '90 days') / :n, :'acct', :'usr', 'heavy',
       '203.' || (g % 20) || '.' || (g / 20 % 250) || '.9', 'bench-agent', 'api',
       (ARRAY['password','password+totp','password+email','password+sms'])[1 + g % 4],
       CASE WHEN g % 13 = 0 THEN 'failure' ELSE 'success' END,
       CASE WHEN g % 13 = 0 THEN (ARRAY['wrong_password','account_locked','mfa_failed','acl','disabled',
                                        'password_expired'])[1 + g / 13 % 6] END,
       md5(g::text), 'City ' || (g % 20) || ', Country ' || (g % 5), 'C' || (g % 5), 'City ' || (g % 20),
       (ARRAY['desktop','mobile','tablet'])[1 + g % 3], (ARRAY['Windows','Mac OS X','Android','iOS'])[1 + g % 4],
       (ARRAY['Chrome','Firefox','Safari'])[1 + g / 7 % 3], 'app-' || (g % 10)
FROM generate_series(1, :n) AS g;
VACUUM (ANALYZE) signin_event;
SQL
  log "seeded ${N_EVENTS} sign-in events in $(( $(now_ms) - t0 )) ms"
}

# ---- the detector's rollup of the seeded events -------------------------------------------------------
await_rollup() {
  local t0 last max; t0=$(now_ms)
  max=$(psql_db -At -c "SELECT max(id) FROM signin_event")
  while :; do
    last=$(psql_db -At -c "SELECT last_event_id FROM risk_detector_cursor WHERE name = 'signin'")
    (( last >= max )) && break
    (( $(now_ms) - t0 < ROLLUP_TIMEOUT * 1000 )) || die "the detector reached event $last of $max in ${ROLLUP_TIMEOUT}s"
    sleep 2
  done
  local ms=$(( $(now_ms) - t0 ))
  ROLLUP_CELLS=$(psql_db -At -c "SELECT count(*) FROM signin_daily")
  WEEKLY_CELLS=$(psql_db -At -c "SELECT count(*) FROM signin_weekly")
  psql_db -c "VACUUM (ANALYZE) signin_daily" >/dev/null
  psql_db -c "VACUUM (ANALYZE) signin_weekly" >/dev/null
  # Write the seeding's and the rollup's dirty pages out before the measurement, so that the measured window
  # does not share the disk with the bulk load's write-back (part of a setup no real history has).
  psql_db -c "CHECKPOINT" >/dev/null
  ROLLUP_LINE="rollup: ${N_EVENTS} events in ${ms} ms ($(( N_EVENTS * 1000 / (ms + 1) )) events/s), ${ROLLUP_CELLS} signin_daily rows, ${WEEKLY_CELLS} signin_weekly rows"
  log "$ROLLUP_LINE"
}

# The statistics statement of SignInDaily for the 90-day period, with its plan: the sums per item (the days
# before the first Monday and after the last whole week from signin_daily, the whole weeks from
# signin_weekly) and the attempts per day, in one round trip.
plans() {
  local from; from=$(date -u -d '89 days ago' +%Y-%m-%d)
  local to; to=$(date -u +%Y-%m-%d)
  local first; first=$(date -u -d "$from + $(( (8 - $(date -u -d "$from" +%u)) % 7 )) days" +%Y-%m-%d)
  local sunday; sunday=$(date -u -d "$to - $(( $(date -u -d "$to" +%u) % 7 )) days" +%Y-%m-%d)
  local head_to; head_to=$(date -u -d "$first - 1 day" +%Y-%m-%d)
  local last; last=$(date -u -d "$sunday - 6 days" +%Y-%m-%d)
  local tail_from; tail_from=$(date -u -d "$sunday + 1 day" +%Y-%m-%d)
  local dims="('application','location','hour','method','cause','device')"
  {
    echo "== days $from..$head_to, weeks $first..$last, days $tail_from..$to; per day $from..$to"
    psql_db -c "EXPLAIN (ANALYZE, BUFFERS) SELECT dimension, item, CAST(NULL AS DATE),
      CAST(SUM(successes) AS BIGINT), CAST(SUM(failures) AS BIGINT) FROM (
      SELECT dimension, item, successes, failures FROM signin_daily
      WHERE user_id = '$USER_ID' AND dimension IN $dims AND bucket_day BETWEEN '$from' AND '$head_to'
      UNION ALL
      SELECT dimension, item, successes, failures FROM signin_weekly
      WHERE user_id = '$USER_ID' AND dimension IN $dims AND week_start BETWEEN '$first' AND '$last'
      UNION ALL
      SELECT dimension, item, successes, failures FROM signin_daily
      WHERE user_id = '$USER_ID' AND dimension IN $dims AND bucket_day BETWEEN '$tail_from' AND '$to'
      ) c GROUP BY dimension, item
      UNION ALL
      SELECT dimension, item, bucket_day, successes, failures FROM signin_daily
      WHERE user_id = '$USER_ID' AND dimension = 'total' AND item = '' AND bucket_day BETWEEN '$from' AND '$to'"
  } >"$RESULTS_DIR/plans.txt" 2>&1
  log "query plan: $RESULTS_DIR/plans.txt"
}

paths() {
  local p="/gatehouse/v1/users/$USER_ID/statistics"
  printf '%s\n' "$p?period=7d" "$p?period=30d" "$p?period=90d" \
    "$p?period=custom&from=$(date -u -d '60 days ago' +%Y-%m-%d)&to=$(date -u -d '10 days ago' +%Y-%m-%d)"
}

per_path() {
  local p
  while read -r p; do
    for _ in $(seq 20); do
      curl -s -o /dev/null -w '%{time_total}\n' --max-time 30 -H "X-Auth-Token: $ADMIN_TOKEN" "$BASE$p"
    done | sort -n | awk -v p="$p" '{t[NR] = $1 * 1000} END {printf "%8.1f %8.1f  %s\n", t[int((NR + 1) / 2)], t[NR], p}'
  done <"$STATE/paths.txt" >"$RESULTS_DIR/per-path.txt"
}

run_wrk() {  # <conc> <seconds> <outfile>
  local conc=$1 secs=$2 out=$3 t=$WRK_THREADS
  (( t > conc )) && t=$conc
  BENCH_DATA="$STATE/paths.txt" BENCH_ADMIN_TOKEN="$ADMIN_TOKEN" BENCH_STATUS=200 BENCH_MARKER='"statistics":{' \
    BENCH_THREADS="$t" BENCH_LUA_DIR="$BENCH_DIR/lua" \
    timeout $((secs + 30)) wrk -t "$t" -c "$conc" -d "${secs}s" --timeout "$WRK_TIMEOUT" \
    -s "$BENCH_DIR/lua/query.lua" "$BASE" >"$out" 2>&1 || log "WARN: wrk c=$conc exited non-zero, see $out"
}

# CPU of the measured window: Gatehouse, all postgres processes, and the rest of the host (wrk and anything
# else: other work sharing the machine shows here), in cores; a busy host explains a long tail.
ticks() {  # gatehouse postgres busy steal total
  local pg=0 p
  for p in $(pgrep -x postgres || true); do pg=$((pg + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$SERVER_PID/stat") $pg $(awk '/^cpu /{print $2+$3+$4+$7+$8, $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)"
}
cpu_line() {  # <ticks before> <ticks after> <seconds>
  awk -v a="$1" -v b="$2" -v s="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      split(a, x, " "); split(b, y, " "); n = s * hz
      printf "cpu (cores): gatehouse %.2f, postgres %.2f, rest (wrk and other) %.2f, steal %.2f\n", (y[1] - x[1]) / n,
        (y[2] - x[2]) / n, ((y[3] - x[3]) - (y[1] - x[1]) - (y[2] - x[2])) / n, (y[4] - x[4]) / n
    }'
}

seed
await_rollup
plans
paths >"$STATE/paths.txt"
per_path
{
  echo "Gatehouse statistics benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), ${N_EVENTS} sign-in events of one user"
  echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$ROLLUP_LINE"
  printf '%-10s %5s %9s %7s %8s %8s %8s %8s %7s  %s\n' workload conc requests ok_rps p50_ms p90_ms p99_ms max_ms errors target
} >"$REPORT"
CPU_LINES=""
for conc in $CONCURRENCIES; do
  run_wrk "$conc" "$WARMUP" "$RESULTS_DIR/wrk/statistics-c$conc.warmup"
  before=$(ticks)
  run_wrk "$conc" "$DURATION" "$RESULTS_DIR/wrk/statistics-c$conc"
  CPU_LINES+="c=$conc $(cpu_line "$before" "$(ticks)" "$DURATION")"$'\n'
  line=$(grep '^RESULT ' "$RESULTS_DIR/wrk/statistics-c$conc" || true)
  [ -n "$line" ] || die "no RESULT from wrk for c=$conc, see $RESULTS_DIR/wrk/statistics-c$conc"
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  awk -v c="$conc" -v req="$(get requests)" -v ok="$(get ok)" -v bad="$(get bad)" -v dur="$(get duration_us)" \
      -v p50="$(get p50_us)" -v p90="$(get p90_us)" -v p99="$(get p99_us)" -v mx="$(get max_us)" -v target="$TARGET_P99_MS" 'BEGIN {
      verdict = (p99 / 1000 <= target + 0 && bad == 0) ? "ok" : "MISSED"
      printf "%-10s %5s %9d %7.1f %8.1f %8.1f %8.1f %8.1f %7d  p99 <= %s ms: %s\n", "statistics", c, req, ok / (dur / 1e6),
        p50 / 1000, p90 / 1000, p99 / 1000, mx / 1000, bad, target, verdict
    }' >>"$REPORT"
done
printf '%s' "$CPU_LINES" >>"$REPORT"
{
  echo
  echo "each path alone, sequentially, 20 times: median_ms max_ms path"
  cat "$RESULTS_DIR/per-path.txt"
} >>"$REPORT"
cat "$REPORT"
