#!/usr/bin/env python3
"""Differential test of termlint's Markdown reader against markdown-it-py.

Usage: differential.py TERMLINT_BINARY [CORPUS_DIR]

For every .md file of the corpus (default: corpus/ beside this script) it runs
`termlint extract --json` and parses the file with markdown-it-py (CommonMark, GFM tables,
strikethrough, linkify; front_matter plugin when mdit-py-plugins is available). For each
paragraph, heading and table row markdown-it produces, it takes the plain text of the inline
tokens (text, decoded entities and escapes, soft and hard breaks as line breaks, image alt
text; code spans, autolinks and linkified bare URLs as a space, link destinations and HTML
tags left out) and compares it, whitespace collapsed, with the text of termlint's segments
that start on the same line (table cells of one row joined by a space). The lines must agree
too: a block's first line, and its last (markdown-it's `map`; for a setext heading, the line
before the underline).

Installs what it needs with pip. Exit status 0 when everything agrees, 1 on a mismatch,
2 on a usage or tool error.
"""

import importlib
import json
import pathlib
import re
import subprocess
import sys

# Known, deliberate differences: (file name, 1-based line) -> why.
ALLOWED = {
}


def ensure(package, module):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", package], check=True
        )
        return importlib.import_module(module)


def make_parser():
    """markdown-it for documents without and with YAML front matter (the front_matter plugin
    is used only for a document that starts with `---`: on others it can misfire, taking a
    `---` inside a list item on the first line for front matter)."""
    # linkify-it-py first: markdown_it looks for it once, when it is first imported, and
    # without it every document with a URL fails ("Linkify enabled but not installed").
    ensure("linkify-it-py", "linkify_it")
    ensure("markdown-it-py", "markdown_it")
    import markdown_it.main

    if markdown_it.main.linkify_it is None:
        importlib.reload(markdown_it.main)
    from markdown_it import MarkdownIt

    def base():
        return MarkdownIt("commonmark", {"linkify": True}).enable(
            ["table", "strikethrough", "linkify"]
        )

    plain_parser = base()
    front_matter_parser = None
    try:
        ensure("mdit-py-plugins", "mdit_py_plugins")
        from mdit_py_plugins.front_matter import front_matter_plugin

        front_matter_parser = base().use(front_matter_plugin)
    except Exception:  # the plugin is optional: front matter is blanked out instead
        pass
    return plain_parser, front_matter_parser


def blank_front_matter(source, yaml_too):
    """Blank out +++ (TOML) front matter, and --- (YAML) too without the plugin, keeping
    the line count so that line maps still agree."""
    lines = source.split("\n")
    if not lines:
        return source
    fences = {"+++": ("+++",)}
    if yaml_too:
        fences["---"] = ("---", "...")
    opening = lines[0].rstrip()
    if opening.startswith("\ufeff"):
        opening = opening[1:]
    if opening not in fences:
        return source
    for number in range(1, len(lines)):
        if lines[number].rstrip() in fences[opening]:
            return "\n".join([""] * (number + 1) + lines[number + 1 :])
    return source


def plain(children):
    out = []
    skipping = 0
    for token in children or []:
        kind = token.type
        if kind == "link_open" and token.markup in ("autolink", "linkify"):
            skipping += 1
            out.append(" ")
            continue
        if kind == "link_close" and token.markup in ("autolink", "linkify"):
            skipping -= 1
            continue
        if skipping:
            continue
        if kind in ("text", "text_special"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "code_inline":
            out.append(" ")
        elif kind == "image":
            out.append(plain(token.children))
    return "".join(out)


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def reference_blocks(md, source):
    """{first line: (last line, text)} of markdown-it's prose blocks (1-based lines)."""
    tokens = md.parse(source)
    blocks = {}
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        parent = tokens[index - 1]
        if parent.type in ("paragraph_open", "heading_open"):
            first, end = parent.map
            last = end
            if parent.type == "heading_open" and parent.markup in ("=", "-"):
                last = end - 1
        elif parent.type in ("th_open", "td_open"):
            first, end = token.map
            last = end
        else:
            continue
        text = plain(token.children)
        line = first + 1
        if line in blocks:
            previous_last, previous_text = blocks[line]
            blocks[line] = (max(previous_last, last), previous_text + " " + text)
        else:
            blocks[line] = (last, text)
    return blocks


def termlint_blocks(binary, path):
    run = subprocess.run(
        [binary, "extract", "--json", str(path)], capture_output=True, text=True
    )
    if run.returncode != 0:
        raise RuntimeError(f"termlint extract {path} exited {run.returncode}: {run.stderr}")
    data = json.loads(run.stdout)
    blocks = {}
    for segment in data["files"][0]["segments"]:
        first = segment["range"]["start"]["line"]
        last = segment["range"]["end"]["line"]
        if first in blocks:
            previous_last, previous_text = blocks[first]
            blocks[first] = (max(previous_last, last), previous_text + " " + segment["text"])
        else:
            blocks[first] = (last, segment["text"])
    return blocks


def compare(name, expected, actual):
    problems = []
    for line in sorted(set(expected) | set(actual)):
        want = expected.get(line)
        got = actual.get(line)
        want_text = collapse(want[1]) if want else ""
        got_text = collapse(got[1]) if got else ""
        if not want_text and not got_text:
            continue
        if (name, line) in ALLOWED:
            continue
        if want_text != got_text:
            problems.append(
                f"  line {line}: text differs\n    markdown-it: {want_text!r}\n"
                f"    termlint:    {got_text!r}"
            )
        elif want[0] != got[0]:
            problems.append(
                f"  line {line}: last line differs: markdown-it {want[0]}, termlint {got[0]}"
            )
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = sys.argv[1]
    corpus = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else (
        pathlib.Path(__file__).resolve().parent / "corpus"
    )
    plain_parser, front_matter_parser = make_parser()
    files = sorted(corpus.glob("*.md"))
    if not files:
        print(f"no .md files in {corpus}", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in files:
        source = path.read_text(encoding="utf-8")
        source = blank_front_matter(source, yaml_too=front_matter_parser is None)
        md = plain_parser
        if front_matter_parser and source.lstrip("\ufeff").split("\n", 1)[0].rstrip() == "---":
            md = front_matter_parser
        try:
            actual = termlint_blocks(binary, path)
        except RuntimeError as error:
            print(f"FAIL {path.name}: {error}")
            failed += 1
            continue
        expected = reference_blocks(md, source)
        problems = compare(path.name, expected, actual)
        if problems:
            failed += 1
            print(f"FAIL {path.name}")
            print("\n".join(problems))
        else:
            passed += 1
            print(f"ok   {path.name} ({len(expected)} blocks)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
