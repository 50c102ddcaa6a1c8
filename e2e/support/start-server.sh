#!/usr/bin/env bash
# Starts the real API (with the built SPA) for one Playwright project, on a fresh database.
#
#   support/start-server.sh <sqlite|postgres|cluster> <port>
#
# - Uses the API binary already built (target/{debug,release,production}/api, the newest;
#   NES_API_BIN overrides). Builds it once with `cargo build -p api` when there is none, or
#   always when E2E_BUILD_API=1.
# - SQLite: a file in a new temporary directory. PostgreSQL: a new database `nes_e2e_<random>`
#   created through E2E_POSTGRES_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres)
#   and dropped again when the server stops.
# - cluster: `scripts/cluster start` with nginx on <port> in front of E2E_CLUSTER_INSTANCES
#   (default 2) API processes on the ports after it (E2E_CLUSTER_API_PORTS overrides), all on
#   one new PostgreSQL database `nes_e2e_cluster_<random>`; `scripts/cluster stop
#   --drop-database` when Playwright stops this script. The run directory (logs, nginx.conf,
#   access.log) is the data directory's `cluster/`; its logs are copied to
#   test-results/cluster-logs/ at the end.
# - SMS go through the HTTP transport to the suite's fake gateway (support/sms-gateway.ts) on
#   127.0.0.1:${E2E_SMS_GATEWAY_PORT:-8190}; e-mail is written to the temporary directory.
# The steps shared with scripts/cluster (binary, database, PKI, first operator) are in
# scripts/lib/dev-instance.sh.
set -euo pipefail

usage="usage: start-server.sh <sqlite|postgres|cluster> <port>"
backend="${1:?$usage}"
port="${2:?$usage}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
static_dir="${NES_STATIC_DIR:-$repo/web/dist}"
gateway_port="${E2E_SMS_GATEWAY_PORT:-8190}"
admin_url="${E2E_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

log() { echo "[start-server $backend:$port] $*" >&2; }

if [[ ! -f "$static_dir/index.html" ]]; then
  log "the SPA is not built: $static_dir/index.html is missing (build web/ with trunk first)"
  exit 1
fi

# shellcheck source=scripts/lib/dev-instance.sh
source "$repo/scripts/lib/dev-instance.sh"

# ----------------------------------------------------------------------------- the binary
bin="$(nes_api_binary "$repo" debug)"
log "API binary: $bin"

# ----------------------------------------------------------------------------- the data directory
# A fixed place per project, so that the e-İmza spec finds this server's PKI and tokens
# (support/signing-app.ts) and the staff specs the first operator (support/staff.ts); emptied
# at every start.
data_dir="${TMPDIR:-/tmp}/nes-e2e-$backend-$port"
cluster_run_dir="$data_dir/cluster"
# A cluster left behind by a run that was killed holds the ports: stop it first.
if [[ -f "$cluster_run_dir/cluster.env" ]]; then
  CLUSTER_RUN_DIR="$cluster_run_dir" "$repo/scripts/cluster" stop --drop-database || true
fi
rm -rf "$data_dir"
mkdir -p "$data_dir"
bin_dir="$(dirname "$bin")"
pg_database=""
cluster_started=false

cleanup() {
  local status=$?
  if [[ -n "${api_pid:-}" ]]; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if $cluster_started; then
    CLUSTER_RUN_DIR="$cluster_run_dir" "$repo/scripts/cluster" stop --drop-database || true
    # Which instance served what, for after the run: test-results/cluster-logs/.
    local keep="$here/../test-results/cluster-logs"
    rm -rf "$keep"
    mkdir -p "$keep"
    cp "$cluster_run_dir"/api-*.log "$cluster_run_dir"/nginx/*.log "$cluster_run_dir"/nginx/nginx.conf "$keep/" 2>/dev/null || true
  elif [[ -n "$pg_database" ]]; then
    nes_drop_database "$admin_url" "$pg_database"
  fi
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# ----------------------------------------------------------------------------- the environment
export NES_ENV=development
export NES_STATIC_DIR="$static_dir"
export NES_EMAIL_TRANSPORT=log
# Generated citizens ("Deneme Vatandaş …"): a person of a test's own, e.g. one with many
# applications (support/citizens.ts, generatedCitizen).
export EDEVLET_SIMULATOR_GENERATED_CITIZENS="${EDEVLET_SIMULATOR_GENERATED_CITIZENS:-100000}"
export NES_SMS_TRANSPORT=http
export SMS_GATEWAY_URL="http://127.0.0.1:$gateway_port/sms"
export SMS_GATEWAY_TOKEN="${E2E_SMS_GATEWAY_TOKEN:-e2e-token}"
export RUST_LOG="${RUST_LOG:-warn,api=info}"
operator_username="${E2E_OPERATOR_USERNAME:-operator.e2e}"
operator_password="${E2E_OPERATOR_PASSWORD:-e2e-$(nes_random_hex 12)}"

case "$backend" in
  sqlite | postgres)
    if [[ "$backend" == sqlite ]]; then
      database_url="$data_dir/nes.sqlite3"
    else
      pg_database="nes_e2e_$(nes_random_hex 6)"
      nes_create_database "$admin_url" "$pg_database"
      database_url="$(nes_database_url "$admin_url" "$pg_database")"
    fi
    log "database: $database_url"
    nes_dev_pki "$bin_dir" "$data_dir"
    export NES_BIND="127.0.0.1:$port"
    export NES_PUBLIC_URL="http://localhost:$port"
    export DATABASE_URL="$database_url"
    export NES_DATA_DIR="$data_dir"
    nes_create_operator "$bin_dir" "$data_dir" "$operator_username" "$operator_password"
    "$bin" &
    api_pid=$!
    wait "$api_pid"
    ;;
  cluster)
    pg_database="nes_e2e_cluster_$(nes_random_hex 6)"
    cluster_started=true
    # scripts/cluster makes the database, the PKI in the shared data directory, the instances
    # and nginx; everything exported above reaches every instance.
    CLUSTER_PORT="$port" \
      CLUSTER_INSTANCES="${E2E_CLUSTER_INSTANCES:-2}" \
      CLUSTER_API_PORTS="${E2E_CLUSTER_API_PORTS:-}" \
      CLUSTER_DATABASE="$pg_database" \
      CLUSTER_POSTGRES_ADMIN_URL="$admin_url" \
      CLUSTER_PUBLIC_URL="http://localhost:$port" \
      CLUSTER_RUN_DIR="$cluster_run_dir" \
      CLUSTER_DATA_DIR="$data_dir" \
      NES_API_BIN="$bin" \
      "$repo/scripts/cluster" start
    DATABASE_URL="$(nes_database_url "$admin_url" "$pg_database")" NES_DATA_DIR="$data_dir" \
      nes_create_operator "$bin_dir" "$data_dir" "$operator_username" "$operator_password"
    # Until Playwright stops this script, or a process of the cluster dies.
    pids=("$(cat "$cluster_run_dir/nginx/nginx.pid")")
    for pid_file in "$cluster_run_dir"/api-*.pid; do pids+=("$(cat "$pid_file")"); done
    for (( ; ; )); do
      for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
          log "process $pid of the cluster is gone; logs in $cluster_run_dir"
          tail -n 20 "$cluster_run_dir"/api-*.log >&2 || true
          exit 1
        fi
      done
      sleep 1 &
      wait $! || true
    done
    ;;
  *)
    log "unknown backend '$backend' (sqlite, postgres or cluster)"
    exit 2
    ;;
esac
