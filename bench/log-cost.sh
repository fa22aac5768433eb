#!/usr/bin/env bash
# What the operation log costs the user PUT: the user_put workload of bench/run.sh with the log written
# in the writing transaction (the default), written after commit (gatehouse.audit.operation-log.write=
# after-commit), and off (gatehouse.audit.operation-log.enabled=false, a switch that exists for this
# measurement only), in turn, ROUNDS times each, on fresh databases. Prints each run and, for each way
# of writing, the cost 1 - (mean rate with the log / mean rate without it), and the same for the CPU
# (Gatehouse + PostgreSQL) each request took, which this VM's drifting speed disturbs less.
#
#   bench/log-cost.sh                                  # 2 rounds of the three, about 14 minutes on 2 cores
#   MODES="in-transaction off" ROUNDS=1 bench/log-cost.sh   # quicker, noisier
#   MODES="in-transaction inbox-only off" bench/log-cost.sh  # which part is the inbox row, which the sealing
#
# inbox-only writes the record into the inbox in the writing transaction as the default does, but the sealer
# waits an hour (gatehouse.audit.seal-interval=1h): what the writing transaction pays, without the moving
# of the records into operation_log. A measurement, never a way to run a server.
#
# PREWARM defaults to 60 s: on 2 cores the JIT compiler keeps about 0.3 of a core busy for the first
# 40-50 s of this workload, and a window measured inside that compares compilers, not logs.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/log-modes.sh
. "$BENCH_DIR/lib/log-modes.sh"
: "${ROUNDS:=2}"
: "${MODES:=in-transaction after-commit off}"
: "${PREWARM:=60}"
: "${CONCURRENCY:=8}"
: "${RESULTS_DIR:=${BENCH_DIR}/results/log-cost-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS_DIR"
for mode in $MODES; do log_mode_env "$mode" >/dev/null || exit 2; done

run() {  # run <mode> <round>: one user_put run; prints its rate and figures
  local mode=$1 round=$2 settings dir
  settings=$(log_mode_env "$mode") || exit 2
  dir="$RESULTS_DIR/$mode-$round"
  # shellcheck disable=SC2086
  env $settings \
    WORKLOADS=user_put CONCURRENCIES="$CONCURRENCY" KC_COMPARE=0 \
    PREWARM="$PREWARM" RESULTS_DIR="$dir" "$BENCH_DIR/run.sh" >"$dir.log" 2>&1 \
    || { echo "bench/run.sh failed for $mode (round $round), see $dir.log" >&2; exit 1; }
  awk -F'\t' -v c="$CONCURRENCY" '$2 == "user_put" && $3 == c { print $7, $8, $10, $6, $12, $13 }' "$dir/results.tsv"
}

declare -A sum rate cpu
printf '%-15s %-5s %10s %8s %8s %7s %6s %6s %8s\n' log round "req/s" "p50 ms" "p99 ms" errors "gh" "pg" "cpu ms" \
  | tee "$RESULTS_DIR/report.txt"
# Every second round runs the modes in reverse order (in-transaction, off, off, in-transaction, ...): this VM's
# speed drifts within minutes, and with the order mirrored a steady drift weighs on every mode alike.
reversed=$(echo "$MODES" | tr ' ' '\n' | tac | tr '\n' ' ')
for round in $(seq 1 "$ROUNDS"); do
  order=$MODES
  (( round % 2 == 0 )) && order=$reversed
  for mode in $order; do
    read -r rps p50 p99 errors gh pg < <(run "$mode" "$round")
    ms=$(awk -v r="$rps" -v g="$gh" -v p="$pg" 'BEGIN { printf "%.4f", (r > 0 ? 1000 * (g + p) / r : 0) }')
    printf '%-15s %-5s %10s %8s %8s %7s %6s %6s %8s\n' "$mode" "$round" "$rps" "$p50" "$p99" "$errors" "$gh" "$pg" "$ms" \
      | tee -a "$RESULTS_DIR/report.txt"
    sum[$mode]=$(awk -v a="${sum[$mode]:-0}" -v b="$rps" 'BEGIN { print a + b }')
    cpu[$mode]=$(awk -v a="${cpu[$mode]:-0}" -v b="$ms" 'BEGIN { print a + b }')
    rate[$mode,$round]=$rps
  done
done
if [ -n "${sum[off]:-}" ]; then
  for mode in $MODES; do
    [ "$mode" = off ] && continue
    awk -v mode="$mode" -v on="${sum[$mode]}" -v off="${sum[off]}" -v n="$ROUNDS" 'BEGIN {
      printf "log written %s: mean %.1f req/s, without the log %.1f req/s: the log costs %.1f %% (target <= 10 %%)\n",
        mode, on / n, off / n, 100 * (1 - on / off) }' | tee -a "$RESULTS_DIR/report.txt"
    per_round=""
    for round in $(seq 1 "$ROUNDS"); do
      per_round+=$(awk -v on="${rate[$mode,$round]}" -v off="${rate[off,$round]}" 'BEGIN { printf "%.1f %% ", 100 * (1 - on / off) }')
    done
    echo "    per round (each against the run without the log next to it): $per_round" | tee -a "$RESULTS_DIR/report.txt"
    awk -v on="${cpu[$mode]}" -v off="${cpu[off]}" -v n="$ROUNDS" 'BEGIN {
      printf "    CPU per request (Gatehouse + PostgreSQL): %.3f ms against %.3f ms without the log: %.1f %% more\n",
        on / n, off / n, 100 * (on / off - 1) }' | tee -a "$RESULTS_DIR/report.txt"
  done
fi
echo "results: $RESULTS_DIR"
