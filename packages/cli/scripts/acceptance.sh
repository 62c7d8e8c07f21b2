#!/usr/bin/env bash
# Acceptance of @tenon/cli as a user meets it, outside this repository: every package packed with
# npm pack into a temporary folder, `tenon new` from those tarballs (TENON_PACKAGES_DIR), CommonJS
# and --esm: npm install, npm test green, npm start answers, `tenon g resource cats` then the tests
# again and /cats answers, `tenon migrate` round trip on PGlite (and on PostgreSQL when
# TENON_TEST_POSTGRES_URL is set: database `cli` on that server), `tenon graph`, `tenon dev`.
# Usage: packages/cli/scripts/acceptance.sh [cjs|esm ...]   (default: both)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tenon-acceptance-XXXXXX")"
port_base="${TENON_ACCEPTANCE_PORT:-45100}"
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(cjs esm)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
  [ -n "${KEEP_ACCEPTANCE:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() { echo "ACCEPTANCE FAILED: $*" >&2; exit 1; }

step "pack every package into $work/packages"
(cd "$repo" && npm run build >/dev/null)
mkdir -p "$work/packages"
for p in core http data testing cli; do
  (cd "$repo" && npm pack -w "packages/$p" --pack-destination "$work/packages" >/dev/null 2>&1)
done
ls "$work/packages"
tenon_new="node $repo/packages/cli/dist/bin/tenon.js new"

# Starts the app in its own process group, waits for /health/ready, then runs curl checks.
serve() {
  local port="$1"
  setsid npm start --silent >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "npm start exited"; }
    sleep 0.5
  done
  cat "$work/server.log"
  fail "npm start did not answer on port $port"
}
unserve() {
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
  server_pid=""
}
expect_http() { # method url status [body]
  local code
  code=$(curl -s -o "$work/body" -w '%{http_code}' -X "$1" -H 'content-type: application/json' ${4:+-d "$4"} "$2")
  [ "$code" = "$3" ] || { cat "$work/body"; fail "$1 $2 answered $code, expected $3"; }
  echo "$1 $2 -> $code $(head -c 160 "$work/body")"
}
migrate_round_trip() { # label
  local out
  npx tenon migrate generate init
  npx tenon migrate up | grep -q '^applied ' || fail "$1: migrate up applied nothing"
  npx tenon migrate status | grep -q '^\[x\] ' || fail "$1: status shows nothing applied"
  out=$(npx tenon migrate generate again)
  echo "$out"
  echo "$out" | grep -q '^No changes' || fail "$1: generate wrote a migration although nothing changed"
  npx tenon migrate down | grep -q '^reverted ' || fail "$1: migrate down reverted nothing"
  npx tenon migrate status | grep -q '^\[ \] ' || fail "$1: status does not show the reverted migration as pending"
  npx tenon migrate up | grep -q '^applied ' || fail "$1: migrate up after down applied nothing"
  echo "$1: migrate round trip ok"
}

# The app's own tests on its embedded database (TestDatabase would take PostgreSQL from those
# variables), with NODE_OPTIONS unset: the jest preset must be all the set-up the app needs.
app_test() { env -u TENON_TEST_POSTGRES_URL -u TENON_TEST_MYSQL_URL -u NODE_OPTIONS npm test; }

i=0
for variant in "${variants[@]}"; do
  i=$((i + 1))
  port=$((port_base + i))
  app="app-$variant"
  flag=""
  [ "$variant" = esm ] && flag="--esm"
  cd "$work"

  step "$variant: tenon new $app $flag"
  t=$(now)
  TENON_PACKAGES_DIR="$work/packages" $tenon_new "$app" $flag --skip-install
  cd "$app"
  t_install=$(now)
  npm install --no-audit --no-fund --loglevel=error
  echo "npm install: $(took "$t_install")"

  step "$variant: npm test"
  t_test=$(now)
  app_test
  echo "npm test: $(took "$t_test"); tenon new -> npm test green: $(took "$t")"

  step "$variant: npm start answers"
  PORT=$port serve "$port"
  expect_http GET "http://127.0.0.1:$port/items" 200
  expect_http POST "http://127.0.0.1:$port/items" 201 '{"name":"first"}'
  unserve

  step "$variant: tenon g resource cats, tests again, /cats answers"
  npx tenon g resource cats
  npx tenon g resource cats && fail "a second tenon g resource cats overwrote files" || echo "second run refused, as it should"
  app_test
  npx tsc --noEmit
  PORT=$port serve "$port"
  expect_http POST "http://127.0.0.1:$port/cats" 201 '{"name":"Tom"}'
  expect_http GET "http://127.0.0.1:$port/cats" 200
  unserve

  step "$variant: tenon migrate round trip on PGlite"
  DATABASE_URL="pglite://./.tenon/acceptance" migrate_round_trip "$variant PGlite"

  if [ "$variant" = cjs ] && [ -n "${TENON_TEST_POSTGRES_URL:-}" ]; then
    step "$variant: tenon migrate round trip on PostgreSQL (database cli)"
    pg_url="${TENON_TEST_POSTGRES_URL%/*}/cli"
    psql "${TENON_TEST_POSTGRES_URL}" -qc 'drop database if exists cli' -c 'create database cli'
    # pg is an optional peer of @tenon/data: an app on PostgreSQL installs it (tenon new --db postgres does).
    npm install --no-audit --no-fund --loglevel=error pg
    rm -f src/migrations/*.ts
    DATABASE_URL="$pg_url" migrate_round_trip "$variant PostgreSQL"
  fi

  step "$variant: tenon graph"
  npx tenon graph --out graph.svg
  npx tenon graph --out graph.html
  grep -q 'CatModule' graph.svg || fail "graph.svg does not show CatModule"
  [ -n "${TENON_ACCEPTANCE_ARTIFACTS:-}" ] && mkdir -p "$TENON_ACCEPTANCE_ARTIFACTS" && cp graph.html "$TENON_ACCEPTANCE_ARTIFACTS/graph-$variant.html"

  step "$variant: tenon dev restarts on a change"
  PORT=$port setsid npx tenon dev >"$work/dev.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do grep -q 'listening on' "$work/dev.log" && break; sleep 0.5; done
  echo "// changed" >>src/cats/cat.service.ts
  for _ in $(seq 1 120); do grep -q 'ready .* after the change' "$work/dev.log" && break; sleep 0.5; done
  grep '\[tenon dev\]' "$work/dev.log"
  grep -q 'ready .* after the change' "$work/dev.log" || fail "tenon dev did not restart"
  unserve
done
step "acceptance passed: ${variants[*]}"
