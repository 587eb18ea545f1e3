#!/usr/bin/env python3
"""A file that is one line of SIZE MB (default 1024): termlint must finish with the three
findings at line 1 and their exact columns, in bounded memory (issue 15, "a single 1 GB
line"). Prints the peak RSS that /usr/bin/time -v reports.

    python3 bench/one_line.py .build/release/termlint [SIZE_MB] [--no-spaces]

The line is sentences (cut after a sentence end), or with --no-spaces one character
repeated (cut between two characters). Only the Python standard library; needs /usr/bin/time.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

TERM = "the 88th Strategy"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    spaces = "--no-spaces" not in sys.argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 64
    binary = os.path.abspath(args[0])
    size = int(args[1]) << 20 if len(args) > 1 else 1 << 30
    # Sentences, as prose has them: a cut falls after ". ", so no term is split.
    unit = "Some words é, more. " if spaces else "é"
    half = (size - 3 * len(TERM)) // 2 // len(unit.encode())
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "line.txt")
        with open(path, "w", encoding="utf-8") as out:
            # Written in pieces so this script stays small too.
            out.write(TERM + " ")
            for _ in range(2):
                step = 1 << 20
                for start in range(0, half, step):
                    out.write(unit * min(step, half - start))
                out.write(" " + TERM + (" " if _ == 0 else ""))
        total = os.path.getsize(path)
        run = subprocess.run(
            ["/usr/bin/time", "-v", binary, "--no-config", "--format", "json", path],
            capture_output=True,
            text=True,
        )
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", run.stderr)
        found = [
            (d["line"], d["column"])
            for d in json.loads(run.stdout)["diagnostics"]
            if d["rule"] == "variant"
        ]
    columns = half * len(unit)  # one column per scalar
    # "88th" is 4 columns into each term; the terms and fillers are joined by spaces.
    expected = [(1, 5), (1, len(TERM) + columns + 7), (1, 2 * len(TERM) + 2 * columns + 9)]
    ok = run.returncode == 1 and found == expected
    print(
        f"one line of {total / (1 << 20):.0f} MB ({'spaces' if spaces else 'no spaces'}): "
        f"exit {run.returncode}, findings at {found}, "
        f"peak RSS {int(peak.group(1)) // 1024 if peak else '?'} MB, wall {wall.group(1) if wall else '?'}"
    )
    if not ok:
        print(f"expected exit 1 and findings at {expected}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
