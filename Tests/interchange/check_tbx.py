#!/usr/bin/env python3
"""Checks `termlint glossary export` with real consumers: lxml and translate-toolkit.

Usage: python3 Tests/interchange/check_tbx.py TERMLINT_BINARY

Exports the bundled dictionaries to TBX (and CSV) with the given termlint binary and reads
them back with other people's parsers:
- lxml: the TBX is well-formed XML, a TBX-Basic `martif` with one `termEntry` per concept,
  unique ids, statuses from the TBX-Basic picklist;
- translate-toolkit (`translate.storage.tbx`): as many units as concepts, and known concepts
  with their terms and statuses (八八战略 → Double-Eight Strategy, preferred; Eight-Eight
  Strategy, deprecated);
- Python's csv module: the CSV export has the documented columns and a row per concept;
- termlint itself: `glossary import` reads the TBX back into a glossary that
  `glossary check` passes.

It installs lxml and translate-toolkit with pip when they are not importable: into the
virtual environment Tests/formats/check_fixtures.py uses (.build/check-fixtures-venv, the
same two packages), or, where Python has no venv module, into
.build/check-fixtures-packages. Prints one line per check and "N passed, N failed".
Exit status: 0 when every check passes, 1 when one fails, non-zero when installing fails.
"""

import csv
import io
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".build" / "check-fixtures-venv"
CONCEPTS = 400
STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def ensure_packages():
    target = ROOT / ".build" / "check-fixtures-packages"
    if target.exists():
        sys.path.insert(0, str(target))
    try:
        import lxml  # noqa: F401
        import translate  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("CHECK_TBX_INSTALLED") == "1":
        sys.exit("lxml or translate-toolkit still missing after installing them")
    env = dict(os.environ, CHECK_TBX_INSTALLED="1")
    python = VENV / "bin" / "python"
    try:
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(VENV)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "lxml", "translate-toolkit"],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target),
             "lxml", "translate-toolkit"],
            check=True,
        )
        python = Path(sys.executable)
    sys.exit(subprocess.run([str(python), __file__, *sys.argv[1:]], env=env).returncode)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))
        return condition


def run(binary, *arguments):
    return subprocess.run([binary, *arguments], capture_output=True)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_tbx.py TERMLINT_BINARY")
    binary = sys.argv[1]
    ensure_packages()
    from lxml import etree
    from translate.storage import tbx

    checks = Checks()
    with tempfile.TemporaryDirectory() as folder:
        tbx_path = Path(folder) / "bundled.tbx"
        exported = run(binary, "glossary", "export", "--to", "tbx", "-o", str(tbx_path))
        if not checks.check("export --to tbx exits 0", exported.returncode == 0,
                            exported.stderr.decode(errors="replace")):
            return finish(checks)
        data = tbx_path.read_bytes()
        stdout = run(binary, "glossary", "export", "--to", "tbx").stdout
        checks.check("-o writes what standard output gets", stdout == data)

        # lxml: well-formed, TBX-Basic shape.
        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as error:
            checks.check("lxml parses the TBX (well-formed)", False, str(error))
            return finish(checks)
        checks.check("lxml parses the TBX (well-formed)", True)
        checks.check("root is martif type=TBX-Basic xml:lang=en",
                     root.tag == "martif" and root.get("type") == "TBX-Basic"
                     and root.get(XML_LANG) == "en")
        entries = root.findall("./text/body/termEntry")
        checks.check(f"{CONCEPTS} termEntry elements", len(entries) == CONCEPTS, str(len(entries)))
        ids = [entry.get("id") for entry in entries]
        checks.check("every termEntry has a unique id",
                     all(ids) and len(set(ids)) == len(ids))
        statuses = {note.text for note in root.iter("termNote")
                    if note.get("type") == "administrativeStatus"}
        checks.check("statuses are TBX-Basic picklist values", statuses <= STATUSES, str(statuses))
        english = [entry.xpath("./langSet[@xml:lang='en']") for entry in entries]
        checks.check("every concept has an English langSet", all(len(e) == 1 for e in english))

        # translate-toolkit: units, terms and statuses.
        store = tbx.tbxfile.parsestring(data, sourcelanguage="zh", targetlanguage="en")
        checks.check(f"translate-toolkit reads {CONCEPTS} units", len(store.units) == CONCEPTS,
                     str(len(store.units)))
        units = {unit.getid(): unit for unit in store.units}
        eight = units.get("double-eight-strategy")
        if checks.check("unit double-eight-strategy exists", eight is not None):
            checks.check("八八战略 → Double-Eight Strategy",
                         eight.source == "八八战略" and eight.target == "Double-Eight Strategy",
                         f"{eight.source!r} → {eight.target!r}")
            terms = {term.text: term for term in eight.get_target_terms()}
            preferred = terms.get("Double-Eight Strategy")
            checks.check("Double-Eight Strategy is preferredTerm-admn-sts",
                         preferred is not None
                         and preferred.administrative_status == "preferredTerm-admn-sts")
            variant = terms.get("Eight-Eight Strategy")
            checks.check("Eight-Eight Strategy is deprecated", variant is not None
                         and variant.deprecated)
            checks.check("the concept's note is a note", "Double-Eight" in eight.getnotes())
        congress = units.get("20th-cpc-national-congress")
        if checks.check("unit 20th-cpc-national-congress exists", congress is not None):
            sources = [term.text for term in congress.get_source_terms()]
            checks.check("its source forms are zh terms, the source term first",
                         sources[:2] == ["中国共产党第二十次全国代表大会", "党的二十大"], str(sources))
        belt = units.get("belt-and-road-initiative")
        if checks.check("unit belt-and-road-initiative exists", belt is not None):
            sources = [term.text for term in belt.get_source_terms()]
            checks.check("一带一路 → Belt and Road Initiative",
                         "一带一路" in sources and belt.target == "Belt and Road Initiative",
                         f"{sources!r} → {belt.target!r}")

        # CSV: the documented columns, a row per concept (`contained_in` last, because bundled
        # concepts list longer names).
        exported = run(binary, "glossary", "export", "--to", "csv")
        rows = list(csv.reader(io.StringIO(exported.stdout.decode("utf-8"), newline="")))
        checks.check("CSV header", rows and rows[0] == [
            "id", "source", "preferred", "accepted", "variants", "note", "reference",
            "contained_in"], str(rows[0] if rows else None))
        row = next((r for r in rows if r and r[0] == "peoples-congress"), None)
        checks.check("CSV contained_in of people's congress",
                     row is not None and "Jiaxing Municipal People's Congress" in row[7].split("|"),
                     str(row))
        checks.check(f"CSV has {CONCEPTS} rows", len(rows) == CONCEPTS + 1, str(len(rows) - 1))
        row = next((r for r in rows if r and r[0] == "double-eight-strategy"), None)
        checks.check("CSV row 八八战略 → Double-Eight Strategy",
                     row is not None and row[1] == "八八战略" and row[2] == "Double-Eight Strategy"
                     and "Eight-Eight Strategy" in row[4].split("|"), str(row))

        # termlint reads its own export back into a glossary that passes the check.
        yaml_path = Path(folder) / "imported.yml"
        imported = run(binary, "glossary", "import", str(tbx_path), "-o", str(yaml_path))
        checks.check("glossary import reads the TBX back", imported.returncode == 0,
                     imported.stderr.decode(errors="replace"))
        checked = run(binary, "glossary", "check", str(yaml_path))
        checks.check("the imported glossary passes glossary check", checked.returncode == 0,
                     checked.stdout.decode(errors="replace")[-2000:])
    return finish(checks)


def finish(checks):
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
