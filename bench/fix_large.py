#!/usr/bin/env python3
"""`termlint fix` of one large plain text file with a fix every 50 bytes: peak RSS and wall
time from /usr/bin/time -v, and (with a second binary, or --section-size forcing the
whole-file path) whether both give the same bytes.

    python3 bench/fix_large.py BINARY [SIZE_MB] [BASELINE_BINARY]

SIZE_MB defaults to 210 (220 MB: over the 64 MB section threshold, so fixed in sections).
With BASELINE_BINARY (e.g. a build of an older commit), it fixes a copy with that too and
compares the files. Only the Python standard library; needs /usr/bin/time.
"""

import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = (
    "Paragraph {}: the 88th Strategy and One Belt One Road appear in this sentence of "
    "ordinary text.\n\n"
)


def measure(binary: str, path: str) -> str:
    run = subprocess.run(
        ["/usr/bin/time", "-v", binary, "fix", "--no-config", "--quiet", path],
        capture_output=True,
        text=True,
    )
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", run.stderr)
    return (
        f"exit {run.returncode}, peak RSS {int(peak.group(1)) // 1024 if peak else '?'} MB, "
        f"wall {wall.group(1) if wall else '?'}"
    )


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    binary = os.path.abspath(sys.argv[1])
    size = int(sys.argv[2]) << 20 if len(sys.argv) > 2 else 210 << 20
    baseline = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "source.txt")
        count = 0
        written = 0
        with open(source, "w", encoding="utf-8") as out:
            while written < size:
                text = LINE.format(count)
                out.write(text)
                written += len(text)
                count += 1
        print(f"{written} bytes, {count} paragraphs, {2 * count} fixes")
        fixed = os.path.join(folder, "fixed.txt")
        shutil.copyfile(source, fixed)
        print(f"{binary}: {measure(binary, fixed)}")
        if baseline:
            other = os.path.join(folder, "baseline.txt")
            shutil.copyfile(source, other)
            print(f"{baseline}: {measure(baseline, other)}")
            same = filecmp.cmp(fixed, other, shallow=False)
            print("same bytes" if same else "DIFFERENT bytes")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
