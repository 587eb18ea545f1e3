#!/usr/bin/env python3
"""Precision on correct English: findings per 1,000 words, by rule, on official translations.

Usage: bench/precision.py [--judged FILE] TERMLINT_BINARY FOLDER [FOLDER...]

Each FOLDER holds plain-text excerpts of English pages (one .txt file per page). The texts
are third-party and are not committed: bench/precision-sources.md lists the pages (file name,
address, title, date, words) and says how the excerpts were obtained, and the figures are in
docs/benchmarks.md. Every file is linted with the bundled dictionaries and the default rules
(no .lint.yml). Per folder the script prints the files, the words, the findings by rule,
findings per 1,000 words, and every finding, so that each can be judged by hand.

--judged FILE reads those judgements (bench/precision-judged.tsv): one line per finding,
tab-separated `file  line  column  rule  verdict  reason`, where verdict is `right` (the
text really is non-canonical or inconsistent), `cut` (an artefact of the excerpt: a quotation
or bracket the cut left open) or `wrong` (the finding is wrong: fix the rule or the
dictionary). Lines starting with # are comments. The script then prints the count of each
verdict per folder and lists findings with no judgement and judgements that no longer match
a finding; it exits 1 if any finding is `wrong` or unjudged, so it can guard the figure.
"""
import collections
import json
import os
import re
import subprocess
import sys

VERDICTS = ("right", "cut", "wrong")


def read_judged(path):
    judged = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 5 or fields[4] not in VERDICTS or not fields[1].isdigit() \
                    or not fields[2].isdigit():
                raise SystemExit(f"{path}:{number}: expected file, line, column, rule, "
                                 f"verdict ({', '.join(VERDICTS)}), reason; found {line!r}")
            judged[(fields[0], int(fields[1]), int(fields[2]), fields[3])] = fields[4]
    return judged


def main(argv):
    judged = None
    if len(argv) > 1 and argv[1] == "--judged":
        if len(argv) < 3:
            print(__doc__)
            return 2
        judged = read_judged(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 3:
        print(__doc__)
        return 2
    binary = argv[1]
    status = 0
    seen = set()
    for folder in argv[2:]:
        files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".txt"))
        if not files:
            print(f"{folder}: no .txt files (see bench/precision-sources.md to rebuild them)")
            return 2
        words = sum(len(re.findall(r"\w+", open(f, encoding="utf-8").read())) for f in files)
        run = subprocess.run([binary, "--no-config", "--format", "json", "--fail-on", "never"]
                             + files, capture_output=True, text=True)
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
        verdicts = collections.Counter()
        for d in diagnostics:
            name = os.path.basename(d["path"])
            key = (name, d["line"], d["column"], d["rule"])
            verdict = judged.get(key) if judged is not None else None
            if judged is not None:
                seen.add(key)
                verdicts[verdict or "unjudged"] += 1
                if verdict in (None, "wrong"):
                    status = 1
            mark = f" <{verdict or 'unjudged'}>" if judged is not None else ""
            print(f"  - {name}:{d['line']}:{d['column']} [{d['rule']}]{mark} "
                  f"“{d['matched']}”: {d['message'][:160]}")
        if judged is not None:
            print("  verdicts: " + ", ".join(
                f"{v} {verdicts[v]}" for v in VERDICTS + ("unjudged",)))
    if judged is not None:
        for key in sorted(set(judged) - seen):
            print(f"judgement with no finding: {key[0]}:{key[1]}:{key[2]} [{key[3]}]")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
