#!/usr/bin/env bash
# IncidentDesk mail-dispatch benchmark (issue #8 §3): one command, prints figures, never fails on a number.
#
#   bash tests/bench/mail.sh
#
# How many mails per second one node's dispatcher hands to an SMTP server. Starts a private PostgreSQL cluster with
# the default durability settings on a free port, its own maildev (installed into .build/tools when missing) and
# publishes the API (Release) from a snapshot of api/ (lib.sh: bench_build). Then:
#   1. a node with its dispatcher off (Notifications__Dispatch=false): a default contact chain with one contact
#      (a Japanese display name) and BENCH_MAILS reports filed by BENCH_MAIL_FILERS workers (IncidentDesk.Bench
#      `mail-queue`), so BENCH_MAILS new-report mails wait in notification_outbox; the node is stopped;
#   2. one node with its dispatcher on and the default notification settings of the code; the queue drains.
# Throughput = mails / (last accept - first accept), where accept = the moment the outcome was recorded
# (notification_outbox.sent_at, the notification_sent event's time) and, checked against it, the mtimes of the
# sink's .eml files. Also: the wall time from starting the node to an empty queue (start-up included), CPU of the
# node, PostgreSQL and maildev over the drain, attempts > 1, mails in the sink, duplicates (by the
# X-IncidentDesk-Notification header), and the To header of one received mail.
#
# Knobs (environment): BENCH_MAILS (2000), BENCH_MAIL_FILERS (16), BENCH_API_SOURCE (head | worktree), BENCH_API_REV (a commit),
# BENCH_API_PATCH (a diff applied on top), BENCH_OUT (results/mail-latest.md), BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/tests/bench"
COUNT=${BENCH_MAILS:-2000}
FILERS=${BENCH_MAIL_FILERS:-16}
ADMIN_EMAIL=admin@incidentdesk.local
ADMIN_PASSWORD="bench-admin-$RANDOM-$RANDOM-pass"
LOAD_EMAIL=bench.reporter@incidentdesk.local
LOAD_PASSWORD="bench-load-$RANDOM-$RANDOM-pass"
TO=yamada.hanako@mail.bench
OUT=${BENCH_OUT:-$BENCH_DIR/results/mail-latest.md}
[[ "$OUT" = /* ]] || OUT="$PWD/$OUT"

WORK=$(mktemp -d /tmp/incidentdesk-mail.XXXXXX)
chmod 755 "$WORK"
API_PID=""
MAILDEV_PID=""
PG_STARTED=""
STARTED_AT=$(date +%s)

log() { printf '[mail %4ss] %s\n' "$(($(date +%s) - STARTED_AT))" "$*" >&2; }

cleanup() {
    local rc=$?
    stop_pid "$API_PID"
    stop_pid "$MAILDEV_PID"
    bench_stop_pg
    if [[ "${BENCH_KEEP:-}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/bench/lib.sh
source "$BENCH_DIR/lib.sh"

PG_PORT=$(free_port)
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=incidentdesk"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d incidentdesk "$@"; }
TOP_START=$(top -bn1 -w 200 | sed -n '1,3p;7,14p')
LOAD_START=$(cut -d" " -f1-3 /proc/loadavg)

bench_start_pg "$PG_PORT"
PG_SETTINGS=$(psql_db -At -F '=' -c "select name, setting from pg_settings where name in
  ('fsync','synchronous_commit','full_page_writes') order by name" | paste -sd ' ')

# --- maildev: the SMTP sink, with its mails in a directory of ours (their mtimes are the accept times) ----------
bench_start_maildev

bench_build

export ConnectionStrings__IncidentDesk="$CONN"
export INCIDENTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" INCIDENTDESK_ADMIN_EMAIL="$ADMIN_EMAIL"
export IncidentDesk__PlaybooksPath="$WORK/src/playbooks"
export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

start_node() { # LOGNAME [ENV...]
    local name=$1; shift
    env "$@" IncidentDesk__PublicUrl="$URL" ASPNETCORE_URLS="$URL" \
        dotnet "$WORK/api/IncidentDesk.Api.dll" --contentRoot "$WORK/api" >"$WORK/$name.log" 2>&1 &
    API_PID=$!
}

# --- 1. fill the queue with the dispatcher off ---------------------------------------------------------------------
start_node api-fill Notifications__Dispatch=false
wait_ready "$URL/health/ready" "$API_PID" "$WORK/api-fill.log"
"${BENCH[@]}" setup --url "$URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --email "$LOAD_EMAIL" --password "$LOAD_PASSWORD" >&2
log "filing $COUNT reports (dispatcher off)"
"${BENCH[@]}" mail-queue --url "$URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --email "$LOAD_EMAIL" --password "$LOAD_PASSWORD" --count "$COUNT" --workers "$FILERS" --to "$TO" >&2
stop_pid "$API_PID"; API_PID=""
QUEUED=$(psql_db -At -c "select count(*) from notification_outbox where status = 'pending'")
log "$QUEUED mails pending"
psql_db -c "checkpoint"

# --- 2. one node with the dispatcher on: time the drain --------------------------------------------------------------
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { local t=0 p; for p in $(pgrep -u postgres -f "postgres" || true); do
    [[ -r /proc/$p/stat ]] && t=$((t + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$t"; }
LOAD_RUN_START=$(cut -d" " -f1-3 /proc/loadavg)
MAILDEV_T0=$(ticks "$MAILDEV_PID"); PG_T0=$(pg_ticks); T0=$(date +%s.%N)
start_node api-drain
wait_ready "$URL/health/ready" "$API_PID" "$WORK/api-drain.log"
READY=$(date +%s.%N)
DEADLINE=$(( $(date +%s) + 900 ))
while :; do
    left=$(psql_db -At -c "select count(*) from notification_outbox where status = 'pending'")
    [[ "$left" == 0 ]] && break
    [[ $(date +%s) -gt $DEADLINE ]] && { log "gave up with $left pending"; break; }
    sleep 0.2
done
T1=$(date +%s.%N)
API_CPU=$(awk -v t="$(ticks "$API_PID")" -v t0="$T0" -v t1="$T1" 'BEGIN {printf "%.0f", t / 100 / (t1 - t0) * 100}')
MAILDEV_CPU=$(awk -v a="$MAILDEV_T0" -v b="$(ticks "$MAILDEV_PID")" -v t0="$T0" -v t1="$T1" 'BEGIN {printf "%.0f", (b - a) / 100 / (t1 - t0) * 100}')
PG_CPU=$(awk -v a="$PG_T0" -v b="$(pg_ticks)" -v t0="$T0" -v t1="$T1" 'BEGIN {printf "%.0f", (b - a) / 100 / (t1 - t0) * 100}')
LOAD_END=$(cut -d" " -f1-3 /proc/loadavg)
RSS=$(awk '$1 == "VmHWM:" {printf "%.0f", $2 / 1024}' "/proc/$API_PID/status")
sleep 1 # let the sink finish writing the last file
stop_pid "$API_PID"; API_PID=""
TOP_END=$(top -bn1 -w 200 | sed -n '1,3p;7,14p')

DB=$(psql_db -At -F ' ' -c "select count(*) filter (where status = 'sent'), count(*) filter (where status = 'failed'),
    count(*) filter (where status = 'pending'), count(*) filter (where attempts > 1),
    extract(epoch from max(sent_at) - min(sent_at)), extract(epoch from min(sent_at)), extract(epoch from max(sent_at))
    from notification_outbox")
read -r SENT FAILED PENDING RETRIED WINDOW FIRST_AT LAST_AT <<<"$DB"
EML=$(find "$WORK/maildev" -name '*.eml' | wc -l)
SINK_WINDOW=$(find "$WORK/maildev" -name '*.eml' -printf '%T@\n' | sort -n | awk 'NR == 1 {a = $1} {b = $1} END {printf "%.2f", b - a}')
DUPLICATES=$(grep -h -i '^X-IncidentDesk-Notification:' -r "$WORK/maildev" | sort | uniq -d | wc -l)
SAMPLE_TO=$(curl -fsS "$MAILDEV_URL/email" | jq -r '.[0].to[0] | "\(.name) <\(.address)>"')
RAW_TO=$(find "$WORK/maildev" -name "*.eml" -print -quit | xargs grep -m1 -i -A1 '^To:' | tr -d '\r' | paste -sd ' ')
API_ERRORS=$(grep -cE '^(fail|crit)|Exception' "$WORK/api-drain.log" || true)
RATE=$(awk -v n="$SENT" -v w="$WINDOW" 'BEGIN {printf "%.1f", (w > 0 ? n / w : 0)}')
SINK_RATE=$(awk -v n="$EML" -v w="$SINK_WINDOW" 'BEGIN {printf "%.1f", (w > 0 ? n / w : 0)}')
WALL=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", b - a}')
STARTUP=$(awk -v a="$T0" -v b="$READY" 'BEGIN {printf "%.1f", b - a}')
CPU_MODEL=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mkdir -p "$(dirname "$OUT")"
{
    echo "# IncidentDesk mail-dispatch benchmark (issue #8 §3)"
    echo
    echo "- run: $(date -u +%Y-%m-%dT%H:%M:%SZ), \`bash tests/bench/mail.sh\`, took $(($(date +%s) - STARTED_AT)) s"
    echo "- load: $QUEUED new-report mails queued by $COUNT reports (dispatcher off), then drained by one node with the code's default notification settings"
    echo "- API: $API_SOURCE, \`dotnet publish -c Release\`; SMTP sink: maildev 2.2.1 on localhost (plain SMTP, no TLS, no auth)"
    echo "- machine: $(nproc) cores ($CPU_MODEL), $(awk '/MemTotal/ {printf "%.0f", $2 / 1024}' /proc/meminfo) MB RAM, shared with other people's work;" \
         "load average (1/5/15 min) at the start $LOAD_START, when the drain began $LOAD_RUN_START, at the end $LOAD_END"
    echo "- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), fresh private cluster, defaults: $PG_SETTINGS"
    echo
    echo "| figure | value |"
    echo "| --- | --- |"
    echo "| **throughput** (sent / (last sent_at - first sent_at)) | **$RATE mails/s** ($SENT in ${WINDOW} s) |"
    echo "| sink's view (.eml files / their mtime window) | $SINK_RATE mails/s ($EML files in $SINK_WINDOW s) |"
    echo "| node start to empty queue (start-up ${STARTUP} s included) | $WALL s |"
    echo "| sent / failed / still pending | $SENT / $FAILED / $PENDING |"
    echo "| rows that needed more than one attempt | $RETRIED |"
    echo "| duplicates in the sink (same X-IncidentDesk-Notification) | $DUPLICATES |"
    echo "| CPU over the drain (% of one core): node / PostgreSQL / maildev | $API_CPU / $PG_CPU / $MAILDEV_CPU |"
    echo "| node peak RSS (VmHWM) | $RSS MB |"
    echo "| API log lines with fail/crit/Exception | $API_ERRORS |"
    echo "| one received To header, as maildev decodes it / raw | \`$SAMPLE_TO\` / \`$RAW_TO\` |"
    echo
    echo "<details><summary>top at the start and at the end (other load on the shared machine)</summary>"
    echo
    echo '```'
    echo "$TOP_START"
    echo '...'
    echo "$TOP_END"
    echo '```'
    echo "</details>"
} >"$OUT"
cat "$OUT"
log "written $OUT"
