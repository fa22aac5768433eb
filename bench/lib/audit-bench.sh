# Shared by bench/query.sh and bench/stats.sh: the run's state, logging, and stopping the server and
# dropping the database on every exit path. The caller sets PORT, ROOT, BENCH_DIR, DB_NAME, RESULTS_DIR,
# BENCH_NAME (names the temporary state folder) and PSQL_TIMEOUT, then sources this file.
# shellcheck shell=bash
BASE="http://127.0.0.1:${PORT}"
JAR="${ROOT}/target/gatehouse-0.1.0-SNAPSHOT.jar"
ACCOUNT=bench
ADMIN=admin
ADMIN_PASSWORD="Bench-Admin-$$-pw"
export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT=10

mkdir -p "$RESULTS_DIR/wrk"
STATE=$(mktemp -d "/tmp/gatehouse-${BENCH_NAME}-bench.XXXXXX")
LOG="$RESULTS_DIR/run.log"
REPORT="$RESULTS_DIR/report.txt"
RESULTS_TSV="$RESULTS_DIR/results.tsv"
SERVER_PID=""
DB_CREATED=0

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
psql_db() { timeout "$PSQL_TIMEOUT" psql -q -d "$DB_NAME" -v ON_ERROR_STOP=1 "$@"; }

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i; for ((i = 0; i < 300; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
drop_db() { timeout 60 psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"${DB_NAME}\" WITH (FORCE)" >/dev/null; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  if (( DB_CREATED )); then drop_db || log "WARN: could not drop database ${DB_NAME}"; fi
  rm -rf "$STATE"
  (( rc == 0 )) || log "run failed (exit $rc); partial results in $RESULTS_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
