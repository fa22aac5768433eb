# Shared by bench/log-cost.sh and bench/log-cost-paired.sh: the server settings of each way of writing the
# operation log that they compare.
# shellcheck shell=bash

# log_mode_env <mode>: the VAR=value words that start Gatehouse in that mode; fails on an unknown mode.
#   in-transaction  the default: the record goes into the inbox in the writing transaction
#   after-commit    the record waits in the node's memory from the commit until the sealer's next run
#   inbox-only      as in-transaction, with the sealer held back for an hour: what the writing transaction pays
#   off             no log (gatehouse.audit.operation-log.enabled=false, a switch for this measurement only)
log_mode_env() {
  local enabled=true write=in-transaction seal=100ms
  case "$1" in
    off) enabled=false ;;
    inbox-only) seal=1h ;;
    in-transaction|after-commit) write=$1 ;;
    *) echo "unknown mode $1 (in-transaction, after-commit, inbox-only, off)" >&2; return 1 ;;
  esac
  echo "GATEHOUSE_AUDIT_OPERATIONLOG_ENABLED=$enabled GATEHOUSE_AUDIT_OPERATIONLOG_WRITE=$write GATEHOUSE_AUDIT_SEAL_INTERVAL=$seal"
}
