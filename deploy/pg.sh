# shellcheck shell=bash
# PostgreSQL helpers for a private cluster, shared by deploy/run.sh and tests/run.sh.
# Source this file; it defines functions only and changes no shell options.
#
# Layout of a cluster created here (BASE is a directory of your choice):
#   BASE/data   PGDATA
#   BASE/run    unix socket directory
#   BASE/pg.log server log
# As root, initdb and the server run as the "postgres" user (initdb refuses to run as root):
# BASE is chowned to postgres and its parents must be traversable (o+x).

pg_log() { printf '[pg] %s\n' "$*" >&2; }

# Sets PGBIN to the newest /usr/lib/postgresql/*/bin that has initdb. Returns 1 if there is none.
pg_find_bin() {
  local d
  PGBIN=""
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && PGBIN="$d"
  done
  [[ -n "$PGBIN" ]]
}

# Runs a command as the cluster owner: "postgres" when we are root, else ourselves.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_init BASE: creates the cluster in BASE/data unless it already exists.
pg_init() {
  local base="$1"
  mkdir -p "$base/run"
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      pg_log "creating system user postgres"
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    chown postgres: "$base" "$base/run"
    # Every parent must be traversable by postgres.
    local p
    p=$(dirname "$base")
    while [[ "$p" != "/" ]]; do
      if ! runuser -u postgres -- test -x "$p"; then
        pg_log "making $p traversable (o+x) for the postgres user"
        chmod o+x "$p"
      fi
      p=$(dirname "$p")
    done
  fi
  if [[ -f "$base/data/PG_VERSION" ]]; then
    return 0
  fi
  pg_log "initdb $base/data"
  if [[ -d "$base/data" ]]; then
    # a half-created cluster from an interrupted initdb
    rm -rf "$base/data"
  fi
  pg_as_owner "$PGBIN/initdb" -D "$base/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; return 1; }
}

# pg_running BASE: 0 if a postmaster really runs on BASE/data. A postmaster.pid left behind by a
# killed server (whose PID may meanwhile belong to another process) is removed, together with the
# socket lock files, so that the next start does not trip over them.
pg_running() {
  local base="$1" pidfile="$1/data/postmaster.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/comm" ]] \
     && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres* ]] \
     && [[ "$(readlink -f "/proc/$pid/cwd" 2>/dev/null)" == "$(readlink -f "$base/data")" ]]; then
    return 0
  fi
  pg_log "removing stale postmaster.pid (PID ${pid:-?} is not a postgres of this cluster)"
  rm -f "$pidfile" "$base"/run/.s.PGSQL.*.lock
  return 1
}

# pg_port BASE: prints the port of the running postmaster (line 4 of postmaster.pid).
pg_port() { sed -n 4p "$1/data/postmaster.pid" 2>/dev/null; }

# pg_start BASE PORT [postgres -c settings...]: starts the server, listening on 127.0.0.1 only.
# Example: pg_start "$base" 55433 fsync=off synchronous_commit=off
pg_start() {
  local base port="$2"
  base=$(cd "$1" && pwd)   # the server runs in its data directory: paths must be absolute
  shift 2
  local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$base/run'" s
  for s in "$@"; do opts+=" -c $s"; done
  if ! pg_as_owner "$PGBIN/pg_ctl" -D "$base/data" -l "$base/pg.log" -w -t 60 -o "$opts" start >/dev/null; then
    pg_log "PostgreSQL failed to start; last lines of $base/pg.log:"
    tail -n 20 "$base/pg.log" >&2 || true
    return 1
  fi
}

# pg_stop BASE [mode]: stops the server (mode fast by default; immediate for throwaway clusters).
pg_stop() {
  local base="$1" mode="${2:-fast}"
  if [[ -f "$base/data/postmaster.pid" ]]; then
    pg_as_owner "$PGBIN/pg_ctl" -D "$base/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 \
      || pg_log "pg_ctl stop failed (see $base/pg.log)"
  fi
}

# pg_create_db PORT NAME: creates database NAME on 127.0.0.1:PORT (user postgres) unless it exists.
pg_create_db() {
  local port="$1" name="$2" exists
  exists=$("$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XtAc \
    "SELECT 1 FROM pg_database WHERE datname = '$name'")
  if [[ "$exists" != "1" ]]; then
    pg_log "creating database $name"
    "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}

# pg_drop_db PORT NAME
pg_drop_db() {
  "$PGBIN/dropdb" -h 127.0.0.1 -p "$1" -U postgres --if-exists --force "$2"
}
