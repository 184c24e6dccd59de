# Shared by the benchmark scripts (tests/bench/run.sh, tests/bench/deadlines.sh); sourced, not run.
# Expects ROOT, BENCH_DIR, WORK and a log function; sets PGBIN.

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

TAKEN_PORTS=" "
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        [[ "$TAKEN_PORTS" == *" $port "* ]] && continue
        if ! ss -Htln "sport = :$port" | grep -q .; then TAKEN_PORTS+="$port "; echo "$port"; return; fi
    done
}

# bench_start_pg PORT: a fresh cluster in $WORK/pgdata with the default (durable) settings and a database
# "incidentdesk". Sets PG_STARTED and PG_PID (stop it with bench_stop_pg).
bench_start_pg() {
    log "initdb + start PostgreSQL on 127.0.0.1:$1 ($WORK)"
    mkdir -p "$WORK/pgdata" "$WORK/pgsock"
    [[ $(id -u) == 0 ]] && chown postgres:postgres "$WORK/pgdata" "$WORK/pgsock"
    as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
    touch "$WORK/pg.log"; [[ $(id -u) == 0 ]] && chown postgres:postgres "$WORK/pg.log"
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w start \
        -o "-p $1 -c listen_addresses=127.0.0.1 -k $WORK/pgsock" >/dev/null
    PG_STARTED=1
    PG_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
    psql -X -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "create database incidentdesk"
}

bench_stop_pg() {
    if [[ -n "${PG_STARTED:-}" ]]; then as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true; fi
}

# bench_build: publishes the API (Release) to $WORK/api from a snapshot of api/, so parallel edits and builds in
# api/ cannot interfere, and builds the generator to $WORK/bench. By default the snapshot is the committed API
# (git HEAD), so a half-edited working tree cannot break or skew a run; BENCH_API_SOURCE=worktree measures the
# working tree, BENCH_API_REV=<commit> another commit (a before/after comparison), BENCH_API_PATCH=file.diff a
# change (git diff format, paths from the repository root) on top.
# Sets API_COMMIT, API_SOURCE and BENCH (the generator's command line).
bench_build() {
    log "publishing the API (Release) and building the load generator"
    mkdir -p "$WORK/src"
    local rev=${BENCH_API_REV:-HEAD}
    API_COMMIT=$(git -C "$ROOT" rev-parse --short "$rev" 2>/dev/null || echo unknown)
    if [[ "${BENCH_API_SOURCE:-head}" == worktree ]]; then
        API_SOURCE="working tree at $API_COMMIT (+$(git -C "$ROOT" status --porcelain -- api | wc -l) changed paths under api/)"
        tar -C "$ROOT" --exclude='bin' --exclude='obj' -cf - api playbooks Directory.Build.props Directory.Packages.props .editorconfig \
            | tar -C "$WORK/src" -xf -
    else
        API_SOURCE="commit $API_COMMIT (git $rev)"
        # .editorconfig holds the analyzer settings the build needs (older revisions have none).
        git -C "$ROOT" archive "$rev" api playbooks Directory.Build.props Directory.Packages.props \
            $(git -C "$ROOT" cat-file -e "$rev:.editorconfig" 2>/dev/null && echo .editorconfig) | tar -C "$WORK/src" -xf -
    fi
    if [[ -n "${BENCH_API_PATCH:-}" ]]; then
        (cd "$WORK/src" && git apply "$(realpath "$BENCH_API_PATCH")")
        API_SOURCE+=" + patch $(basename "$BENCH_API_PATCH") ($(grep -c '^+++ ' "$BENCH_API_PATCH") files)"
    fi
    dotnet publish "$WORK/src/api/IncidentDesk.Api" -c Release -o "$WORK/api" -nologo -v quiet >"$WORK/publish.log" 2>&1 &
    local publish=$!
    dotnet build "$BENCH_DIR/IncidentDesk.Bench" -c Release -o "$WORK/bench" -nologo -v quiet >"$WORK/bench-build.log" 2>&1 \
        || { cat "$WORK/bench-build.log" >&2; exit 1; }
    wait $publish || { cat "$WORK/publish.log" >&2; exit 1; }
    BENCH=(dotnet "$WORK/bench/IncidentDesk.Bench.dll")
}

# wait_ready URL PID LOG: until URL answers (60 s); fails, printing LOG, if PID dies first.
wait_ready() { # URL PID LOG
    for _ in $(seq 1 120); do
        curl -fsS "$1" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; return 1; }
        sleep 0.5
    done
    log "not ready: $1"; cat "$3" >&2; return 1
}

# bench_start_maildev: the SMTP sink (maildev 2.2.1, installed into .build/tools when missing), its mails in
# $WORK/maildev (their mtimes are the accept times). Sets SMTP_PORT, MAILDEV_WEB, MAILDEV_PID and MAILDEV_URL.
bench_start_maildev() {
    local tools="$ROOT/.build/tools" maildev
    maildev="$tools/node_modules/.bin/maildev"
    if [[ ! -x "$maildev" ]]; then
        log "npm install maildev@2.2.1 into .build/tools"
        mkdir -p "$tools"
        npm install --no-audit --no-fund --prefix "$tools" maildev@2.2.1 >"$WORK/maildev-install.log" 2>&1 \
            || { tail -n 20 "$WORK/maildev-install.log" >&2; exit 1; }
    fi
    SMTP_PORT=$(free_port); MAILDEV_WEB=$(free_port)
    mkdir -p "$WORK/maildev"
    "$maildev" --smtp "$SMTP_PORT" --web "$MAILDEV_WEB" --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$WORK/maildev" \
        >"$WORK/maildev.log" 2>&1 &
    MAILDEV_PID=$!
    MAILDEV_URL="http://127.0.0.1:$MAILDEV_WEB"
    wait_ready "$MAILDEV_URL/email" "$MAILDEV_PID" "$WORK/maildev.log"
    log "maildev: SMTP 127.0.0.1:$SMTP_PORT, API $MAILDEV_URL"
}

# stop_pid PID: stops a process we started (no-op when it is gone or PID is empty).
stop_pid() {
    local pid=$1
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}
