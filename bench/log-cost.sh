#!/usr/bin/env bash
# What the operation log costs the user PUT: the user_put workload of bench/run.sh with the log on and
# with it off (gatehouse.audit.operation-log.enabled=false, a switch that exists for this measurement
# only), alternating, ROUNDS times each, on fresh databases. Prints each run and the cost
# 1 - (mean rate with the log / mean rate without it).
#
#   bench/log-cost.sh                     # 2 rounds, about 16 minutes on 2 cores
#   ROUNDS=1 PREWARM=30 bench/log-cost.sh # quicker, noisier
#
# PREWARM defaults to 60 s: on 2 cores the JIT compiler keeps about 0.3 of a core busy for the first
# 40-50 s of this workload, and a window measured inside that compares compilers, not logs.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${ROUNDS:=2}"
: "${PREWARM:=60}"
: "${CONCURRENCY:=8}"
: "${RESULTS_DIR:=${BENCH_DIR}/results/log-cost-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS_DIR"

run() {  # run <on|off> <round>: one user_put run; prints its rate
  local mode=$1 round=$2 enabled=true dir
  [ "$mode" = off ] && enabled=false
  dir="$RESULTS_DIR/$mode-$round"
  GATEHOUSE_AUDIT_OPERATIONLOG_ENABLED=$enabled WORKLOADS=user_put CONCURRENCIES="$CONCURRENCY" KC_COMPARE=0 \
    PREWARM="$PREWARM" RESULTS_DIR="$dir" "$BENCH_DIR/run.sh" >"$dir.log" 2>&1 \
    || { echo "bench/run.sh failed for log $mode (round $round), see $dir.log" >&2; exit 1; }
  awk -F'\t' -v c="$CONCURRENCY" '$2 == "user_put" && $3 == c { print $7, $8, $10, $6, $12, $13 }' "$dir/results.tsv"
}

printf '%-6s %-5s %10s %8s %8s %7s %6s %6s\n' log round "req/s" "p50 ms" "p99 ms" errors "gh" "pg" \
  | tee "$RESULTS_DIR/report.txt"
on_sum=0; off_sum=0
for round in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    read -r rps p50 p99 errors gh pg < <(run "$mode" "$round")
    printf '%-6s %-5s %10s %8s %8s %7s %6s %6s\n' "$mode" "$round" "$rps" "$p50" "$p99" "$errors" "$gh" "$pg" \
      | tee -a "$RESULTS_DIR/report.txt"
    if [ "$mode" = on ]; then on_sum=$(awk -v a="$on_sum" -v b="$rps" 'BEGIN { print a + b }')
    else off_sum=$(awk -v a="$off_sum" -v b="$rps" 'BEGIN { print a + b }'); fi
  done
done
awk -v on="$on_sum" -v off="$off_sum" -v n="$ROUNDS" 'BEGIN {
  printf "mean with the log %.1f req/s, without %.1f req/s: the log costs %.1f %% (target <= 10 %%)\n",
    on / n, off / n, 100 * (1 - on / off) }' | tee -a "$RESULTS_DIR/report.txt"
echo "results: $RESULTS_DIR"
