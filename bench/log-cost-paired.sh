#!/usr/bin/env bash
# What the operation log costs the user PUT, measured side by side: one Gatehouse per way of writing the log
# (MODES, default "in-transaction off"), all started together, each on its own database, and then measured in
# turn, a short window each, ROUNDS times, with the order mirrored every second round. bench/log-cost.sh
# compares runs minutes apart, each with its own JVM, JIT and database; on this VM the rate of one and the
# same run moved by a third between such runs, so a cost of 10 % needed many rounds to show. Here every
# window of one mode has a window of the other within seconds, in JVMs warmed alike, and each round gives
# one paired figure: the spread of those figures says how far the mean can be trusted.
#
#   bench/log-cost-paired.sh                                   # 12 rounds of two modes, about 10 minutes on 2 cores
#   MODES="in-transaction after-commit off" bench/log-cost-paired.sh
#
# Prints every window, then per mode the cost 1 - rate(with the log) / rate(without), as the mean and median
# of the rounds with a 95 % interval of the mean, and the same for the CPU each request took (Gatehouse +
# PostgreSQL, and each apart). The servers not being measured are idle but alive: their schedulers run.
# inbox-only holds the sealer back for an hour (what the writing transaction pays, without the sealing).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=lib/log-modes.sh
. "$BENCH_DIR/lib/log-modes.sh"
: "${MODES:=in-transaction off}"
: "${ROUNDS:=12}"
: "${DURATION:=15}"                     # s per measured window
: "${WARMUP:=3}"                        # s before each window, discarded (the server was idle until then)
: "${PREWARM:=60}"                      # s per server before the first round, discarded (JIT)
: "${CONCURRENCY:=8}"
: "${N_USERS:=1000}"
: "${BASE_PORT:=18490}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
: "${JAVA_OPTS:=}"
: "${RESULTS_DIR:=${BENCH_DIR}/results/log-cost-paired-$(date -u +%Y%m%dT%H%M%SZ)}"
export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT=10 PGOPTIONS="-c client_min_messages=warning"

JAR="$ROOT/target/gatehouse-0.1.0-SNAPSHOT.jar"
CLK_TCK=$(getconf CLK_TCK)
ACCOUNT=bench
ADMIN=admin
ADMIN_PASSWORD="Bench-Admin-$$-pw"
mkdir -p "$RESULTS_DIR/wrk"
STATE=$(mktemp -d /tmp/gatehouse-log-cost.XXXXXX)
LOG="$RESULTS_DIR/run.log"
read -r -a MODE_LIST <<<"$MODES"
[[ " $MODES " == *" off "* ]] || { echo "MODES must include off, the baseline" >&2; exit 2; }
declare -A PID PORT DB TOKEN

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
  local rc=$? mode
  trap - EXIT INT TERM
  for mode in "${MODE_LIST[@]}"; do
    [ -n "${PID[$mode]:-}" ] && kill -TERM "${PID[$mode]}" 2>/dev/null || true
  done
  for mode in "${MODE_LIST[@]}"; do
    [ -n "${PID[$mode]:-}" ] && wait "${PID[$mode]}" 2>/dev/null || true
    [ -n "${DB[$mode]:-}" ] && psql -q -d postgres -c "DROP DATABASE IF EXISTS \"${DB[$mode]}\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$STATE"
  (( rc == 0 )) || log "run failed (exit $rc); partial results in $RESULTS_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local s=0 p
  for p in $(pgrep -x postgres 2>/dev/null || true); do s=$((s + $(proc_ticks "$p"))); done
  echo "$s"
}

# start <mode> <index>: a database and a Gatehouse for one way of writing the log
start() {
  local mode=$1 i=$2 settings port db n
  settings=$(log_mode_env "$mode") || die "no such mode: $mode"
  port=$((BASE_PORT + i)); db="gatehouse_logcost_$i"
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && die "something already listens on 127.0.0.1:$port (set BASE_PORT)"
  psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null
  DB[$mode]=$db; PORT[$mode]=$port
  mkdir -p "$STATE/$mode"
  # shellcheck disable=SC2086
  env $settings GATEHOUSE_PORT="$port" GATEHOUSE_BIND_ADDRESS=127.0.0.1 \
    GATEHOUSE_DB_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/$db" GATEHOUSE_DB_USER="$PGUSER" GATEHOUSE_DB_PASSWORD="" \
    GATEHOUSE_BOOTSTRAP_ACCOUNT="$ACCOUNT" GATEHOUSE_BOOTSTRAP_ADMIN="$ADMIN" GATEHOUSE_BOOTSTRAP_PASSWORD="$ADMIN_PASSWORD" \
    GATEHOUSE_MASTER_KEY_FILE="$STATE/$mode/master.key" \
    JAR="$JAR" APP_DIR="$STATE/app" GATEHOUSE_JAVA_OPTS="$JAVA_OPTS" \
    "$ROOT/bin/gatehouse" >>"$RESULTS_DIR/gatehouse-$mode.log" 2>&1 &
  PID[$mode]=$!
  for n in $(seq 1 1200); do
    kill -0 "${PID[$mode]}" 2>/dev/null || die "Gatehouse ($mode) exited during start-up, see $RESULTS_DIR/gatehouse-$mode.log"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ] && break
    sleep 0.05
  done
  log "Gatehouse ($mode) pid ${PID[$mode]} on port $port, database $db"
}

# provision <mode>: the administrator's token and N_USERS users through the API ($STATE/<mode>/users.txt)
provision() {
  local mode=$1 base="http://127.0.0.1:${PORT[$1]}" dir="$STATE/$1/provision" domain
  mkdir -p "$dir"
  curl -s --max-time 60 -D "$dir/admin.hdr" -o "$dir/admin.json" -X POST "$base/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$ADMIN\",\"password\":\"$ADMIN_PASSWORD\",\"domain\":{\"name\":\"$ACCOUNT\"}}}},\"scope\":{\"domain\":{\"name\":\"$ACCOUNT\"}}}}" >/dev/null
  TOKEN[$mode]=$(awk 'tolower($1)=="x-subject-token:" {print $2}' "$dir/admin.hdr" | tr -d '\r')
  domain=$(jq -r '.token.domain.id' "$dir/admin.json")
  [ -n "${TOKEN[$mode]}" ] && [ "$domain" != null ] || die "admin sign-in failed on $mode: $(head -c 300 "$dir/admin.json")"
  seq -f 'u%06g' 1 "$N_USERS" | awk -v url="$base/v3.0/OS-USER/users" -v tok="${TOKEN[$mode]}" -v dom="$domain" -v dir="$dir" '{
      if (NR > 1) print "next"
      printf "url = \"%s\"\nmax-time = 60\nheader = \"X-Auth-Token: %s\"\nheader = \"Content-Type: application/json\"\n", url, tok
      printf "data = \"{\\\"user\\\":{\\\"name\\\":\\\"%s\\\",\\\"domain_id\\\":\\\"%s\\\",\\\"password\\\":\\\"Pw-%s-bench\\\",\\\"pwd_status\\\":false}}\"\n", $1, dom, substr($1, 2)
      printf "output = \"%s/%s.json\"\n", dir, $1
    }' >"$dir/curl.cfg"
  curl -s --parallel --parallel-max 16 -K "$dir/curl.cfg" >>"$LOG" 2>&1 || true
  jq -r 'select(.user.id != null) | "\(.user.name) - \(.user.id)"' "$dir"/u*.json 2>/dev/null | sort >"$STATE/$mode/users.txt" || true
  [ "$(grep -c . "$STATE/$mode/users.txt")" = "$N_USERS" ] || die "provisioned $(grep -c . "$STATE/$mode/users.txt") of $N_USERS users on $mode"
  psql -q -d "${DB[$mode]}" -c 'VACUUM (ANALYZE)' >/dev/null
  log "provisioned $N_USERS users on $mode"
}

# put <mode> <seconds> <out>: one wrk run of the user PUT against that mode's server
put() {
  local mode=$1
  BENCH_DATA="$STATE/$mode/users.txt" BENCH_ADMIN_TOKEN="${TOKEN[$mode]}" BENCH_STATUS=200 \
    BENCH_MARKER='"description":"bench-' BENCH_THREADS=2 BENCH_LUA_DIR="$BENCH_DIR/lua" \
    timeout $(($2 + 30)) wrk -t 2 -c "$CONCURRENCY" -d "${2}s" --timeout 10s -s "$BENCH_DIR/lua/user_put.lua" \
    "http://127.0.0.1:${PORT[$mode]}" >"$3" 2>&1 || log "WARN: wrk ($mode) exited non-zero, see $3"
}

# window <mode> <round>: warm-up, then a measured window; appends "mode round rate cpu_ms gh_ms pg_ms errors", the
# CPU per request in ms: Gatehouse + PostgreSQL, then each apart
window() {
  local mode=$1 round=$2 out="$RESULTS_DIR/wrk/$1-$2" k0 p0 k1 p1 line
  put "$mode" "$WARMUP" "$out.warmup"
  k0=$(proc_ticks "${PID[$mode]}"); p0=$(pg_ticks)
  put "$mode" "$DURATION" "$out"
  k1=$(proc_ticks "${PID[$mode]}"); p1=$(pg_ticks)
  kill -0 "${PID[$mode]}" 2>/dev/null || die "Gatehouse ($mode) is gone, see $RESULTS_DIR/gatehouse-$mode.log"
  line=$(grep '^RESULT ' "$out") || die "wrk printed no RESULT line, see $out"
  awk -v mode="$mode" -v round="$round" -v line="$line" -v tck="$CLK_TCK" -v dk=$((k1 - k0)) -v dp=$((p1 - p0)) 'BEGIN {
      n = split(line, kv, " ")
      for (i = 2; i <= n; i++) { split(kv[i], a, "="); v[a[1]] = a[2] }
      secs = v["duration_us"] / 1e6; rate = v["ok"] / secs
      errors = v["bad"] + v["sock_connect"] + v["sock_read"] + v["sock_write"] + v["timeouts"]
      per = (v["ok"] > 0 ? 1000 / tck / v["ok"] : 0)
      printf "%s %s %.1f %.4f %.4f %.4f %d\n", mode, round, rate, per * (dk + dp), per * dk, per * dp, errors
    }' | tee -a "$RESULTS_DIR/windows.txt"
}

[ -s "$JAR" ] || (cd "$ROOT" && mvn -q -B package -DskipTests) >"$RESULTS_DIR/build.log" 2>&1 || die "build failed, see $RESULTS_DIR/build.log"
for c in java curl jq psql wrk awk; do command -v "$c" >/dev/null || die "$c is required"; done
JAR="$JAR" APP_DIR="$STATE/app" GATEHOUSE_PREPARE_ONLY=1 timeout 300 "$ROOT/bin/gatehouse" >"$RESULTS_DIR/prepare.log" 2>&1 \
  || die "bin/gatehouse could not prepare, see $RESULTS_DIR/prepare.log"
log "results: $RESULTS_DIR; modes: $MODES; $ROUNDS rounds of ${DURATION}s windows at c=$CONCURRENCY"
i=0
for mode in "${MODE_LIST[@]}"; do start "$mode" "$i"; i=$((i + 1)); done
for mode in "${MODE_LIST[@]}"; do provision "$mode"; done
# Pre-warm in slices, in turn, so that no server's JIT finishes long before the others'.
for slice in 1 2 3; do
  for mode in "${MODE_LIST[@]}"; do put "$mode" $((PREWARM / 3)) "$RESULTS_DIR/wrk/$mode-prewarm-$slice"; done
done
: >"$RESULTS_DIR/windows.txt"
printf '%-15s %5s %10s %12s %10s %10s %6s\n' mode round "req/s" "cpu ms/req" "gatehouse" postgres errors | tee -a "$LOG"
reversed=$(printf '%s\n' "${MODE_LIST[@]}" | tac | tr '\n' ' ')
for round in $(seq 1 "$ROUNDS"); do
  order="${MODE_LIST[*]}"
  (( round % 2 == 0 )) && order=$reversed
  for mode in $order; do
    window "$mode" "$round" | awk '{printf "%-15s %5s %10s %12s %10s %10s %6s\n", $1, $2, $3, $4, $5, $6, $7}' | tee -a "$LOG"
  done
done

# Each round: cost = 1 - rate(mode) / rate(off), and CPU per request relative to off.
{
  for mode in "${MODE_LIST[@]}"; do
    [ "$mode" = off ] && continue
    awk -v mode="$mode" -v n="$ROUNDS" '
      { rate[$1, $2] = $3; cpu[$1, $2] = $4; gh[$1, $2] = $5; pg[$1, $2] = $6; errors += $7 }
      function summary(label, x, k,    i, j, t, mean, sd, med, s) {
        for (i = 1; i <= k; i++) s[i] = x[i]
        for (i = 2; i <= k; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
        mean = 0; for (i = 1; i <= k; i++) mean += x[i]; mean /= k
        sd = 0; for (i = 1; i <= k; i++) sd += (x[i] - mean) ^ 2; sd = (k > 1 ? sqrt(sd / (k - 1)) : 0)
        med = (k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2)
        printf "  %s: mean %.1f %% (95 %% interval %.1f to %.1f), median %.1f %%, rounds:", label, mean,
          mean - 2 * sd / sqrt(k), mean + 2 * sd / sqrt(k), med
        for (i = 1; i <= k; i++) printf " %.1f", x[i]
        printf "\n"
      }
      END {
        for (r = 1; r <= n; r++) { c[r] = 100 * (1 - rate[mode, r] / rate["off", r]); u[r] = 100 * (cpu[mode, r] / cpu["off", r] - 1) }
        printf "log written %s, against no log (target <= 10 %%), errors %d:\n", mode, errors
        summary("throughput cost", c, n)
        summary("CPU per request, more", u, n)
        for (r = 1; r <= n; r++) { g[r] = 1000 * (gh[mode, r] - gh["off", r]); p[r] = 1000 * (pg[mode, r] - pg["off", r]) }
        micro("  Gatehouse CPU per request, more (us)", g, n)
        micro("  PostgreSQL CPU per request, more (us)", p, n)
      }
      function micro(label, x, k,    i, mean) {
        mean = 0; for (i = 1; i <= k; i++) mean += x[i]; mean /= k
        printf "%s: mean %.0f, rounds:", label, mean
        for (i = 1; i <= k; i++) printf " %.0f", x[i]
        printf "\n"
      }' "$RESULTS_DIR/windows.txt"
  done
} | tee "$RESULTS_DIR/report.txt" | tee -a "$LOG"
log "report: $RESULTS_DIR/report.txt"
