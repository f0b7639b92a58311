# Sourced by scripts/test.sh and scripts/bench-*.sh: a private, throw-away PostgreSQL cluster.
#
#   source scripts/lib/postgres.sh
#   ensure_packages postgresql   # apt-get install when missing (as root)
#   start_private_postgres       # exports UPWARD_TEST_POSTGRES; stopped and deleted on exit
#
# When UPWARD_TEST_POSTGRES is already set, that server is used and nothing is started.

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

find_pg_bin() {
  local dir
  # Highest installed major version first.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/pg_isready" ]]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}


# Installs Debian packages that are missing (names given), or says what to install when not root.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    case "$pkg" in
      postgresql) [[ -n "${UPWARD_TEST_POSTGRES:-}" ]] || find_pg_bin >/dev/null || missing+=(postgresql) ;;
      chromium) [[ -x "${UPWARD_TEST_CHROMIUM:-/usr/bin/chromium}" ]] || missing+=(chromium fonts-liberation fonts-dejavu-core) ;;
      nginx) command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx) ;;
      *) command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  ((${#missing[@]})) || return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    log "Missing: ${missing[*]}. Install them first, e.g.:"
    log "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    log "(or set UPWARD_TEST_POSTGRES / UPWARD_TEST_CHROMIUM to ones you have), then run this again."
    exit 1
  fi
  log "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

start_private_postgres() {
PGTMP=""
PG_BIN=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$PGTMP" && -d "$PGTMP" ]]; then
    if [[ -f "$PGTMP/data/postmaster.pid" ]]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGTMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Postgres refuses to run as root: as root, run its tools as the postgres user.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [[ -z "${UPWARD_TEST_POSTGRES:-}" ]]; then
  PG_BIN="$(find_pg_bin)"
  if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    log "The 'postgres' OS user is missing (it comes with Debian's postgresql package)."
    exit 1
  fi
  PGTMP="$(mktemp -d "${TMPDIR:-/tmp}/upward-pg.XXXXXX")"
  mkdir -p "$PGTMP/sock"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown -R postgres:postgres "$PGTMP"
  fi
  chmod 700 "$PGTMP"

  as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust --no-locale -E UTF8 -N >"$PGTMP/initdb.log" 2>&1 \
    || { cat "$PGTMP/initdb.log" >&2; log "initdb failed"; exit 1; }
  # Trust, but only over TCP from 127.0.0.1.
  cat >"$PGTMP/data/pg_hba.conf" <<'EOF'
host all all 127.0.0.1/32 trust
EOF
  cat >>"$PGTMP/data/postgresql.conf" <<EOF

# --- test cluster (scripts/test.sh): fast, private, throw-away ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGTMP/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  PORT=""
  for candidate in $(seq 55432 55531); do
    port_in_use "$candidate" && continue
    if as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -o "-p $candidate" -w -t 60 start >/dev/null 2>&1; then
      PORT="$candidate"
      break
    fi
    # Lost a race for the port (or another start failure): stop anything half-started, try the next.
    as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  done
  if [[ -z "$PORT" ]]; then
    cat "$PGTMP/server.log" >&2 || true
    log "Could not start PostgreSQL on any port from 55432 to 55531."
    exit 1
  fi
  for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
      break
    fi
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres \
    || { cat "$PGTMP/server.log" >&2; log "PostgreSQL did not become ready"; exit 1; }
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($PGTMP)"
  export UPWARD_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Include Error Detail=true"
else
  log "Using UPWARD_TEST_POSTGRES from the environment."
fi

}
