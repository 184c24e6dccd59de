#!/usr/bin/env bash
# IncidentDesk decision-request mail benchmark (issue 10 §3): one command, prints figures, never fails on a number.
#
#   bash tests/bench/decisions.sh
#
# How long an approver waits for the mail asking them to decide, when many requests are made at once. Starts a
# private PostgreSQL cluster with the default durability settings, its own maildev and the published API (Release,
# lib.sh: bench_build) with timers and the dispatcher on, as in production. Then, over HTTP as a browser does
# (cookie + X-XSRF-TOKEN): an Executive account, a responder account and a ransomware report; then BENCH_DECISIONS
# POST /api/incidents/{id}/decisions all at once (curl, in parallel), each asking that Executive, needed in an hour.
# Latency per mail = the sink's .eml mtime (the SMTP accept) - the request's commit (notification_outbox.created_at,
# written in the append's transaction), matched by the X-IncidentDesk-Notification header; also the time from the
# first POST leaving to the last mail arriving, the HTTP answers, duplicates, and the recorded sent_at view.
#
# Knobs (environment): BENCH_DECISIONS (100), BENCH_API_SOURCE (head | worktree), BENCH_API_REV, BENCH_OUT
# (results/decisions-latest.md), BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/tests/bench"
COUNT=${BENCH_DECISIONS:-100}
ADMIN_EMAIL=admin@incidentdesk.local
ADMIN_PASSWORD="bench-admin-$RANDOM-$RANDOM-pass"
OUT=${BENCH_OUT:-$BENCH_DIR/results/decisions-latest.md}
[[ "$OUT" = /* ]] || OUT="$PWD/$OUT"

WORK=$(mktemp -d /tmp/incidentdesk-decisions.XXXXXX)
chmod 755 "$WORK"
API_PID=""
MAILDEV_PID=""
STARTED_AT=$(date +%s)

log() { printf '[decisions %4ss] %s\n' "$(($(date +%s) - STARTED_AT))" "$*" >&2; }

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
LOAD_START=$(cut -d" " -f1-3 /proc/loadavg)
bench_start_pg "$PG_PORT"
PG_SETTINGS=$(psql_db -At -F '=' -c "select name, setting from pg_settings where name in
  ('fsync','synchronous_commit','full_page_writes') order by name" | paste -sd ' ')
bench_start_maildev
bench_build

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
env ConnectionStrings__IncidentDesk="$CONN" INCIDENTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" INCIDENTDESK_ADMIN_EMAIL="$ADMIN_EMAIL" \
    IncidentDesk__PlaybooksPath="$WORK/src/playbooks" Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" \
    IncidentDesk__PublicUrl="$URL" ASPNETCORE_URLS="$URL" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    dotnet "$WORK/api/IncidentDesk.Api.dll" --contentRoot "$WORK/api" >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_ready "$URL/health/ready" "$API_PID" "$WORK/api.log"

# A browser-like session: the cookie jar, and the antiforgery token sent back on every POST.
signin() { # JAR EMAIL PASSWORD
    curl -fsS -c "$1" -b "$1" -H 'Content-Type: application/json' -d "{\"email\":\"$2\",\"password\":\"$3\"}" "$URL/api/auth/login" >/dev/null
}
xsrf() { awk '$6 == "XSRF-TOKEN" {print $7}' "$1" | tail -1; }
post() { # JAR PATH JSON
    curl -fsS -b "$1" -H 'Content-Type: application/json' -H "X-XSRF-TOKEN: $(xsrf "$1")" -d "$3" "$URL$2"
}
signin "$WORK/admin.jar" "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
EXEC_ID=$(post "$WORK/admin.jar" /api/users \
    '{"email":"shacho@mail.bench","displayName":"山田 社長","roles":["Executive"],"password":"bench-executive-password","language":"ja"}' | jq -r .id)
post "$WORK/admin.jar" /api/users \
    '{"email":"responder@mail.bench","displayName":"Bench Responder","roles":["Responder"],"password":"bench-responder-password"}' >/dev/null
signin "$WORK/responder.jar" responder@mail.bench bench-responder-password
INCIDENT=$(post "$WORK/responder.jar" /api/incidents \
    "{\"category\":\"C2\",\"summary\":\"File server encrypted, ransom note on screen\",\"noticedAt\":\"$(date -u -d '-10 min' +%FT%TZ)\"}" | jq -r .id)
# The new report's own mail to the built-in chain is not measured: wait until it has left.
for _ in $(seq 1 100); do
    [[ $(psql_db -At -c "select count(*) from notification_outbox where status = 'pending'") == 0 ]] && break; sleep 0.2
done
psql_db -c "checkpoint"
BEFORE=$(find "$WORK/maildev" -name '*.eml' | wc -l)

NEEDED=$(date -u -d '+1 hour' +%FT%TZ)
BODY=$(jq -nc --arg exec "$EXEC_ID" --arg needed "$NEEDED" '{kind: "ransom_payment", question: "身代金を支払いますか。",
  options: [{id: "do_not_pay", label: "支払わない（バックアップから復旧する）", consequence: "復旧に2日かかる見込み"},
            {id: "pay", label: "支払う（人命がかかっている等の緊急時に限る）", consequence: "支払っても復号できる保証はない"}],
  recommendedOptionId: "do_not_pay", context: "ファイルサーバが暗号化され、48時間以内の支払いを要求されている。",
  neededBy: $needed, approvers: [{accountId: $exec}], quorum: "any", onExpiry: "escalate"}')
log "asking $COUNT decisions at once"
T0=$(date +%s.%N)
seq 1 "$COUNT" | xargs -P "$COUNT" -I{} curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -b "$WORK/responder.jar" \
    -H 'Content-Type: application/json' -H "X-XSRF-TOKEN: $(xsrf "$WORK/responder.jar")" -d "$BODY" \
    "$URL/api/incidents/$INCIDENT/decisions" >"$WORK/answers.txt"
T1=$(date +%s.%N)
# One mail per request that was made (a refused POST asks nobody).
MADE=$(grep -c '^201 ' "$WORK/answers.txt" || true)
DEADLINE=$(( $(date +%s) + 300 ))
while :; do
    got=$(( $(find "$WORK/maildev" -name '*.eml' | wc -l) - BEFORE ))
    [[ $got -ge $MADE ]] && break
    [[ $(date +%s) -gt $DEADLINE ]] && { log "gave up with $got of $MADE mails"; break; }
    sleep 0.1
done
T2=$(date +%s.%N)
sleep 1

psql_db -At -F ' ' -c "select notification_id, extract(epoch from created_at), extract(epoch from sent_at), attempts
    from notification_outbox o where o.subject like '【経営判断のお願い】%'" >"$WORK/rows.txt"
python3 - "$WORK" "$T0" "$T1" "$T2" >"$WORK/figures.txt" <<'PY'
import os, re, sys, statistics
work, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:5])
rows = {r.split()[0]: r.split()[1:] for r in open(f"{work}/rows.txt").read().split("\n") if r.strip()}
mtime, seen, dup = {}, set(), 0
for name in os.listdir(f"{work}/maildev"):
    if not name.endswith(".eml"): continue
    path = f"{work}/maildev/{name}"
    m = re.search(r"^X-IncidentDesk-Notification:\s*(\S+)", open(path, errors="replace").read(), re.M | re.I)
    if not m or m.group(1) not in rows: continue
    if m.group(1) in seen: dup += 1
    seen.add(m.group(1)); mtime[m.group(1)] = os.path.getmtime(path)
sink = sorted(mtime[i] - float(rows[i][0]) for i in mtime)
sent = sorted(float(r[1]) - float(r[0]) for r in rows.values() if r[1])
def q(xs, p): return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))] if xs else float("nan")
print(f"rows {len(rows)} received {len(mtime)} duplicates {dup} retried {sum(1 for r in rows.values() if int(r[2]) > 1)}")
print(f"sink p50 {q(sink, .5):.3f} p95 {q(sink, .95):.3f} max {q(sink, 1):.3f} min {q(sink, 0):.3f}")
print(f"sent p50 {q(sent, .5):.3f} p95 {q(sent, .95):.3f} max {q(sent, 1):.3f}")
print(f"posts {t1 - t0:.3f} all_mail {t2 - t0:.3f}")
PY
read -r _ ROWS _ RECEIVED _ DUPS _ RETRIED < <(sed -n 1p "$WORK/figures.txt")
read -r _ _ S50 _ S95 _ SMAX _ SMIN < <(sed -n 2p "$WORK/figures.txt")
read -r _ _ R50 _ R95 _ RMAX < <(sed -n 3p "$WORK/figures.txt")
read -r _ POSTS _ ALL < <(sed -n 4p "$WORK/figures.txt")
CODES=$(awk '{print $1}' "$WORK/answers.txt" | sort | uniq -c | awk '{printf "%s × %s, ", $1, $2}' | sed 's/, $//')
HTTP=$(awk '{print $2}' "$WORK/answers.txt" | sort -n | awk '{a[NR] = $1} END {printf "p50 %.3f s, max %.3f s", a[int((NR + 1) / 2)], a[NR]}')
API_ERRORS=$(grep -cE '^(fail|crit)|Exception' "$WORK/api.log" || true)
CPU_MODEL=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mkdir -p "$(dirname "$OUT")"
{
    echo "# IncidentDesk decision-request mail latency (issue 10 §3)"
    echo
    echo "- run: $(date -u +%Y-%m-%dT%H:%M:%SZ), \`bash tests/bench/decisions.sh\`, took $(($(date +%s) - STARTED_AT)) s"
    echo "- load: $COUNT \`POST /api/incidents/{id}/decisions\` sent at once (curl, $COUNT in parallel) by one responder, each asking one Executive (ja); one node with timers and the dispatcher on, the code's default settings"
    echo "- API: $API_SOURCE, \`dotnet publish -c Release\`; SMTP sink: maildev 2.2.1 on localhost"
    echo "- machine: $(nproc) cores ($CPU_MODEL), shared with other work; load average at the start $LOAD_START, at the end $(cut -d" " -f1-3 /proc/loadavg)"
    echo "- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), fresh private cluster: $PG_SETTINGS"
    echo
    echo "| figure | value |"
    echo "| --- | --- |"
    echo "| **request committed → mail in maildev** (.eml mtime - created_at) | **p50 ${S50} s, p95 ${S95} s, max ${SMAX} s** (min ${SMIN} s) |"
    echo "| request committed → delivery recorded (sent_at - created_at) | p50 ${R50} s, p95 ${R95} s, max ${RMAX} s |"
    echo "| first POST sent → last mail in maildev | ${ALL} s (the $COUNT POSTs took ${POSTS} s) |"
    echo "| HTTP answers / time per POST | $CODES / $HTTP |"
    echo "| request mails queued / received / duplicates / retried | $ROWS / $RECEIVED / $DUPS / $RETRIED |"
    echo "| API log lines with fail/crit/Exception | $API_ERRORS |"
} >"$OUT"
cat "$OUT"
log "written $OUT"
