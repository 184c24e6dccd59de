#!/usr/bin/env bash
# Runs every IncidentDesk test suite and ends with the line "N passed, N failed".
#
#   tests/run.sh                      all suites: lint dotnet vitest e2e compose
#   tests/run.sh lint|dotnet|vitest|e2e|compose ...   only those (for developers)
#
# Starts (and stops on exit) its own throwaway PostgreSQL cluster (fsync=off) on a free port and,
# for e2e, the published API serving the built SPA, and for dotnet and e2e a maildev SMTP sink (npm,
# installed into .build/tools). Installs what is missing (apt packages when
# root, npm packages). Skipped tests count as failed. Exit 0 only when everything passed.
# Results: .build/test-results/<suite>/ (TRX, vitest.json, playwright.json, api.log).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/pg.sh
source "$ROOT/deploy/pg.sh"
# shellcheck source=tests/lib/common.sh
source "$ROOT/tests/lib/common.sh"

ALL_SUITES=(lint dotnet vitest e2e compose)
if [[ $# -gt 0 ]]; then SUITES=("$@"); else SUITES=("${ALL_SUITES[@]}"); fi
for s in "${SUITES[@]}"; do
  [[ " ${ALL_SUITES[*]} " == *" $s "* ]] || { echo "unknown suite '$s' (one of: ${ALL_SUITES[*]})" >&2; exit 2; }
done
want() { [[ " ${SUITES[*]} " == *" $1 "* ]]; }

export CI="${CI:-}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NPM_CONFIG_UPDATE_NOTIFIER=false
RESULTS="$ROOT/.build/test-results"
WORK=$(mktemp -d /tmp/incidentdesk-tests.XXXXXX)
chmod 755 "$WORK"
PG_BASE="$WORK/pg"
PG_STARTED=""
API_PID=""
START_TS=$(date +%s)

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_api
  maildev_stop
  if [[ -n "$PG_STARTED" ]]; then
    cp "$PG_BASE/pg.log" "$RESULTS/postgres.log" 2>/dev/null || true
    pg_stop "$PG_BASE" immediate
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stop_api() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=""
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# ---------------------------------------------------------------- prerequisites
APT_PKGS=()
if want dotnet || want e2e; then pg_find_bin || APT_PKGS+=(postgresql); fi
if want e2e; then
  [[ -x /usr/bin/chromium ]] || APT_PKGS+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || APT_PKGS+=(fonts-noto-cjk)
fi
if want compose; then command -v docker-compose >/dev/null || APT_PKGS+=(docker-compose); fi
if [[ ${#APT_PKGS[@]} -gt 0 ]]; then
  apt_install "${APT_PKGS[@]}" || true
fi
command -v dotnet >/dev/null || { echo "dotnet SDK 10 is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node 20 is required" >&2; exit 1; }

needs_pg=""
if want dotnet || want e2e; then needs_pg=1; fi
if [[ -n "$needs_pg" ]]; then
  if pg_find_bin; then
    step "starting a throwaway PostgreSQL (fsync=off) in $PG_BASE"
    mkdir -p "$PG_BASE"
    pg_init "$PG_BASE"
    for attempt in 1 2 3; do
      PG_PORT=$(free_port)
      if pg_start "$PG_BASE" "$PG_PORT" fsync=off synchronous_commit=off full_page_writes=off max_connections=200; then
        PG_STARTED=1; break
      fi
      echo "PostgreSQL did not start on port $PG_PORT (attempt $attempt)" >&2
    done
    if [[ -n "$PG_STARTED" ]]; then
      export INCIDENTDESK_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
      echo "PostgreSQL ready: $INCIDENTDESK_TEST_PG"
    fi
  else
    echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  fi
fi

# ---------------------------------------------------------------- suites
suite_dotnet() {
  local dir="$RESULTS/dotnet" rc=0 proj name projects=()
  mkdir -p "$dir"
  if [[ -z "$PG_STARTED" ]]; then record_error dotnet "no PostgreSQL for the integration tests"; fi
  # The escalation tests deliver mail to maildev; without it they fail (they never skip).
  maildev_start "$dir" || record_error dotnet "maildev (SMTP sink) did not start"
  step "dotnet build IncidentDesk.sln -c Release"
  if ! dotnet build IncidentDesk.sln -c Release --disable-build-servers -nologo -v quiet 2>&1 | tee "$dir/build.log" | tail -n 40; then
    record_error dotnet "dotnet build failed (see $dir/build.log)"
    return
  fi
  # One dotnet test per test project: with the solution, all projects write the same TRX file.
  while IFS= read -r proj; do
    [[ "$proj" == *.csproj ]] || continue
    grep -q 'Microsoft.NET.Test.Sdk\|<IsTestProject>true' "$proj" 2>/dev/null && projects+=("$proj")
  done < <(dotnet sln IncidentDesk.sln list 2>/dev/null | tr -d '\r')
  [[ ${#projects[@]} -gt 0 ]] || { record_error dotnet "no test projects in IncidentDesk.sln"; return; }
  for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    step "dotnet test $name"
    rc=0
    # DOTNET_TEST_FILTER (developers only: CI runs everything) narrows the run, e.g. 'FullyQualifiedName~Drills'.
    filter=()
    [[ -n "${DOTNET_TEST_FILTER:-}" ]] && filter=(--filter "$DOTNET_TEST_FILTER")
    dotnet test "$proj" -c Release --no-build --disable-build-servers -nologo "${filter[@]}" \
      --logger "trx;LogFileName=$name.trx" --results-directory "$dir" || rc=$?
    count_suite "dotnet:$name" "$rc" trx "$dir/$name.trx"
  done
  maildev_stop
}

ensure_web_deps() {
  [[ -f web/package.json ]] || return 1
  if [[ ! -d web/node_modules || web/package.json -nt web/node_modules \
        || ( -f web/package-lock.json && web/package-lock.json -nt web/node_modules ) ]]; then
    step "npm install (web)"
    (cd web && npm install --no-audit --no-fund) || return 1
    touch web/node_modules
  fi
}

# ESLint over web/ (npm run lint: type-aware typescript-eslint, react-hooks, react-refresh, i18next
# no-literal-string); one test per linted file, a file with any error or warning fails.
suite_lint() {
  local dir="$RESULTS/lint" rc=0
  mkdir -p "$dir"
  ensure_web_deps || { record_error lint "web/package.json missing or npm install failed"; return; }
  step "eslint (web)"
  (cd web && npm run --silent lint -- --format json --output-file "$dir/eslint.json") || rc=$?
  count_suite lint "$rc" eslint "$dir/eslint.json"
}

suite_vitest() {
  local dir="$RESULTS/vitest" rc=0
  mkdir -p "$dir"
  ensure_web_deps || { record_error vitest "web/package.json missing or npm install failed"; return; }
  step "vitest (web)"
  (cd web && npx vitest run --reporter=default --reporter=json --outputFile="$dir/vitest.json") || rc=$?
  count_suite vitest "$rc" vitest "$dir/vitest.json"
}

suite_e2e() {
  local dir="$RESULTS/e2e" rc=0 api_port base
  mkdir -p "$dir"
  [[ -n "$PG_STARTED" ]] || { record_error e2e "no PostgreSQL"; return; }
  [[ -x /usr/bin/chromium ]] || { record_error e2e "/usr/bin/chromium missing (apt-get install -y chromium)"; return; }
  ensure_web_deps || { record_error e2e "web/package.json missing or npm install failed"; return; }
  step "building the SPA (npm run build)"
  (cd web && npm run build) >"$dir/web-build.log" 2>&1 || { tail -n 30 "$dir/web-build.log"; record_error e2e "SPA build failed"; return; }
  step "publishing the API"
  dotnet publish api/IncidentDesk.Api/IncidentDesk.Api.csproj -c Release -o "$WORK/api" \
    --disable-build-servers -nologo -v quiet >"$dir/publish.log" 2>&1 \
    || { tail -n 30 "$dir/publish.log"; record_error e2e "dotnet publish failed"; return; }
  if [[ ! -d tests/e2e/node_modules || tests/e2e/package.json -nt tests/e2e/node_modules ]]; then
    step "npm install (tests/e2e)"
    (cd tests/e2e && npm install --no-audit --no-fund) || { record_error e2e "npm install in tests/e2e failed"; return; }
    touch tests/e2e/node_modules
  fi
  pg_drop_db "$PG_PORT" incidentdesk_e2e >/dev/null 2>&1 || true
  pg_create_db "$PG_PORT" incidentdesk_e2e
  # The API mails through a maildev SMTP sink; the acknowledge-from-mail spec reads the mail from its REST API.
  # Without it the API would write .eml files to its pickup folder and that spec fails (E2E_MAILDEV_URL unset).
  local mail_env=()
  unset E2E_MAILDEV_URL
  if maildev_start "$dir"; then
    mail_env=(Smtp__Host=127.0.0.1 "Smtp__Port=$INCIDENTDESK_TEST_SMTP_PORT")
    export E2E_MAILDEV_URL="$INCIDENTDESK_TEST_MAILDEV_URL"
  else
    record_error e2e "maildev (SMTP sink) did not start"
  fi
  api_port=$(free_port)
  base="http://127.0.0.1:$api_port"
  export E2E_BASE_URL="$base" E2E_ADMIN_EMAIL="admin@e2e.incidentdesk.test" E2E_ADMIN_PASSWORD="E2e-admin-password-1"
  step "starting the API at $base (log: $dir/api.log)"
  # The content root (appsettings.json) is the working directory; a subshell would hide the PID.
  pushd "$WORK/api" >/dev/null
  env "${mail_env[@]}" \
  ConnectionStrings__IncidentDesk="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=incidentdesk_e2e" \
  IncidentDesk__WebRoot="$ROOT/web/dist" IncidentDesk__PlaybooksPath="$ROOT/playbooks" IncidentDesk__PublicUrl="$base" \
  INCIDENTDESK_ADMIN_EMAIL="$E2E_ADMIN_EMAIL" INCIDENTDESK_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" \
    dotnet "$WORK/api/IncidentDesk.Api.dll" --urls "$base" >"$dir/api.log" 2>&1 &
  API_PID=$!
  popd >/dev/null
  if ! wait_http "$base/health/ready" 90 "$API_PID"; then
    tail -n 40 "$dir/api.log"
    stop_api
    maildev_stop
    record_error e2e "the API did not become ready at $base/health/ready"
    return
  fi
  step "playwright test"
  rm -rf tests/e2e/artifacts
  # E2E_SPEC (developers only: CI runs everything) narrows the run to specs matching it, e.g. 'drill-ransomware'.
  spec=()
  [[ -n "${E2E_SPEC:-}" ]] && spec=("$E2E_SPEC")
  (cd tests/e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$dir/playwright.json" npx playwright test "${spec[@]}" --reporter=json,list) || rc=$?
  stop_api
  maildev_stop
  count_suite e2e "$rc" playwright "$dir/playwright.json"
}

suite_compose() {
  local rc=0
  step "docker-compose config -q"
  if ! command -v docker-compose >/dev/null; then
    record_error compose "docker-compose not installed"; return
  fi
  docker-compose -f docker-compose.yml config -q || rc=$?
  if [[ $rc -eq 0 ]]; then record_result compose 1 0 0; else record_result compose 0 1 0 "FAILED docker-compose.yml does not validate"; fi
}

for s in "${SUITES[@]}"; do
  "suite_$s" || record_error "$s" "suite aborted"
done

print_summary "$START_TS"
