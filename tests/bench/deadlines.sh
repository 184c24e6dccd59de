#!/usr/bin/env bash
# IncidentDesk deadline benchmark (issue #4 §6): one command, prints figures, never fails on a missed goal.
#
#   bash tests/bench/deadlines.sh
#
# 1,000 acknowledge deadlines spread over 10 minutes plus 100 due in the same second; for each, the time from the
# deadline to the moment the SMTP sink accepted the escalation mail to the second contact. Goal: p99 <= 3 s, none
# missed, none duplicated.
#
# Starts a private PostgreSQL cluster with the default durability settings on a free port, its own maildev
# (installed into .build/tools when missing), publishes the API (Release) from a snapshot of api/ and starts
# BENCH_NODES processes of it on the one database (Hangfire servers on one PostgreSQL storage: any node may fire a deadline).
# Through the admin API it creates a default contact chain (first, second) and an SLA policy whose acknowledge time
# for new (unrated) reports is BENCH_DEADLINE_ACK_SECONDS. The generator (IncidentDesk.Bench `deadlines`) files
# BENCH_DEADLINES reports at an even rate over BENCH_DEADLINE_SPREAD_SECONDS, round-robin over the nodes, and, half
# way through, BENCH_DEADLINE_BURST reports at once, started just after a wall-clock second begins so that their
# deadlines fall in one second. Nobody acknowledges. When the last deadline is BENCH_DEADLINE_GRACE_SECONDS past,
# it reads the sink (accept time = the .eml file's mtime; maildev's `time` field is the Date header) and the
# database (incident_deadlines, timer_outbox, incident_escalated events, notification_outbox) and reports.
#
# The default acknowledge time, 330 s, is longer than the timer relay's horizon (IncidentDesk:Timers:HorizonSeconds,
# 300 s): every deadline first waits in timer_outbox and is handed to Hangfire by the relay about 300 s before it is
# due, so the run exercises the whole path (outbox -> relay -> Hangfire -> FireDeadline -> notification_outbox ->
# dispatcher -> SMTP). With an acknowledge time under 300 s the relay schedules each deadline right after filing.
# Each escalation also sets the level-1 deadline (another BENCH_DEADLINE_ACK_SECONDS later, ending in an SLA breach
# without mail, as there is no Executive): those fire during the second half of the run too.
#
# Knobs (environment): BENCH_DEADLINES (1000), BENCH_DEADLINE_SPREAD_SECONDS (600), BENCH_DEADLINE_BURST (100),
# BENCH_DEADLINE_BURST_WORKERS (20), BENCH_DEADLINE_ACK_SECONDS (330), BENCH_DEADLINE_GRACE_SECONDS (30),
# BENCH_NODES (2), BENCH_API_SOURCE (head | worktree), BENCH_API_PATCH (a diff applied on top), BENCH_OUT (results/deadlines-latest.md), BENCH_KEEP=1 keeps the
# temp dir (API logs, the sink's mails, the raw figures), BENCH_TIMER_LOG=Debug logs each timer job (TimerJob) and Hangfire's own work.
# A short dev run: BENCH_DEADLINES=100 BENCH_DEADLINE_SPREAD_SECONDS=60 BENCH_DEADLINE_ACK_SECONDS=20 bash tests/bench/deadlines.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/tests/bench"
COUNT=${BENCH_DEADLINES:-1000}
SPREAD=${BENCH_DEADLINE_SPREAD_SECONDS:-600}
BURST=${BENCH_DEADLINE_BURST:-100}
BURST_WORKERS=${BENCH_DEADLINE_BURST_WORKERS:-20}
BURST_WORKERS=$((BURST_WORKERS < BURST ? BURST_WORKERS : BURST))
ACK=${BENCH_DEADLINE_ACK_SECONDS:-330}
GRACE=${BENCH_DEADLINE_GRACE_SECONDS:-30}
NODES=${BENCH_NODES:-2}
ADMIN_EMAIL=admin@incidentdesk.local
ADMIN_PASSWORD="bench-admin-$RANDOM-$RANDOM-pass"
LOAD_EMAIL=bench.reporter@incidentdesk.local
LOAD_PASSWORD="bench-load-$RANDOM-$RANDOM-pass"
FIRST=first.contact@deadlines.bench
SECOND=second.contact@deadlines.bench
OUT=${BENCH_OUT:-$BENCH_DIR/results/deadlines-latest.md}
[[ "$OUT" = /* ]] || OUT="$PWD/$OUT"

WORK=$(mktemp -d /tmp/incidentdesk-deadlines.XXXXXX)
chmod 755 "$WORK"
API_PIDS=()
MAILDEV_PID=""
CONN_SAMPLER=""
PG_STARTED=""
STARTED_AT=$(date +%s)

log() { printf '[deadlines %4ss] %s\n' "$(($(date +%s) - STARTED_AT))" "$*" >&2; }

cleanup() {
    local rc=$?
    stop_pid "$CONN_SAMPLER"
    for pid in "${API_PIDS[@]}"; do stop_pid "$pid"; done
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
# Each node's pool gets its share of PostgreSQL's 100 connections (Npgsql's default of 100 per process would let two
# nodes exhaust the server, superuser slots included, as the first trial run of this benchmark did).
POOL=$((90 / NODES))
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=incidentdesk;Maximum Pool Size=$POOL"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d incidentdesk "$@"; }
TOP_START=$(top -bn1 -w 200 | sed -n '1,3p;7,14p')

# --- PostgreSQL: a fresh cluster, default (durable) settings ---------------------------------------------------
bench_start_pg "$PG_PORT"
PG_SETTINGS=$(psql_db -At -F '=' -c "select name, setting from pg_settings where name in
  ('fsync','synchronous_commit','full_page_writes','max_connections') order by name" | paste -sd ' ')

# --- maildev: the SMTP sink, with its mails in a directory of ours (their mtimes are the accept times) ----------
bench_start_maildev

# --- build: the API (Release) from a snapshot of api/, and the generator -------------------------------------------
bench_build

# --- the API: BENCH_NODES processes on the one database ------------------------------------------------------------
export ConnectionStrings__IncidentDesk="$CONN"
export INCIDENTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" INCIDENTDESK_ADMIN_EMAIL="$ADMIN_EMAIL"
export IncidentDesk__PlaybooksPath="$WORK/src/playbooks"
export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LOG_ENV=()
if [[ -n "${BENCH_TIMER_LOG:-}" ]]; then
    LOG_ENV=(Logging__LogLevel__Hangfire="$BENCH_TIMER_LOG" "Logging__LogLevel__IncidentDesk.Api.Timers=$BENCH_TIMER_LOG"
             Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true
             Logging__Console__FormatterOptions__UseUtcTimestamp=true "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff ")
fi
URLS=()
for n in $(seq 1 "$NODES"); do
    port=$(free_port)
    url="http://127.0.0.1:$port"
    # One after the other: the first applies the migrations and creates Hangfire's tables.
    env "${LOG_ENV[@]}" IncidentDesk__PublicUrl="$url" ASPNETCORE_URLS="$url" \
        dotnet "$WORK/api/IncidentDesk.Api.dll" --contentRoot "$WORK/api" >"$WORK/api-$n.log" 2>&1 &
    API_PIDS+=($!)
    wait_ready "$url/health/ready" "${API_PIDS[-1]}" "$WORK/api-$n.log"
    URLS+=("$url")
    log "API node $n ready on $url (pid ${API_PIDS[-1]}, VmRSS $(awk '$1 == "VmRSS:" {printf "%.0f", $2 / 1024}' "/proc/${API_PIDS[-1]}/status") MB)"
done
sleep 2 # every node's Hangfire server announces itself at start; a moment for the last one
TIMER_NODES=$(psql_db -At -c "select string_agg(id, ', ' order by id) from hangfire.server")
log "Hangfire servers: $TIMER_NODES"

"${BENCH[@]}" setup --url "${URLS[0]}" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --email "$LOAD_EMAIL" --password "$LOAD_PASSWORD" >&2

# --- the run -------------------------------------------------------------------------------------------------------
LOAD_START=$(cut -d" " -f1-3 /proc/loadavg)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
MAILDEV_TICKS=$(ticks "$MAILDEV_PID"); RUN_T0=$(date +%s.%N)
# Client connections to PostgreSQL, sampled every 2 s (the highest count goes into the report).
( while :; do psql_db -At -c "select count(*) from pg_stat_activity where backend_type = 'client backend'" 2>/dev/null || true; sleep 2; done ) \
    >"$WORK/connections.txt" &
CONN_SAMPLER=$!
log "filing $COUNT reports over ${SPREAD}s + a burst of $BURST; acknowledge time ${ACK}s; then waiting for the deadlines"
"${BENCH[@]}" deadlines --urls "$(IFS=,; echo "${URLS[*]}")" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --email "$LOAD_EMAIL" --password "$LOAD_PASSWORD" --maildev "$MAILDEV_URL" --maildir "$WORK/maildev" \
    --count "$COUNT" --spread "$SPREAD" --burst "$BURST" --burst-workers "$BURST_WORKERS" --ack "$ACK" --grace "$GRACE" --first "$FIRST" --second "$SECOND" \
    --api-pids "$(IFS=,; echo "${API_PIDS[*]}")" --pg-pid "$PG_PID" --out-dir "$WORK/run"
LOAD_END=$(cut -d" " -f1-3 /proc/loadavg)
MAILDEV_CPU=$(awk -v a="$MAILDEV_TICKS" -v b="$(ticks "$MAILDEV_PID")" -v t0="$RUN_T0" -v t1="$(date +%s.%N)" \
    'BEGIN {printf "%.0f", (b - a) / 100 / (t1 - t0) * 100}')
stop_pid "$CONN_SAMPLER"; CONN_SAMPLER=""
PEAK_CONNECTIONS=$(sort -n "$WORK/connections.txt" | tail -1)
TOP_END=$(top -bn1 -w 200 | sed -n '1,3p;7,14p')

# --- what the database knows: per incident, the first acknowledge deadline and its escalation ------------------------
psql_db -At -F ',' -v second="$SECOND" >"$WORK/run/db.csv" <<'SQL'
with d as (select incident_id, deadline_id, due_at from incident_deadlines where kind = 'acknowledge' and level = 0),
     esc as (select (data->>'incidentId')::uuid as incident_id, count(*) as n, min((data->>'at')::timestamptz) as fired_at
             from mt_events where type = 'incident_escalated' group by 1),
     mail as (select incident_id, count(*) as n, min(created_at) as queued_at, min(sent_at) as sent_at, max(attempts) as attempts
              from notification_outbox where address = :'second' group by 1)
select d.incident_id, extract(epoch from d.due_at), extract(epoch from t.scheduled_at), coalesce(esc.n, 0),
       extract(epoch from esc.fired_at), coalesce(mail.n, 0), extract(epoch from mail.queued_at), extract(epoch from mail.sent_at),
       coalesce(mail.attempts, 0)
from d left join timer_outbox t on t.timer_id = d.deadline_id left join esc on esc.incident_id = d.incident_id
     left join mail on mail.incident_id = d.incident_id
order by d.due_at;
SQL
DB_FACTS=$(psql_db -At -F ' ' -c "select 'events ' || (select count(*) from mt_events) || ', incident_escalated ' ||
    (select count(*) from mt_events where type = 'incident_escalated') || ', sla_breached ' || (select count(*) from mt_events where type = 'sla_breached') ||
    ', outbox pending ' || (select count(*) from notification_outbox where status = 'pending') || ', failed ' ||
    (select count(*) from notification_outbox where status = 'failed') || ', timer_outbox rows due within the relay horizon but not relayed ' ||
    (select count(*) from timer_outbox where scheduled_at is null and due_at < now() + interval '300 seconds')")
API_ERRORS=$(cat "$WORK"/api-*.log | grep -cE '^(fail|crit)|Exception' || true)

# --- report ---------------------------------------------------------------------------------------------------------
RES="$WORK/run/resources.json"
NODE_LINES=$(jq -r '.nodes | to_entries[] | "node \(.key + 1): CPU \(.value.apiCpu) % of one core, VmRSS median \(.value.rssMedianMb) MB, max \(.value.rssMaxMb) MB, VmHWM \(.value.hwmMb) MB"' "$RES" | paste -sd ';' | sed 's/;/; /g')
# The first node's sampler counts the other nodes (and maildev) as "other": take them out.
PG_CPU=$(jq -r '.nodes[0].pgCpu' "$RES"); IDLE=$(jq -r '.nodes[0].idle' "$RES")
OTHER_CPU=$(jq -r --argjson maildev "$MAILDEV_CPU" '[.nodes[0].otherCpu - ([.nodes[1:][].apiCpu] | add // 0) - $maildev, 0] | max' "$RES")
CPU_MODEL=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mkdir -p "$(dirname "$OUT")"
{
    echo "# IncidentDesk deadline benchmark (issue #4 §6)"
    echo
    echo "- run: $(date -u +%Y-%m-%dT%H:%M:%SZ), \`bash tests/bench/deadlines.sh\`, took $(($(date +%s) - STARTED_AT)) s"
    echo "- load: $COUNT reports at an even rate over ${SPREAD} s + a burst of $BURST filed half way by $BURST_WORKERS closed-loop workers; acknowledge time ${ACK} s" \
         "(relay horizon 300 s: $([[ $ACK -gt 300 ]] && echo "every deadline waits in timer_outbox and is relayed to Hangfire ~300 s before due" || echo "each deadline is relayed to Hangfire right after filing")); nobody acknowledges"
    echo "- API: $API_SOURCE, \`dotnet publish -c Release\`, $NODES process(es) on one database, Hangfire settings of the code (schedule polling IncidentDesk:Timers:PollMilliseconds, default 500 ms; queue by LISTEN/NOTIFY); Hangfire servers: $TIMER_NODES"
    echo "- SMTP sink: maildev 2.2.1 on localhost; accept time = mtime of its .eml file (written as the DATA stream arrives; the last write and the 250 reply both follow its end); maildev's \`time\` field is the Date header (1 s resolution), not used"
    echo "- machine: $(nproc) cores ($CPU_MODEL), $(awk '/MemTotal/ {printf "%.0f", $2 / 1024}' /proc/meminfo) MB RAM; generator, API, PostgreSQL and maildev share it with other people's work"
    echo "- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), fresh private cluster, defaults: $PG_SETTINGS; API connection pools: Maximum Pool Size=$POOL per node; most client connections seen (sampled every 2 s): $PEAK_CONNECTIONS"
    echo "- load average at start: $LOAD_START; at the end: $LOAD_END"
    echo "- over the run: $NODE_LINES; PostgreSQL CPU $PG_CPU %, maildev CPU $MAILDEV_CPU %, other people's processes $OTHER_CPU %, machine idle $IDLE % (CPU in percent of one core; 200 = the whole machine)"
    echo "- database at the end: $DB_FACTS; API log lines with fail/crit/Exception: $API_ERRORS"
    echo
    "${BENCH[@]}" deadlines-report --dir "$WORK/run" --db "$WORK/run/db.csv" --grace "$GRACE" --goal-ms 3000 --first "$FIRST" --second "$SECOND"
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
