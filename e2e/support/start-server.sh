#!/usr/bin/env bash
# Starts the real API (with the built SPA) for one Playwright project, on a fresh database.
#
#   support/start-server.sh <sqlite|postgres> <port>
#
# - Uses the API binary already built (target/debug/api or target/release/api, the newer one;
#   NES_API_BIN overrides). Builds it once with `cargo build -p api` when there is none, or
#   always when E2E_BUILD_API=1.
# - SQLite: a file in a new temporary directory. PostgreSQL: a new database `nes_e2e_<random>`
#   created through E2E_POSTGRES_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres)
#   and dropped again when the server stops.
# - SMS go through the HTTP transport to the suite's fake gateway (support/sms-gateway.ts) on
#   127.0.0.1:${E2E_SMS_GATEWAY_PORT:-8190}; e-mail is written to the temporary directory.
set -euo pipefail

backend="${1:?usage: start-server.sh <sqlite|postgres> <port>}"
port="${2:?usage: start-server.sh <sqlite|postgres> <port>}"

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

# ----------------------------------------------------------------------------- the binary
pick_binary() {
  local newest="" candidate
  for candidate in "$repo/target/debug/api" "$repo/target/release/api"; do
    if [[ -x "$candidate" && ( -z "$newest" || "$candidate" -nt "$newest" ) ]]; then
      newest="$candidate"
    fi
  done
  echo "$newest"
}

bin="${NES_API_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$(pick_binary)"
  if [[ -z "$bin" || "${E2E_BUILD_API:-0}" == "1" ]]; then
    # Both projects may start at once: one build at a time.
    mkdir -p "$repo/target"
    exec 9>"$repo/target/.e2e-build.lock"
    flock 9
    bin="$(pick_binary)"
    if [[ -z "$bin" || "${E2E_BUILD_API:-0}" == "1" ]]; then
      log "building the API (cargo build -p api)…"
      (cd "$repo" && cargo build -p api >&2)
      bin="$repo/target/debug/api"
    fi
    flock -u 9
  fi
fi
log "API binary: $bin"

# ----------------------------------------------------------------------------- the database
# A fixed place per project, so that the e-İmza spec finds this server's PKI and tokens
# (support/e-imza.ts); emptied at every start.
data_dir="${TMPDIR:-/tmp}/nes-e2e-$backend-$port"
rm -rf "$data_dir"
mkdir -p "$data_dir"
database_url=""
pg_database=""

cleanup() {
  local status=$?
  if [[ -n "${api_pid:-}" ]]; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [[ -n "$pg_database" ]]; then
    psql "$admin_url" -v ON_ERROR_STOP=1 -q \
      -c "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

case "$backend" in
  sqlite)
    database_url="$data_dir/nes.sqlite3"
    ;;
  postgres)
    pg_database="nes_e2e_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    psql "$admin_url" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE \"$pg_database\"" >/dev/null
    # The same server and credentials as the admin URL, another database.
    database_url="${admin_url%/*}/$pg_database"
    ;;
  *)
    log "unknown backend '$backend' (sqlite or postgres)"
    exit 2
    ;;
esac
log "database: $database_url"

# ----------------------------------------------------------------------------- e-İmza
# A development PKI the server trusts (root.pem, crl.pem under $NES_DATA_DIR/pki), with a
# SoftHSM2 token and a .p12 per test citizen, and the signing application offered for
# download — both built by `cargo build -p api -p signer`.
bin_dir="$(dirname "$bin")"
if [[ -x "$bin_dir/dev-pki" ]]; then
  NES_DATA_DIR="$data_dir" "$bin_dir/dev-pki" --out "$data_dir/pki" >/dev/null
else
  log "no $bin_dir/dev-pki: e-İmza approval will be unavailable"
fi
if [[ -x "$bin_dir/eimza-uygulamasi" ]]; then
  mkdir -p "$data_dir/downloads"
  cp "$bin_dir/eimza-uygulamasi" "$data_dir/downloads/eimza-uygulamasi-linux-x86_64"
fi

# ----------------------------------------------------------------------------- the server
export NES_ENV=development
export NES_BIND="127.0.0.1:$port"
export NES_PUBLIC_URL="http://localhost:$port"
export DATABASE_URL="$database_url"
export NES_DATA_DIR="$data_dir"
export NES_STATIC_DIR="$static_dir"
export NES_EMAIL_TRANSPORT=log
export NES_SMS_TRANSPORT=http
export SMS_GATEWAY_URL="http://127.0.0.1:$gateway_port/sms"
export SMS_GATEWAY_TOKEN="${E2E_SMS_GATEWAY_TOKEN:-e2e-token}"
export RUST_LOG="${RUST_LOG:-warn,api=info}"

# ----------------------------------------------------------------------------- the first operator
# Made the documented way: `nes-admin create-operator`, the password on standard input (one
# line, as from a script). The specs read the credentials from $data_dir/operator.json
# (support/staff.ts); the authenticator app is set up at the first login.
operator_username="${E2E_OPERATOR_USERNAME:-operator.e2e}"
operator_password="${E2E_OPERATOR_PASSWORD:-e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
if [[ -x "$bin_dir/nes-admin" ]]; then
  printf '%s\n' "$operator_password" \
    | "$bin_dir/nes-admin" create-operator --username "$operator_username" \
        --display-name "E2E Operatörü" >&2
  printf '{"username": "%s", "password": "%s"}\n' "$operator_username" "$operator_password" \
    > "$data_dir/operator.json"
else
  log "no $bin_dir/nes-admin: no operator account (cargo build -p api)"
fi

"$bin" &
api_pid=$!
wait "$api_pid"
