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

# Checks the tools, builds the jar if missing, creates DB_NAME afresh, starts Gatehouse on it with the
# bootstrap account, and signs its administrator in: sets SERVER_PID, ADMIN_TOKEN and DOMAIN_ID.
start_server_and_sign_in() {
  local c busy i hdr code
  for c in java curl jq psql wrk awk; do command -v "$c" >/dev/null || die "$c is required"; done
  if [ ! -s "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && timeout "$BUILD_TIMEOUT" mvn -q -B package -DskipTests) >"$RESULTS_DIR/build.log" 2>&1 \
      || die "build failed, see $RESULTS_DIR/build.log"
  fi
  if curl -s -o /dev/null --max-time 2 "$BASE/"; then die "something already listens on 127.0.0.1:$PORT (set PORT)"; fi
  busy=$(timeout 30 psql -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '${DB_NAME}'") \
    || die "PostgreSQL at $PGHOST:$PGPORT is not reachable as $PGUSER"
  (( busy == 0 )) || die "database ${DB_NAME} has ${busy} session(s): another run is using it (set DB_NAME and PORT)"
  drop_db
  timeout 60 psql -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"${DB_NAME}\"" >/dev/null
  DB_CREATED=1

  log "starting Gatehouse (java -jar)"
  # shellcheck disable=SC2086
  env GATEHOUSE_PORT="$PORT" GATEHOUSE_BIND_ADDRESS=127.0.0.1 \
    GATEHOUSE_DB_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/${DB_NAME}" GATEHOUSE_DB_USER="$PGUSER" GATEHOUSE_DB_PASSWORD="" \
    GATEHOUSE_BOOTSTRAP_ACCOUNT="$ACCOUNT" GATEHOUSE_BOOTSTRAP_ADMIN="$ADMIN" GATEHOUSE_BOOTSTRAP_PASSWORD="$ADMIN_PASSWORD" \
    GATEHOUSE_MASTER_KEY_FILE="$STATE/master.key" \
    java $JAVA_OPTS -jar "$JAR" >>"$RESULTS_DIR/gatehouse.log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "Gatehouse exited during start-up, see $RESULTS_DIR/gatehouse.log"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/actuator/health/readiness" || true)" = 200 ] && break
    sleep 0.1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/actuator/health/readiness" || true)" = 200 ] \
    || die "Gatehouse not ready within ${START_TIMEOUT}s"

  hdr="$STATE/admin.hdr"
  code=$(curl -s --max-time 60 -D "$hdr" -o "$STATE/admin.json" -w '%{http_code}' -X POST "$BASE/v3/auth/tokens" \
    -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$ADMIN\",\"password\":\"$ADMIN_PASSWORD\",\"domain\":{\"name\":\"$ACCOUNT\"}}}},\"scope\":{\"domain\":{\"name\":\"$ACCOUNT\"}}}}")
  [ "$code" = 201 ] || die "admin sign-in answered $code"
  ADMIN_TOKEN=$(awk 'tolower($1)=="x-subject-token:" {print $2}' "$hdr" | tr -d '\r')
  DOMAIN_ID=$(jq -r '.token.domain.id' "$STATE/admin.json")
}
