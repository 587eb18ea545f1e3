#!/usr/bin/env python3
"""Browser test of `termlint --format html`.

Usage: python3 Tests/report/test_report.py TERMLINT_BINARY [--screenshot PATH]

Writes a folder of plain-text files (variants, an inconsistency, a name no glossary knows,
markup-like text, a clean file), makes the HTML report and the JSON report of it, opens the
page in Debian's Chromium with Playwright and checks: the page is valid HTML5 (html5lib,
strict); no console error, page error or dialog; no network request at all; the
term-consistency table has exactly the rows and counts that the JSON report implies; file
text shows as text; the rule, file and severity filters and the count work and reset
restores. Prints `N passed, N failed`; exits 1 on a failure.

Installs what it needs: `playwright` and `html5lib` from PyPI with pip, and `chromium` with
apt-get (never `playwright install`, which downloads a browser).
"""

import argparse
import importlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"


def ensure_python(module, package):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", package], check=True)
        importlib.invalidate_caches()
        return importlib.import_module(module)


def ensure_cjk_font():
    """For a legible screenshot: a font with Chinese characters (best effort)."""
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "fonts-wqy-zenhei"],
                   env=env, capture_output=True)


def ensure_chromium():
    if os.path.exists(CHROMIUM):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(install, env=env, check=True)


FILES = {
    "policy/zhejiang.txt": (
        "In 2003 the province adopted the Eight-Eight Strategy. Later reports call it the "
        "88th Strategy, while official English writes the Double-Eight Strategy.\n"
        "The Ten Special Actions began in spring; the 10 special actions ended in autumn.\n"
    ),
    "policy/belt.md": (
        "# Notes\n\n"
        "We follow the Double-Eight Strategy and the Belt and Road Initiative.\n\n"
        "Some sources still write One Belt One Road, and one says Eighth Eighth Strategy.\n"
    ),
    "markup <tag> & \"quotes\".txt": (
        "A line with </script><script>alert(1)</script> & \"quotes\" and the "
        "88th Strategy <img src=x onerror=alert(2)>.\n"
    ),
    "clean.txt": "Nothing to report in this file.\n",
}


def quoted(text):
    """termlint's `quoted`: line breaks and tabs as one space, curly quotes unless the text
    carries its own."""
    out = []
    last_space = False
    for ch in text:
        if ch in "\n\r\t\v\f\x85\u2028\u2029":
            if not last_space:
                out.append(" ")
            last_space = True
        else:
            out.append(ch)
            last_space = ch == " "
    result = "".join(out)
    if len(result) > 1 and result[0] in "“\"‘'「『«" and result[-1] in "”\"’'」』»":
        return result
    return "“" + result + "”"


REASONS = [", the preferred form", ", the most used", ", the first of the most used"]


def kept_label(verdict):
    body = verdict
    suffix = " (no authoritative English rendering exists)"
    if body.endswith(suffix):
        body = body[: -len(suffix)]
    reason = next((r for r in REASONS if body.endswith(r)), None)
    if reason is None:
        return None
    body = body[: -len(reason)]
    marker = "; keep "
    starts = []
    index = body.find(marker)
    while index >= 0:
        starts.append(index + len(marker))
        index = body.find(marker, index + 1)
    for start in reversed(starts):
        if body[start:start + 1] and body[start] in "“\"‘'「『«":
            return body[start:]
    return body[starts[-1]:] if starts else None


def expected_table(diagnostics):
    """(concept key, rendering label) -> number of places, from the JSON report."""
    places = {}
    for d in diagnostics:
        notes = d.get("notes", [])
        verdict = d["message"] if d["rule"] == "inconsistent" else next(
            (n["message"] for n in notes if n["rule"] == "inconsistent"), None)
        if d["term"] is not None:
            if d["rule"] == "missing-term":
                continue
            key = "term:" + d["term"]["id"]
        elif verdict is not None:
            kept = kept_label(verdict)
            key = "name:" + (kept if kept is not None else quoted(d["matched"]))
        else:
            continue
        renderings = [(quoted(d["matched"]), d["path"], d["offset"])]
        for n in notes:
            if n["rule"] is None and n["offset"] is not None and n["message"].startswith(
                    "also written "):
                renderings.append((n["message"][len("also written "):], n["path"], n["offset"]))
        for label, path, offset in renderings:
            places.setdefault((key, label), set()).add((path, offset))
    return {row: len(found) for row, found in places.items()}


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
            print(f"FAIL {name} {detail}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("termlint")
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    termlint = os.path.abspath(args.termlint)

    html5lib = ensure_python("html5lib", "html5lib")
    ensure_python("playwright", "playwright")
    ensure_chromium()
    if args.screenshot:
        ensure_cjk_font()
    from playwright.sync_api import sync_playwright

    checks = Checks()
    work = tempfile.mkdtemp(prefix="termlint-report-")
    try:
        for name, text in FILES.items():
            path = pathlib.Path(work, "docs", name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

        def run(fmt):
            done = subprocess.run(
                [termlint, "--format", fmt, "docs"], cwd=work, capture_output=True)
            checks.check(f"termlint --format {fmt} exits 0 or 1", done.returncode in (0, 1),
                         done.stderr.decode(errors="replace"))
            return done.stdout

        report = json.loads(run("json"))
        page_bytes = run("html")
        page_path = pathlib.Path(work, "report.html")
        page_path.write_bytes(page_bytes)
        checks.check("the same input gives the same bytes", run("html") == page_bytes)
        diagnostics = report["diagnostics"]
        checks.check("the fixture has findings of several rules",
                     len({d["rule"] for d in diagnostics}) >= 2, str(diagnostics))

        try:
            html5lib.HTMLParser(strict=True).parse(page_bytes)
            valid, detail = True, ""
        except Exception as error:  # html5lib raises ParseError with the position
            valid, detail = False, str(error)
        checks.check("the page is valid HTML5 (html5lib, strict)", valid, detail)

        url = page_path.as_uri()
        problems = []
        requests = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and problems.append("console: " + m.text))
            page.on("pageerror", lambda e: problems.append("page error: " + str(e)))
            page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
            page.on("request", lambda r: r.url != url and requests.append(r.url))

            def route(r):
                if r.request.url == url:
                    r.continue_()
                else:
                    requests.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(url)
            try:
                page.wait_for_selector("#finding-count", timeout=10000)
            except Exception as error:
                checks.check("the page's script draws the report", False, str(error).split("\n")[0])
                checks.check("no console error, page error or dialog", not problems, str(problems))
                print(f"{checks.passed} passed, {checks.failed} failed")
                return 1
            if args.screenshot:
                page.screenshot(path=args.screenshot, full_page=True)

            # The table.
            rows = page.eval_on_selector_all(
                "#consistency tr[data-concept]",
                "rows => rows.map(r => [r.dataset.concept, r.dataset.rendering,"
                " Number(r.querySelector('.count').textContent)])")
            shown = {(c, r): n for c, r, n in rows}
            expected = expected_table(diagnostics)
            checks.check("no table row is repeated", len(shown) == len(rows), str(rows))
            checks.check("the table's rows and counts equal the JSON report's", shown == expected,
                         f"\n  page: {sorted(shown.items())}\n  json: {sorted(expected.items())}")
            checks.check("the table shows the preferred form that appears only in notes",
                         ("term:double-eight-strategy", "“Double-Eight Strategy”") in shown)
            checks.check("the table has a group for a name no glossary knows",
                         any(c.startswith("name:") for c, _ in shown))
            links = page.eval_on_selector_all(
                "#consistency a", "links => links.map(a => a.getAttribute('href'))")
            targets = page.eval_on_selector_all("article.finding", "a => a.map(x => '#' + x.id)")
            checks.check("every table link points to a finding",
                         links and all(link in targets for link in links), str(links))

            # Findings and file text.
            total = len(diagnostics)
            checks.check("every finding is shown", len(targets) == total, f"{len(targets)} != {total}")
            marks = page.eval_on_selector_all("article.finding mark", "m => m.map(x => x.textContent)")
            checks.check("each excerpt highlights the matched text",
                         marks == [d["matched"].split("\n")[0] for d in diagnostics], str(marks))
            text = page.inner_text("#findings")
            checks.check("file text is shown as text, not markup",
                         "</script><script>alert(1)</script>" in text and "<img src=x" in text
                         and page.locator("#findings img, #findings script").count() == 0)

            def visible():
                return page.eval_on_selector_all(
                    "article.finding", "a => a.filter(x => !x.hidden && x.offsetParent !== null)"
                    ".map(x => [x.dataset.rule, x.dataset.path, x.dataset.severity])")

            count = lambda: page.inner_text("#finding-count")
            checks.check("the count starts with all findings",
                         count() == f"Showing all {total} findings", count())

            # Filters.
            by_rule = {}
            for d in diagnostics:
                by_rule.setdefault(d["rule"], []).append(d)
            rule = min(by_rule, key=lambda r: (len(by_rule[r]), r))
            page.select_option("#filter-rule", rule)
            now = visible()
            checks.check(f"rule filter ({rule}) shows only that rule's findings",
                         len(now) == len(by_rule[rule]) and all(r == rule for r, _, _ in now),
                         str(now))
            checks.check("the count follows the rule filter",
                         count() == f"Showing {len(by_rule[rule])} of {total} findings", count())
            page.click("#filter-reset")
            checks.check("reset shows every finding again",
                         len(visible()) == total and count() == f"Showing all {total} findings",
                         count())

            path = sorted({d["path"] for d in diagnostics})[0]
            page.select_option("#filter-file", path)
            now = visible()
            want = [d for d in diagnostics if d["path"] == path]
            checks.check("file filter shows only that file's findings",
                         len(now) == len(want) and all(p == path for _, p, _ in now), str(now))
            page.click("#filter-reset")

            severity = sorted({d["severity"] for d in diagnostics})[0]
            page.select_option("#filter-severity", severity)
            want = [d for d in diagnostics if d["severity"] == severity]
            checks.check("severity filter shows only that severity",
                         len(visible()) == len(want), count())
            page.click("#filter-reset")

            # A link in the table to a finding the filters hide shows it again.
            page.select_option("#filter-rule", rule)
            hidden = [link for link in links
                      if page.get_attribute(link, "data-rule") != rule]
            if hidden:
                page.click(f"#consistency a[href='{hidden[0]}']")
            checks.check("a table link to a hidden finding clears the filters and goes there",
                         hidden and len(visible()) == total
                         and page.evaluate("location.hash") == hidden[0], count())
            page.click("#filter-reset")
            browser.close()

        checks.check("no console error, page error or dialog", not problems, str(problems))
        checks.check("no network request", not requests, str(requests))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
