#!/usr/bin/env bash
# End-to-end tests of `termlint lsp` with a real LSP client (pytest-lsp, from PyPI).
#   Tests/lsp/run.sh [PATH-TO-termlint-BINARY]
# Installs pytest-lsp when missing; exits non-zero when a test fails or none ran.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
termlint=${1:-$root/.build/debug/termlint}
[ $# -gt 0 ] && shift
[ -x "$termlint" ] || { echo "lsp test: no termlint binary at $termlint (swift build first)" >&2; exit 1; }
export TERMLINT_BIN=$(cd "$(dirname "$termlint")" && pwd)/$(basename "$termlint")

if ! python3 -c 'import pytest_lsp' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check pytest-lsp \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages pytest-lsp
fi

cd "$here"
# Leave nothing behind in the tree: no bytecode, no pytest cache, no benchmark folder.
export PYTHONDONTWRITEBYTECODE=1
set +e
python3 -m pytest -p no:cacheprovider -p no:benchmark -q "$@" 2>&1
status=$?
set -e
# pytest exits 5 when it collected no tests: that is a failure here too.
if [ "$status" -eq 5 ]; then
  echo "lsp test: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
