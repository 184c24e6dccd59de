# shellcheck shell=bash
# Helpers for tests/run.sh: installing, ports, waiting, and counting results across suites.

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
SUMMARY_LINES=()
PROBLEM_LINES=()
_COMMON_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

step() { printf '\n==> %s\n' "$*"; }

# apt_install PKG...: only as root; runs apt-get update only when the install fails without it.
apt_install() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "missing packages (install them as root): $*" >&2
    return 1
  fi
  step "apt-get install -y $*"
  local opts=(-o DPkg::Lock::Timeout=600 -y -q)
  if DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install "$@" >/tmp/incidentdesk-apt.log 2>&1; then
    return 0
  fi
  echo "apt-get install failed; running apt-get update first" >&2
  apt-get -o DPkg::Lock::Timeout=600 -q update >>/tmp/incidentdesk-apt.log 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install "$@" >>/tmp/incidentdesk-apt.log 2>&1 \
    || { tail -n 20 /tmp/incidentdesk-apt.log >&2; return 1; }
}

# free_port: prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# wait_http URL SECONDS [PID]: waits for HTTP 200; gives up early when PID has exited.
wait_http() {
  local url="$1" secs="$2" pid="${3:-}" i
  for ((i = 0; i < secs * 2; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before $url was ready" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "timed out after ${secs}s waiting for $url" >&2
  return 1
}

# record_result NAME PASSED FAILED SKIPPED [problem lines...]
record_result() {
  local name="$1" p="$2" f="$3" s="$4"; shift 4
  TOTAL_PASSED=$((TOTAL_PASSED + p))
  TOTAL_FAILED=$((TOTAL_FAILED + f))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + s))
  SUMMARY_LINES+=("$(printf '%-40s %4d passed, %4d failed, %4d skipped' "$name" "$p" "$f" "$s")")
  # Every skipped test is listed; failures up to 25 per suite (all of them are in the result files).
  local l shown=0 hidden=0
  for l in "$@"; do
    if [[ "$l" == SKIPPED* || $shown -lt 25 ]]; then
      PROBLEM_LINES+=("$name: $l")
      [[ "$l" == SKIPPED* ]] || shown=$((shown + 1))
    else
      hidden=$((hidden + 1))
    fi
  done
  [[ $hidden -eq 0 ]] || PROBLEM_LINES+=("$name: ... and $hidden more failures (see .build/test-results/)")
}

# record_error NAME MESSAGE: the suite could not run or produced no results: one failure.
record_error() {
  echo "ERROR [$1]: $2" >&2
  record_result "$1" 0 1 0 "ERROR $2"
}

# count_suite NAME EXIT_CODE KIND FILE...: reads the result files via count.mjs.
count_suite() {
  local name="$1" rc="$2" kind="$3"; shift 3
  local out first p f s crc=0
  out=$(node "$_COMMON_DIR/count.mjs" "$kind" "$@") || crc=$?
  first=$(head -n 1 <<<"$out")
  read -r p f s <<<"$first"
  local problems=()
  if [[ -n "$out" ]]; then mapfile -t problems < <(tail -n +2 <<<"$out"); fi
  if [[ $crc -ne 0 ]]; then
    # missing or unreadable result file: the suite failed
    f=$((f + 1))
  elif [[ "$rc" -ne 0 && "$f" -eq 0 ]]; then
    f=1
    problems+=("ERROR the runner exited with code $rc although no test failed")
  elif [[ $((p + f + s)) -eq 0 ]]; then
    f=1
    problems+=("ERROR no tests ran")
  fi
  record_result "$name" "$p" "$f" "$s" "${problems[@]}"
}

# print_summary START_TS: prints the table and the closing line; exits 1 unless all passed.
print_summary() {
  local start="$1" l
  echo
  echo "================ test summary ($(( $(date +%s) - start ))s) ================"
  for l in "${SUMMARY_LINES[@]}"; do echo "$l"; done
  if [[ ${#PROBLEM_LINES[@]} -gt 0 ]]; then
    echo "---- failed / skipped ----"
    for l in "${PROBLEM_LINES[@]}"; do echo "$l"; done
  fi
  if [[ $TOTAL_SKIPPED -gt 0 ]]; then
    echo "$TOTAL_SKIPPED skipped test(s) count as failed"
  fi
  local failed=$((TOTAL_FAILED + TOTAL_SKIPPED))
  echo "$TOTAL_PASSED passed, $failed failed"
  [[ $failed -eq 0 && ${#SUMMARY_LINES[@]} -gt 0 ]]
}

# maildev_start DIR: installs maildev@2.2.1 into .build/tools when missing and starts it on free ports
# (SMTP and its REST API on 127.0.0.1). Sets MAILDEV_PID and exports INCIDENTDESK_TEST_SMTP_PORT,
# INCIDENTDESK_TEST_MAILDEV_URL and INCIDENTDESK_TEST_MAILDEV_BIN (the escalation tests start a second one).
MAILDEV_PID=""
maildev_start() {
  local log="$1/maildev.log" tools="$_COMMON_DIR/../../.build/tools" bin smtp web attempt
  bin="$tools/node_modules/.bin/maildev"
  if [[ ! -x "$bin" ]]; then
    step "npm install maildev@2.2.1 (SMTP sink for the escalation tests)"
    mkdir -p "$tools"
    npm install --no-audit --no-fund --prefix "$tools" maildev@2.2.1 >"$1/maildev-install.log" 2>&1 \
      || { tail -n 20 "$1/maildev-install.log" >&2; return 1; }
  fi
  bin=$(cd "$(dirname "$bin")" && pwd)/maildev
  for attempt in 1 2 3; do
    smtp=$(free_port); web=$(free_port)
    "$bin" --smtp "$smtp" --web "$web" --ip 127.0.0.1 --web-ip 127.0.0.1 >"$log" 2>&1 &
    MAILDEV_PID=$!
    if wait_http "http://127.0.0.1:$web/email" 20 "$MAILDEV_PID"; then
      export INCIDENTDESK_TEST_SMTP_PORT="$smtp" INCIDENTDESK_TEST_MAILDEV_URL="http://127.0.0.1:$web" INCIDENTDESK_TEST_MAILDEV_BIN="$bin"
      echo "maildev ready: SMTP 127.0.0.1:$smtp, API $INCIDENTDESK_TEST_MAILDEV_URL"
      return 0
    fi
    maildev_stop
    echo "maildev did not start (attempt $attempt)" >&2
  done
  return 1
}

maildev_stop() {
  if [[ -n "$MAILDEV_PID" ]] && kill -0 "$MAILDEV_PID" 2>/dev/null; then
    kill -TERM "$MAILDEV_PID" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 "$MAILDEV_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$MAILDEV_PID" 2>/dev/null || true
    wait "$MAILDEV_PID" 2>/dev/null || true
  fi
  MAILDEV_PID=""
}
