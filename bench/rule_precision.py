#!/usr/bin/env python3
"""Precision and recall of termlint's rules on a small labelled corpus.

Each file under bench/labelled/ holds one sentence per line; `#` starts a comment line.
A span the linter must report is marked ⟦rule¦span⟧ (several per line are fine); every
other place of the line must give that rule nothing. Each line is linted as a file of
its own (so `inconsistent` and the paragraph rules see one sentence), with the bundled
dictionaries and the default rules, through the termlint binary's JSON report. A finding
counts as a true positive when its rule and its exact byte span equal a label's.

With --artifacts it also scores the corpora of the artifact rules' Swift test
(Tests/TermLintTests/Fixtures/artifacts/<rule>[.holdout|.blind].txt), here with every
default rule and the bundled dictionaries rather than the one rule on an empty glossary.

With --check (the default corpora and --artifacts only) it also exits 1 when a rule finds
fewer true positives or more false positives than the figures documented in docs/rules.md
(CHECKED below): CI runs it so that the stated precision and recall cannot silently drop.

Usage: python3 bench/rule_precision.py [--binary PATH] [--artifacts] [--check] [--verbose] [FILES...]
Standard library only; exits 1 when a file cannot be read or the binary fails.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

RULES = ["reordered", "repeated-word", "unpaired", "untranslated", "variant", "form"]
# The documented figures (docs/rules.md, "Measured precision") of the default corpora with
# --artifacts: at least this many true positives, at most this many false positives.
CHECKED = {
    "reordered": (40, 1), "repeated-word": (49, 1), "unpaired": (52, 1),
    "untranslated": (44, 0), "variant": (14, 1), "form": (2, 1),
}
LABEL = re.compile("⟦([a-z-]+)¦(.*?)⟧", re.S)


def parse(line):
    """The clean text of a labelled line and its labels as (rule, start, end) in bytes."""
    text = b""
    labels = []
    position = 0
    for match in LABEL.finditer(line):
        text += line[position:match.start()].encode()
        start = len(text)
        text += match.group(2).encode()
        labels.append((match.group(1), start, len(text)))
        position = match.end()
    text += line[position:].encode()
    return text, labels


def artifact_cases(path, rule):
    """The cases of a corpus in Tests/TermLintTests/Fixtures/artifacts/ (one rule per file:
    cases separated by blank lines, spans marked ⟦span⟧ or ⟦span→fix⟧, `¶` a blank line,
    `\\n` a line break, `\\u{XXXX}` a character), as labelled lines of this script."""
    cases = []
    block = []
    start = 0

    def close():
        if not block:
            return
        text = "\n".join(block).replace("¶", "\n\n").replace("\\n", "\n")
        text = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), text)
        text = re.sub("⟦(.*?)(?:→.*?)?⟧", lambda m: "⟦%s¦%s⟧" % (rule, m.group(1)), text, flags=re.S)
        cases.append((start, text))

    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                close()
                block = []
                continue
            if not block:
                start = number
            block.append(line)
    close()
    return cases


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=None, help="termlint binary (default: .build/release or debug)")
    parser.add_argument("--verbose", action="store_true", help="list false positives and misses")
    parser.add_argument(
        "--artifacts", action="store_true",
        help="also score the artifact rules' corpora (Tests/TermLintTests/Fixtures/artifacts)")
    parser.add_argument(
        "--check", action="store_true",
        help="exit 1 below the documented figures (needs --artifacts and the default corpora)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if args.check and (args.files or not args.artifacts):
        parser.error("--check scores the default corpora with --artifacts only")
    binary = os.path.abspath(args.binary) if args.binary else None
    if binary is None:
        for kind in ("release", "debug"):
            candidate = os.path.join(root, ".build", kind, "termlint")
            if os.path.exists(candidate):
                binary = candidate
                break
    if binary is None:
        sys.exit("no termlint binary: run `swift build` first or pass --binary")
    files = args.files or sorted(
        os.path.join(root, "bench", "labelled", name)
        for name in os.listdir(os.path.join(root, "bench", "labelled"))
        if name.endswith(".txt"))

    sources = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\n")
                if line.strip() and not line.startswith("#"):
                    sources.append((path, number, line, set(RULES)))
    if args.artifacts:
        folder = os.path.join(root, "Tests", "TermLintTests", "Fixtures", "artifacts")
        for name in sorted(os.listdir(folder)):
            rule = name.split(".")[0]
            path = os.path.join(folder, name)
            files.append(path)
            for number, text in artifact_cases(path, rule):
                # Those corpora are labelled for their own rule only.
                sources.append((path, number, text, {rule}))

    cases = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, (path, number, line, scored) in enumerate(sources):
            text, labels = parse(line)
            name = "%05d_%s_%04d.txt" % (index, os.path.basename(path).replace(".", "_"), number)
            with open(os.path.join(tmp, name), "wb") as out:
                out.write(text + b"\n")
            cases[name] = (path, number, text, labels, scored)
        run = subprocess.run(
            [binary, "lint", "--format", "json", "--color", "never", tmp],
            capture_output=True, cwd=tmp)
        if run.returncode not in (0, 1):
            sys.exit("termlint failed (%d): %s" % (run.returncode, run.stderr.decode()))
        report = json.loads(run.stdout)

    found = {}
    for diagnostic in report["diagnostics"]:
        name = os.path.basename(diagnostic["path"])
        start = diagnostic["offset"]
        found.setdefault(name, set()).add((diagnostic["rule"], start, start + diagnostic["length"]))

    counts = {rule: [0, 0, 0] for rule in RULES}  # true positives, false positives, misses
    notes = []
    for name, (path, number, text, labels, scored) in sorted(cases.items()):
        got = {f for f in found.get(name, set()) if f[0] in scored}
        want = {l for l in labels if l[0] in scored}
        where = "%s:%d" % (os.path.relpath(path, root), number)
        for rule, start, end in sorted(got | want, key=lambda f: (f[1], f[0])):
            span = text[start:end].decode(errors="replace")
            if (rule, start, end) in got and (rule, start, end) in want:
                counts[rule][0] += 1
            elif (rule, start, end) in got:
                counts[rule][1] += 1
                notes.append("%s: false positive %s “%s”" % (where, rule, span))
            else:
                counts[rule][2] += 1
                notes.append("%s: missed %s “%s”" % (where, rule, span))

    lines = sum(1 for _ in cases)
    clean = sum(1 for case in cases.values() if not case[3])
    print("%d sentences (%d with no label) in %d files; binary %s" % (
        lines, clean, len(files), os.path.relpath(binary, root)))
    print()
    print("| rule | labelled | reported | true pos. | false pos. | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    for rule in RULES:
        tp, fp, fn = counts[rule]
        precision = "%.2f" % (tp / (tp + fp)) if tp + fp else "–"
        recall = "%.2f" % (tp / (tp + fn)) if tp + fn else "–"
        print("| `%s` | %d | %d | %d | %d | %d | %s | %s |" % (
            rule, tp + fn, tp + fp, tp, fp, fn, precision, recall))
    if args.verbose and notes:
        print()
        for note in notes:
            print(note)
    if args.check:
        worse = []
        for rule, (least, most) in CHECKED.items():
            tp, fp, _ = counts[rule]
            if tp < least or fp > most:
                worse.append("%s: %d true and %d false positives (documented: at least %d, at most %d)"
                             % (rule, tp, fp, least, most))
        if worse:
            print()
            for line in worse:
                print("below the documented figures: " + line)
            if not args.verbose:
                for note in notes:
                    print(note)
            sys.exit(1)
        print()
        print("every rule at or above its documented figures")


if __name__ == "__main__":
    main()
