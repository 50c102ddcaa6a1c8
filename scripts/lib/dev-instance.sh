# shellcheck shell=bash
# Shared steps for starting API servers in development and in the end-to-end tests; sourced
# (not run) by e2e/support/start-server.sh (one server) and scripts/cluster (several behind
# nginx). Every function reports on standard error; none of them exits the caller's shell on
# its own except through `set -e`.
#
#   nes_api_binary REPO PROFILE     the API binary to use (see below); PROFILE debug|production
#   nes_create_database ADMIN NAME  a fresh PostgreSQL database NAME (dropped first if it exists)
#   nes_drop_database ADMIN NAME    drops it (WITH (FORCE)); quiet when it is gone
#   nes_dev_pki BIN_DIR DATA_DIR    the development PKI under DATA_DIR/pki and the signing app
#                                   under DATA_DIR/downloads, when those binaries are built
#   nes_create_operator BIN_DIR DATA_DIR USER PASSWORD
#                                   the first operator (`nes-admin create-operator`, with the
#                                   caller's DATABASE_URL) and DATA_DIR/operator.json for the specs
#
# The caller defines `log` (one line to standard error) before sourcing.

# Newest of target/{debug,release,production}/api, or nothing.
nes_newest_api_binary() {
  local repo="$1" newest="" candidate
  for candidate in "$repo/target/debug/api" "$repo/target/release/api" \
    "$repo/target/production/api"; do
    if [[ -x "$candidate" && ( -z "$newest" || "$candidate" -nt "$newest" ) ]]; then
      newest="$candidate"
    fi
  done
  echo "$newest"
}

# NES_API_BIN if set; else the newest binary already built; else (or always with
# E2E_BUILD_API=1) `cargo build -p api [--profile PROFILE]` — one build at a time, since
# several servers may start at once.
nes_api_binary() {
  local repo="$1" profile="${2:-debug}" bin="${NES_API_BIN:-}"
  if [[ -n "$bin" ]]; then
    echo "$bin"
    return
  fi
  bin="$(nes_newest_api_binary "$repo")"
  if [[ -z "$bin" || "${E2E_BUILD_API:-0}" == "1" ]]; then
    mkdir -p "$repo/target"
    (
      flock 9
      bin="$(nes_newest_api_binary "$repo")"
      if [[ -z "$bin" || "${E2E_BUILD_API:-0}" == "1" ]]; then
        local flags=()
        [[ "$profile" == "debug" ]] || flags=(--profile "$profile")
        log "building the API (cargo build -p api ${flags[*]})…"
        (cd "$repo" && cargo build -p api "${flags[@]}" >&2)
      fi
    ) 9>"$repo/target/.e2e-build.lock"
    if [[ "${E2E_BUILD_API:-0}" == "1" ]]; then
      bin="$repo/target/$profile/api"
    else
      bin="$(nes_newest_api_binary "$repo")"
    fi
  fi
  echo "$bin"
}

nes_create_database() {
  local admin_url="$1" name="$2"
  PGOPTIONS="-c client_min_messages=warning" psql "$admin_url" -v ON_ERROR_STOP=1 -q \
    -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" \
    -c "CREATE DATABASE \"$name\"" >/dev/null
}

nes_drop_database() {
  local admin_url="$1" name="$2"
  psql "$admin_url" -v ON_ERROR_STOP=1 -q \
    -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true
}

# The same server and credentials as ADMIN_URL, another database.
nes_database_url() {
  local admin_url="$1" name="$2"
  echo "${admin_url%/*}/$name"
}

# A development PKI the server trusts (root.pem, crl.pem under DATA_DIR/pki), with a SoftHSM2
# token and a .p12 per test citizen, and the signing application offered for download — both
# built by `cargo build -p api -p signer` (next to the API binary).
nes_dev_pki() {
  local bin_dir="$1" data_dir="$2"
  if [[ -x "$bin_dir/dev-pki" ]]; then
    NES_DATA_DIR="$data_dir" "$bin_dir/dev-pki" --out "$data_dir/pki" --force >/dev/null
  else
    log "no $bin_dir/dev-pki: e-İmza approval will be unavailable"
  fi
  if [[ -x "$bin_dir/eimza-uygulamasi" ]]; then
    mkdir -p "$data_dir/downloads"
    cp "$bin_dir/eimza-uygulamasi" "$data_dir/downloads/eimza-uygulamasi-linux-x86_64"
  fi
}

# Made the documented way: `nes-admin create-operator`, the password on standard input (one
# line, as from a script). The specs read the credentials from DATA_DIR/operator.json
# (e2e/support/staff.ts); the authenticator app is set up at the first login. Uses the
# caller's environment (DATABASE_URL…).
nes_create_operator() {
  local bin_dir="$1" data_dir="$2" username="$3" password="$4"
  if [[ -x "$bin_dir/nes-admin" ]]; then
    printf '%s\n' "$password" \
      | "$bin_dir/nes-admin" create-operator --username "$username" \
          --display-name "E2E Operatörü" >&2
    printf '{"username": "%s", "password": "%s"}\n' "$username" "$password" \
      > "$data_dir/operator.json"
  else
    log "no $bin_dir/nes-admin: no operator account (cargo build -p api)"
  fi
}

nes_random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}
