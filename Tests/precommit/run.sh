#!/usr/bin/env bash
# End-to-end test of the pre-commit hook with the real pre-commit framework (from PyPI):
# a commit that adds a non-canonical rendering is refused with the finding and its fix on
# screen; after `termlint fix`, the commit passes. Runs against this repository's HEAD.
#   Tests/precommit/run.sh [PATH-TO-termlint-BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
termlint=${1:-$root/.build/debug/termlint}
[ -x "$termlint" ] || { echo "precommit test: no termlint binary at $termlint (swift build first)" >&2; exit 1; }

if ! python3 -c 'import pre_commit' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check pre-commit
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org

# pre-commit clones the hook repository by URL and revision: use this repository's HEAD.
rev=$(git -C "$root" rev-parse HEAD)
mkdir "$work/project"
cd "$work/project"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: termlint
YAML
printf 'Zhejiang marks 20 years of the 88th Strategy.\n' > news.txt
git add .pre-commit-config.yaml news.txt
python3 -m pre_commit install >/dev/null

echo "== a commit with a non-canonical rendering must be refused"
if git commit -q -m "add news" > "$work/out1.txt" 2>&1; then
  cat "$work/out1.txt"; echo "precommit test: the commit was accepted" >&2; exit 1
fi
cat "$work/out1.txt"
grep -q "“88th Strategy” is a non-canonical rendering of 八八战略" "$work/out1.txt"
grep -q "fix: replace with “Double-Eight Strategy”" "$work/out1.txt"

echo "== after termlint fix, the commit passes"
"$termlint" fix news.txt
grep -q "the Double-Eight Strategy" news.txt
git add news.txt
git commit -q -m "add news" > "$work/out2.txt" 2>&1 || { cat "$work/out2.txt"; echo "precommit test: the fixed commit was refused" >&2; exit 1; }
cat "$work/out2.txt"
echo "precommit: 2 passed, 0 failed"
