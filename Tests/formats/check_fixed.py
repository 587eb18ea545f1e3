#!/usr/bin/env python3
"""Fixes in bilingual and markup files, read back by real consumers.

Copies the files of Tests/formats/fix/ to a temporary folder, runs `termlint fix` on them
(safe fixes), and checks that
- every fixed file still parses: XLIFF with translate-toolkit and lxml, PO with polib and
  translate-toolkit, TMX and HTML with lxml, Markdown with markdown-it-py;
- every source segment, note, comment and code block is byte-for-byte what it was;
- the targets say what the fixes should make them say, and a term split by markup was
  left alone (reported, not fixed).

Usage: check_fixed.py TERMLINT_BINARY. Installs its packages with pip when missing.
Prints 'N passed, N failed' and exits 1 on any failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGES = {"translate": "translate-toolkit", "polib": "polib", "lxml": "lxml",
            "markdown_it": "markdown-it-py"}


def ensure_packages():
    missing = []
    for module, package in PACKAGES.items():
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if not missing:
        return
    base = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.call(base + missing) != 0:
        subprocess.check_call(base + ["--break-system-packages"] + missing)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    ensure_packages()
    from lxml import etree
    import polib
    from translate.storage import factory, xliff
    from markdown_it import MarkdownIt

    passed = failed = 0

    def check(condition, what):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAILED: {what}")

    with tempfile.TemporaryDirectory(prefix="termlint-fix-") as tmp:
        for name in os.listdir(os.path.join(HERE, "fix")):
            shutil.copy(os.path.join(HERE, "fix", name), tmp)
        before = {name: open(os.path.join(tmp, name), "rb").read() for name in os.listdir(tmp)}
        run = subprocess.run([binary, "fix", "--no-config", tmp], capture_output=True, text=True)
        check(run.returncode in (0, 1), f"termlint fix exit status {run.returncode}: {run.stderr}")
        after = {name: open(os.path.join(tmp, name), "rb").read() for name in os.listdir(tmp)}
        leftovers = [n for n in os.listdir(tmp) if n not in before]
        check(not leftovers, f"no temporary files left: {leftovers}")

        # XLIFF: translate-toolkit and lxml read it; sources and notes unchanged.
        path = os.path.join(tmp, "delivery.xlf")
        store = xliff.xlifffile.parsefile(path)
        units = {u.getid().split("\x04")[-1]: u for u in store.units}
        check(units["1"].source == "深入实施“八八战略”", "XLIFF source 1 unchanged")
        check(units["1"].target == "implement the “Double-Eight Strategy” in depth & with vigour",
              f"XLIFF target 1 fixed and its entity kept: {units['1'].target!r}")
        check("88th Strategy is the old MT output" in units["1"].getnotes(), "XLIFF note unchanged")
        check(units["2"].target == "Chinese modernization", f"XLIFF target 2: {units['2'].target!r}")
        check(b'Eight-<g id="1">Eight</g> Strategy' in after["delivery.xlf"],
              "XLIFF term split by an inline tag is not fixed (the tag is kept)")
        etree.parse(path)
        check(after["delivery.xlf"].count(b"&amp; with vigour") == 1, "XLIFF entity written escaped")

        # PO: polib and translate-toolkit read it; msgids and comments unchanged.
        path = os.path.join(tmp, "messages.po")
        po = polib.pofile(path)
        entries = {e.msgid: e for e in po}
        check(entries["深入实施“八八战略”"].msgstr == 'implement the "Double-Eight Strategy" in depth',
              f"PO msgstr fixed with its escaped quotes: {entries['深入实施“八八战略”'].msgstr!r}")
        check(entries["中国式现代化"].msgstr == "Chinese modernization", "PO msgstr 2 fixed")
        check(entries["八八战略"].msgstr == "the Eighth Eighth Strategy",
              "PO term split across string continuations is not fixed")
        check("fuzzy" in entries["八八战略"].flags, "PO fuzzy flag kept")
        check(b"# Translator comment: the 88th Strategy" in after["messages.po"], "PO comment unchanged")
        factory.getobject(path)

        # TMX: lxml reads it; the source tuv unchanged, the escaped text kept.
        path = os.path.join(tmp, "memory.tmx")
        tree = etree.parse(path)
        segs = [s.text for s in tree.iter("seg")]
        check(segs == ["八八战略", "the Double-Eight Strategy <draft>"], f"TMX segments: {segs}")

        # HTML: code and other languages untouched; entities kept.
        page = after["page.html"].decode()
        check("<title>The Double-Eight Strategy</title>" in page, "HTML title fixed")
        check("the Double-Eight Strategy &amp; more" in page, "HTML text fixed, entity kept")
        check("<pre>88th Strategy stays in code</pre>" in page, "HTML pre untouched")
        etree.fromstring(after["page.html"], etree.HTMLParser())

        # Markdown: front matter, URL and code block untouched.
        text = after["article.md"].decode()
        check("slug: 88th-strategy" in text, "Markdown front matter untouched")
        check("# The Double-Eight Strategy" in text, "Markdown heading fixed")
        check("implements the Double-Eight Strategy, see" in text, "Markdown paragraph fixed")
        check("(https://example.org/88th-strategy)" in text, "Markdown link destination untouched")
        check("88th Strategy in code" in text, "Markdown code block untouched")
        MarkdownIt("commonmark").parse(text)

        # A second run has nothing left to fix.
        again = subprocess.run([binary, "fix", "--no-config", tmp], capture_output=True, text=True)
        final = {name: open(os.path.join(tmp, name), "rb").read() for name in os.listdir(tmp)}
        check(final == after, "fix is idempotent")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
