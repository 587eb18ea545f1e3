#!/usr/bin/env python3
"""Precision on correct English: findings per 1,000 words, by rule, on official translations.

Usage: bench/precision.py TERMLINT_BINARY FOLDER [FOLDER...]

Each FOLDER holds plain-text excerpts of English pages (one file per page). The texts are
third-party and are not committed: bench/precision-sources.md lists the pages used, and
the figures in docs/benchmarks.md say what was found on them. Lints every file with the
bundled dictionaries and the default rules (no .lint.yml), prints per folder the words, the
findings by rule, findings per 1,000 words, and every finding (so each can be judged right
or wrong by hand).
"""
import collections
import json
import os
import re
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    for folder in sys.argv[2:]:
        files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".txt"))
        words = sum(len(re.findall(r"\w+", open(f, encoding="utf-8").read())) for f in files)
        run = subprocess.run([binary, "--no-config", "--format", "json", "--fail-on", "never"] + files,
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(run.stderr)
            return 2
        diagnostics = json.loads(run.stdout)["diagnostics"]
        by_rule = collections.Counter(d["rule"] for d in diagnostics)
        per_thousand = 1000 * len(diagnostics) / max(words, 1)
        print(f"{folder}: {len(files)} files, {words} words, {len(diagnostics)} findings "
              f"({per_thousand:.2f} per 1,000 words)")
        for rule, count in by_rule.most_common():
            print(f"  {rule}: {count} ({1000 * count / max(words, 1):.2f} per 1,000 words)")
        for d in diagnostics:
            print(f"  - {os.path.basename(d['path'])}:{d['line']}:{d['column']} [{d['rule']}] "
                  f"“{d['matched']}”: {d['message'][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
