#!/usr/bin/env python3
"""Checks the XML format fixtures with real consumers: lxml and translate-toolkit.

The Swift test XMLReaderTests.fixtureUnitsSnapshot stores what termlint's readers take out
of Tests/TermLintTests/Fixtures/formats/ (unit ids, sources, targets, languages, fuzzy
flags) in expected-units.json. This script reads the same fixtures with lxml (its own
extraction, written from the format specifications) and with translate-toolkit's XLIFF
1.2, XLIFF 2.0 and TMX stores, and exits 1 when either disagrees with that file, so the
fixtures are what the tests think they are.

Run from anywhere: python3 Tests/formats/check_fixtures.py
It installs lxml and translate-toolkit with pip when they are not importable: into a
virtual environment of its own (.build/check-fixtures-venv), or, where Python has no venv
module, into .build/check-fixtures-packages. Exit status: 0 when both tools agree with the
readers, 1 when not (the differences on stderr), non-zero when installing fails.
"""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "TermLintTests" / "Fixtures" / "formats"
VENV = ROOT / ".build" / "check-fixtures-venv"


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
    if os.environ.get("CHECK_FIXTURES_INSTALLED") == "1":
        sys.exit("lxml or translate-toolkit still missing after installing them")
    env = dict(os.environ, CHECK_FIXTURES_INSTALLED="1")
    python = VENV / "bin" / "python"
    try:
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(VENV)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "lxml", "translate-toolkit"],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        # No venv module (Debian without python3-venv): install beside the build instead.
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target),
             "lxml", "translate-toolkit"],
            check=True,
        )
        python = Path(sys.executable)
    sys.exit(subprocess.run([str(python), __file__], env=env).returncode)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline codes whose content is not text; wrappers (g, pc, mrk, hi) keep theirs.
XLIFF_CODES = {"ph", "bpt", "ept", "it", "x", "bx", "ex", "sub", "sc", "ec", "sm", "em", "cp"}
TMX_CODES = {"bpt", "ept", "ph", "it", "ut", "sub"}
DRAFT_STATES = {
    "new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
    "needs-review-l10n", "needs-review-translation",
}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(element, codes):
    """The element's text with the content of codes left out (their tails kept)."""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) not in codes:
            parts.append(text_of(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)


def code_texts(element, codes):
    return [
        "".join(child.itertext())
        for child in element.iter()
        if child is not element and local(child.tag) in codes and "".join(child.itertext())
    ]


def child(element, name):
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def parse(path):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser).getroot()


def lxml_xliff(path):
    root = parse(path)
    units = []
    if root.get("version", "").startswith("2"):
        source_language, target_language = root.get("srcLang"), root.get("trgLang")
        for unit in root.iter("{*}unit"):
            segments = [s for s in unit if local(s.tag) == "segment"]
            for index, segment in enumerate(segments):
                source, target = child(segment, "source"), child(segment, "target")
                uid = unit.get("id")
                if len(segments) > 1:
                    uid = "%s#%s" % (uid, segment.get("id") or index + 1)
                units.append({
                    "unit": uid,
                    "source": text_of(source, XLIFF_CODES) if source is not None else None,
                    "target": text_of(target, XLIFF_CODES).strip() and text_of(target, XLIFF_CODES)
                    if target is not None else "",
                    "language": (target.get(XML_LANG) if target is not None else None) or target_language,
                    "fuzzy": segment.get("state") == "initial",
                    "_source_language": (source.get(XML_LANG) if source is not None else None) or source_language,
                })
        return units
    for file in root.iter("{*}file"):
        for unit in file.iter("{*}trans-unit"):
            if unit.get("translate") == "no":
                continue
            source, target = child(unit, "source"), child(unit, "target")
            text = text_of(target, XLIFF_CODES) if target is not None else ""
            units.append({
                "unit": unit.get("id"),
                "source": text_of(source, XLIFF_CODES) if source is not None else None,
                "target": text if text.strip() else "",
                "language": (target.get(XML_LANG) if target is not None else None)
                or file.get("target-language"),
                "fuzzy": target is not None and target.get("state") in DRAFT_STATES,
            })
    return units


def lxml_tmx(path):
    root = parse(path)
    header = child(root, "header")
    srclang = (header.get("srclang") if header is not None else None) or "*all*"
    units = []
    for ordinal, tu in enumerate(root.iter("{*}tu"), start=1):
        variants = []
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            seg = child(tuv, "seg")
            language = tuv.get(XML_LANG) or tuv.get("lang")
            variants.append((language, text_of(seg, TMX_CODES) if seg is not None else ""))
        source_index = 0
        if srclang.lower() != "*all*":
            matches = [i for i, (lang, _) in enumerate(variants) if (lang or "").lower() == srclang.lower()]
            source_index = matches[0] if matches else None
        for index, (language, text) in enumerate(variants):
            if index == source_index:
                continue
            units.append({
                "unit": tu.get("tuid") or str(ordinal),
                "source": variants[source_index][1] if source_index is not None else None,
                "target": text if text.strip() else "",
                "language": language,
                "fuzzy": False,
            })
    return units


def without(text, pieces):
    for piece in pieces:
        text = text.replace(piece, "", 1)
    return text


def toolkit_units(name):
    """What translate-toolkit reads: (id, source, target, fuzzy) with codes' text removed."""
    from translate.storage import tmx, xliff, xliff2

    path = FIXTURES / name
    root = parse(path)
    rows = []
    if name.endswith(".tmx"):
        store = tmx.tmxfile.parsefile(str(path))
        for tu, unit in zip(root.iter("{*}tu"), store.getunits()):
            codes = code_texts(tu, TMX_CODES)
            rows.append((tu.get("tuid"), without(unit.source or "", codes), without(unit.target or "", codes)))
        return rows
    if root.get("version", "").startswith("2"):
        store = xliff2.Xliff2File.parsefile(str(path))
        for unit in store.getunits():
            rows.append((unit.getid().replace("::", "#"), unit.source, unit.target or "", unit.isfuzzy()))
        return rows
    store = xliff.xlifffile.parsefile(str(path))
    elements = {u.get("id"): u for u in root.iter("{*}trans-unit")}
    for unit in store.getunits():
        uid = unit.getid().split("\x04")[-1]
        codes = code_texts(elements[uid], XLIFF_CODES)
        rows.append((uid, without(unit.source or "", codes), without(unit.target or "", codes), unit.isfuzzy()))
    return rows


def main():
    ensure_packages()
    expected = json.loads((FIXTURES / "expected-units.json").read_text(encoding="utf-8"))
    failures = []
    for name, units in sorted(expected.items()):
        reader = lxml_tmx if name.endswith(".tmx") else lxml_xliff
        got = [{k: v for k, v in u.items() if not k.startswith("_")} for u in reader(FIXTURES / name)]
        if got != units:
            failures.append("%s: lxml reads\n  %s\nbut termlint extracted\n  %s" % (name, got, units))
        if name.endswith(".tmx"):
            # translate-toolkit names a unit without tuid by its source text.
            mine = [(u["unit"] if not u["unit"].isdigit() else None, u["source"], u["target"]) for u in units]
        else:
            mine = [(u["unit"], u["source"], u["target"], u["fuzzy"]) for u in units]
        theirs = toolkit_units(name)
        if theirs != mine:
            failures.append("%s: translate-toolkit reads\n  %s\nbut termlint extracted\n  %s" % (name, theirs, mine))
        print("%s: %d units" % (name, len(units)))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
