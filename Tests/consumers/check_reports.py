#!/usr/bin/env python3
"""termlint's SARIF and JUnit reports read by real consumers: sarif-tools and junitparser.

Usage: check_reports.py TERMLINT_BINARY. Installs sarif-tools and junitparser with pip when
missing. Lints a temporary folder (two variants, an inconsistency merged into them, a
clean file), then checks that
- sarif-tools loads the SARIF log, counts the same results as the JSON report, reads each
  result's rule, level, location and related locations, and its `summary` command runs;
- junitparser reads the JUnit XML: one suite, a failed case per finding, a passing case
  for the clean file, the totals in the suite's attributes.
Prints 'N passed, N failed' and exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile


def ensure(packages):
    missing = []
    for module, package in packages.items():
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    if missing:
        base = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if subprocess.call(base + missing) != 0:
            subprocess.check_call(base + ["--break-system-packages"] + missing)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    ensure({"sarif": "sarif-tools", "junitparser": "junitparser"})
    from sarif import loader
    from junitparser import JUnitXml

    passed = failed = 0

    def check(condition, what):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAILED: {what}")

    with tempfile.TemporaryDirectory(prefix="termlint-reports-") as tmp:
        with open(os.path.join(tmp, "a.txt"), "w", encoding="utf-8") as f:
            f.write("the 88th Strategy and the Eighth Eighth Strategy\n")
        with open(os.path.join(tmp, "b.txt"), "w", encoding="utf-8") as f:
            f.write("clean text\n")

        def report(fmt):
            run = subprocess.run(
                [binary, "--no-config", "--format", fmt, "a.txt", "b.txt"],
                cwd=tmp, capture_output=True, text=True)
            check(run.returncode == 1, f"{fmt}: exit status 1 (findings), got {run.returncode}")
            return run.stdout

        findings = json.loads(report("json"))["diagnostics"]
        sarif_path = os.path.join(tmp, "r.sarif")
        with open(sarif_path, "w", encoding="utf-8") as f:
            f.write(report("sarif"))
        log = loader.load_sarif_file(sarif_path)
        check(log.get_result_count() == len(findings),
              f"sarif-tools counts {log.get_result_count()} results, JSON has {len(findings)}")
        results = log.get_results()
        check([r["ruleId"] for r in results] == [d["rule"] for d in findings], "rule ids")
        check(all(r["level"] == "warning" for r in results), "levels")
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
        check([(g["startLine"], g["startColumn"]) for g in regions]
              == [(d["line"], d["column"]) for d in findings], "locations")
        check(all(len(r.get("relatedLocations", [])) == len(d.get("notes", []))
                  for r, d in zip(results, findings)), "related locations = JSON notes")
        check(bool(log.get_rules_by_id("variant")), "sarif-tools finds the rule by id")
        summary = subprocess.run(["sarif", "summary", sarif_path], capture_output=True, text=True)
        check(summary.returncode == 0 and f"warning: {len(findings)}" in summary.stdout,
              f"sarif summary: {summary.stdout.strip()[:200]} {summary.stderr.strip()[:200]}")

        junit_path = os.path.join(tmp, "r.xml")
        with open(junit_path, "w", encoding="utf-8") as f:
            f.write(report("junit"))
        xml = JUnitXml.fromfile(junit_path)
        suites = list(xml) if hasattr(xml, "__iter__") else [xml]
        check(len(suites) >= 1, "junit: a suite")
        cases = [case for suite in suites for case in suite]
        failures = [c for c in cases if any(r.__class__.__name__ == "Failure" for r in c.result)]
        check(len(failures) == len(findings), f"junit: {len(failures)} failed cases")
        check(len(cases) - len(failures) == 1, "junit: one passing case for the clean file")
        check(sum(s.failures for s in suites) == len(findings), "junit: failures attribute")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
