#!/usr/bin/env bash
# Runs @tenon/data's contract suite on SQLite. better-sqlite3 is an optional peer (a native module
# that may build from source, ~1 min), so `npm test` skips SQLite; this installs it without saving
# it to any package.json or lockfile, then runs the suite with TENON_TEST_SQLITE=1, which turns a
# driver that still cannot load into a failure instead of a skip.
#
#   packages/data/scripts/sqlite-suite.sh            # from anywhere; extra arguments go to jest
#   BETTER_SQLITE3_VERSION=12.11.1 packages/data/scripts/sqlite-suite.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
version="${BETTER_SQLITE3_VERSION:-12.11.1}"

loads() {
  node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null
}

if ! loads; then
  if node -e "require.resolve('better-sqlite3')" 2>/dev/null; then
    # Installed, but built for another Node (NODE_MODULE_VERSION): build it again for this one.
    # With npm_config_nodedir set (scripts/node-matrix.sh does), node-gyp takes the headers there.
    echo "sqlite-suite: rebuilding better-sqlite3 for Node $(node -v)"
    step=(npm rebuild better-sqlite3)
  else
    echo "sqlite-suite: installing better-sqlite3@${version} (not saved)"
    step=(npm install --no-save --no-audit --no-fund "better-sqlite3@${version}")
  fi
  # Other processes may install into the same node_modules at the same time.
  if command -v flock >/dev/null 2>&1; then
    flock /tmp/npm.lock "${step[@]}" || true
  else
    "${step[@]}" || true
  fi
  if ! loads; then
    reason="better-sqlite3@${version} does not load on Node $(node -v) (native build failed?)"
    if [ -n "${SQLITE_MAY_SKIP:-}" ]; then
      # Another Node of the CI matrix: the suite runs and skips, saying why, instead of failing.
      echo "sqlite-suite: $reason; the SQLite suite skips" >&2
      TENON_JEST_RUN_NAME="${TENON_JEST_RUN_NAME:-sqlite}" exec node scripts/run-jest.js --selectProjects @tenon/data \
        --testPathPatterns 'packages/data/test/contract/sqlite' "$@"
    fi
    echo "sqlite-suite: $reason" >&2
    exit 1
  fi
fi

export TENON_TEST_SQLITE=1
# Through the project's jest wrapper, so CI's closing line counts these tests too.
TENON_JEST_RUN_NAME="${TENON_JEST_RUN_NAME:-sqlite}" exec node scripts/run-jest.js --selectProjects @tenon/data \
  --testPathPatterns 'packages/data/test/contract/sqlite' "$@"
