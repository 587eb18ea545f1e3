#!/usr/bin/env python3
"""termlint benchmark: throughput by glossary size, side by side with GNU grep -F -i.

Generates a deterministic corpus (mostly English with curly quotes, dashes, non-breaking
spaces and a little CJK) and glossaries of N multi-word terms with 3 variants each, from a
fixed seed; runs termlint (release build) and GNU grep -F -i (C locale) on the same variant
list; prints MB/s, the termlint/grep ratio, the 10,000/100 cost ratio and peak memory.

Usage: bench/bench.py [--mb 100] [--terms 100,1000,10000] [--runs 3] [--binary PATH]
                      [--files-mb 200] [--big-mb 0] [--startup-runs 20] [--many-mb 0]
                      [--profile standard|real] [--rule-shares] [--no-cache]
Build first: swift build -c release

--profile real: text as translated from Chinese (40 % of lines with curly quotes, dashes,
no-break spaces or full-width characters) and a number-heavy glossary of about 3.9 forms per
concept (bench/real_profile.py); it also reports how many planted variants were found.
--rule-shares: with the largest glossary, each default rule switched off in turn (through a
.lint.yml), and the share of the whole run it costs. User glossaries are compiled once into
termlint's cache (a folder of the run's own): 'load ms' is the cached load, 'cold load ms'
the first run that compiles it; --no-cache passes --no-cache to every run.

Also measures: start-up on one small file with the bundled dictionaries (mean of
--startup-runs); a corpus of 50 KB files (--files-mb in all, cut from the corpus at line
ends) on one core (taskset -c 0) and on every core, with the output checked to be
byte-identical, and its peak memory with the bundled dictionaries and with the largest
glossary; and one file of --big-mb (the corpus repeated), linted in sections, for its peak
memory.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

WORDS = (
    "the of and to in a is that for on with as by at from this be are was it an which or "
    "government development province city county reform policy economy district committee "
    "meeting report work people national local new high quality innovation private sector "
    "enterprise industry service construction project plan village rural urban modern system "
    "implementation cooperation investment market growth support study session conference "
    "municipal party leadership officials cadres education culture health science technology"
).split()
PUNCT = [",", ",", ".", ";", " —", ":"]


def make_terms(count, rng):
    """Distinct multi-word terms: two or three capitalised pseudo-words plus a head noun."""
    heads = ["Strategy", "Initiative", "Program", "Plan", "Campaign", "Action", "Zone", "Project"]
    seen = set()
    terms = []
    while len(terms) < count:
        n = rng.choice([2, 2, 3])
        words = ["".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(rng.choice([2, 3]))).capitalize() for _ in range(n)]
        preferred = " ".join(words + [rng.choice(heads)])
        if preferred.lower() in seen:
            continue
        seen.add(preferred.lower())
        variants = [
            preferred.replace(" ", "-", 1),
            " ".join(words[::-1] + [preferred.split()[-1]]),
            "The " + " ".join(words) + " " + rng.choice(heads) + " Work",
        ]
        terms.append((preferred, variants))
    return terms


def write_glossary(path, terms):
    with open(path, "w", encoding="utf-8") as f:
        f.write("name: bench\nterms:\n")
        for i, (preferred, variants) in enumerate(terms):
            f.write(f"  - id: t{i}\n    preferred: \"{preferred}\"\n    variants:\n")
            for v in variants:
                f.write(f"      - \"{v}\"\n")


def make_corpus(path, megabytes, terms, rng):
    """Sentences of common words; about one term mention (half of them variants) per 4 KB."""
    target = megabytes * 1_000_000
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            parts = []
            for _ in range(rng.randint(8, 24)):
                # No word twice in a row: real text has no "the the" every few lines, and
                # `repeated-word` would turn the corpus into a many-findings profile.
                word = rng.choice(WORDS)
                while parts and word == parts[-1].rstrip(",.;:— "):
                    word = rng.choice(WORDS)
                parts.append(word)
                if rng.random() < 0.06:
                    parts[-1] += rng.choice(PUNCT)
            sentence = " ".join(parts).capitalize()
            r = rng.random()
            if r < 0.03:
                preferred, variants = rng.choice(terms)
                mention = rng.choice(variants) if rng.random() < 0.5 else preferred
                sentence += f" the “{mention}”"
            elif r < 0.05:
                sentence += " (嘉兴市)"
            elif r < 0.10:
                sentence += " – it’s\u00a0noted"
            line = sentence + ".\n"
            f.write(line)
            written += len(line.encode("utf-8"))
    return written


TIME = "/usr/bin/time"
# CPU seconds (user + system, the command and its children) of the last `run` and the
# least of the last `best`: on a shared machine they vary far less than wall time.
LAST_CPU = [0.0]
BEST_CPU = [0.0]


def run(command, env=None, out=None):
    """Wall time and the command's peak RSS (MB).

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`), not from wait4: a child forked from
    this Python process starts with its memory, so its ru_maxrss would count this process's
    corpus buffers. Output goes to a real file, not /dev/null: GNU grep notices /dev/null and
    stops at the first match, which would not be a fair comparison."""
    with tempfile.NamedTemporaryFile() as measured:
        wrapped = [TIME, "-f", "%M", "-o", measured.name] + command if os.path.exists(TIME) else command
        start = time.perf_counter()
        sink = open(out, "wb") if out else tempfile.TemporaryFile()
        process = subprocess.Popen(wrapped, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        LAST_CPU[0] = usage.ru_utime + usage.ru_stime
        sink.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{command[0]} failed with exit status {code}: {' '.join(command)}")
        if wrapped is command:
            return elapsed, usage.ru_maxrss / 1024
        with open(measured.name) as f:
            return elapsed, int(f.read().split()[-1]) / 1024


def best(command, runs, env=None):
    times = []
    cpus = []
    for _ in range(runs):
        times.append(run(command, env))
        cpus.append(LAST_CPU[0])
    BEST_CPU[0] = min(cpus)
    return min(t[0] for t in times), max(t[1] for t in times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--terms", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files-mb", type=int, default=200)
    parser.add_argument("--big-mb", type=int, default=0)
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--many-mb", type=int, default=0,
                        help="many-findings profile: a file of this size with a listed variant every 50 bytes, as lines and as one line")
    parser.add_argument("--profile", choices=["standard", "real"], default="standard")
    parser.add_argument("--rule-shares", action="store_true",
                        help="time the largest glossary with each default rule off in turn")
    parser.add_argument("--no-cache", action="store_true", help="run termlint with --no-cache")
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "termlint"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.path.exists(binary):
        sys.exit(f"no binary at {binary}: run 'swift build -c release' first")
    sizes = [int(s) for s in args.terms.split(",")]
    rng = random.Random(20261124)
    real = args.profile == "real"
    if real:
        import real_profile
        all_terms = real_profile.make_terms(max(sizes), rng)
    else:
        all_terms = make_terms(max(sizes), rng)
    with tempfile.TemporaryDirectory(prefix="termlint-bench-") as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        planted = None
        if real:
            size, planted = real_profile.make_corpus(corpus, args.mb, all_terms[: min(sizes)], rng)
        else:
            size = make_corpus(corpus, args.mb, all_terms[: min(sizes)], rng)
        mb = size / 1_000_000
        # termlint's glossary cache lives in the run's own folder: the first run of each
        # glossary compiles it ('cold load'), the timed runs read it.
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        cache_flag = ["--no-cache"] if args.no_cache else []
        print(f"profile: {args.profile}; corpus: {mb:.1f} MB, one file; best of {args.runs} runs; machine: {os.cpu_count()} cores")
        print("termlint MB/s counts the whole run; 'matching MB/s' subtracts the run on an empty file")
        print("(start-up and glossary loading), which is reported as 'load ms'.")
        print("CPU columns: user + system seconds of the process (less noisy on a shared machine).")
        print(f"{'terms':>6} {'forms':>6} {'termlint MB/s':>14} {'CPU MB/s':>9} {'matching MB/s':>14} {'load ms':>8} {'load CPU ms':>12} {'cold load ms':>13} {'grep -F -i MB/s':>16} {'grep CPU MB/s':>14} {'ratio':>6} {'CPU ratio':>10} {'termlint RSS MB':>16} {'grep RSS MB':>12}")
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "w").close()
        rows = []
        for n in sizes:
            glossary = os.path.join(tmp, f"g{n}.yml")
            patterns = os.path.join(tmp, f"p{n}.txt")
            if real:
                real_profile.write_glossary(glossary, all_terms[:n])
                real_profile.write_patterns(patterns, all_terms[:n])
                forms = real_profile.form_count(all_terms[:n])
            else:
                write_glossary(glossary, all_terms[:n])
                with open(patterns, "w", encoding="utf-8") as f:
                    for preferred, variants in all_terms[:n]:
                        f.write(preferred + "\n")
                        for v in variants:
                            f.write(v + "\n")
                forms = 4 * n
            base = [binary, "--no-config", "--no-builtin", "--glossary", glossary, "--format", "json", "--fail-on", "never"] + cache_flag
            cold, _ = run(base + [empty])
            t, rss = best(base + [corpus], args.runs)
            cpu = BEST_CPU[0]
            load, _ = best(base + [empty], args.runs)
            load_cpu = BEST_CPU[0]
            matching = max(t - load, 1e-9)
            env = dict(os.environ, LC_ALL="C")
            g, grss = best(["grep", "-F", "-i", "-o", "-f", patterns, corpus], args.runs, env)
            gcpu = max(BEST_CPU[0], 1e-9)
            rows.append((n, t, matching, cpu))
            print(f"{n:>6} {forms:>6} {mb / t:>14.1f} {mb / max(cpu, 1e-9):>9.1f} {mb / matching:>14.1f} {load * 1000:>8.0f} {load_cpu * 1000:>12.0f} {cold * 1000:>13.0f} {mb / g:>16.1f} {mb / gcpu:>14.1f} {g / t:>6.2f} {gcpu / max(cpu, 1e-9):>10.2f} {rss:>16.1f} {grss:>12.1f}")
        if len(rows) > 1:
            print(f"cost of {rows[-1][0]} terms / {rows[0][0]} terms: whole run {rows[-1][1] / rows[0][1]:.2f}x, matching {rows[-1][2] / rows[0][2]:.2f}x, CPU {rows[-1][3] / max(rows[0][3], 1e-9):.2f}x")
        largest = os.path.join(tmp, f"g{sizes[-1]}.yml")
        if planted is not None:
            found = planted_found(binary, largest, corpus, tmp, cache_flag)
            print(f"planted variants: {planted}; variant findings: {found}")
        if args.rule_shares:
            rule_shares(binary, largest, corpus, tmp, args.runs, cache_flag)

        # Start-up: one small file, bundled dictionaries (the pre-commit case).
        small = os.path.join(tmp, "small.txt")
        with open(small, "w", encoding="utf-8") as f:
            f.write("Zhejiang marks 20 years of the Double-Eight Strategy.\n")
        times = []
        cpus = []
        subprocess.run([binary, "--no-config", small] + cache_flag, stdout=subprocess.DEVNULL)
        for _ in range(args.startup_runs):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([binary, "--no-config", small] + cache_flag, stdout=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(time.perf_counter() - start)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        times.sort()
        cpus.sort()
        print(f"start-up, one small file, bundled dictionaries: mean {1000 * sum(times) / len(times):.1f} ms, "
              f"median {1000 * times[len(times) // 2]:.1f} ms, median CPU {1000 * cpus[len(cpus) // 2]:.1f} ms ({args.startup_runs} runs)")

        # Many files: one core against every core, same output.
        if args.files_mb > 0:
            folder = os.path.join(tmp, "files")
            os.mkdir(folder)
            count = write_files(folder, corpus, args.files_mb * 1_000_000)
            total = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder)) / 1_000_000
            glossary = os.path.join(tmp, f"g{sizes[-1]}.yml")
            command = [binary, "--no-config", "--no-builtin", "--glossary", glossary, "--format", "json", "--fail-on", "never", folder]
            outputs = []
            results = {}
            for label, prefix in (("1 core", ["taskset", "-c", "0"]), (f"{os.cpu_count()} cores", [])):
                out = os.path.join(tmp, f"out-{len(outputs)}.json")
                best_time, best_rss = None, 0.0
                for _ in range(args.runs):
                    elapsed, rss = run_to(prefix + command, out)
                    best_time = elapsed if best_time is None else min(best_time, elapsed)
                    best_rss = max(best_rss, rss)
                results[label] = (best_time, best_rss)
                with open(out, "rb") as f:
                    outputs.append(f.read())
            one, every = results["1 core"][0], results[f"{os.cpu_count()} cores"][0]
            print(f"{count} files of 50 KB ({total:.0f} MB), {sizes[-1]} terms:")
            for label, (t, rss) in results.items():
                print(f"  {label:>8}: {total / t:6.1f} MB/s, peak RSS {rss:.1f} MB")
            print(f"  speed-up {one / every:.2f}x; output identical: {outputs[0] == outputs[1]}")
            bundled = [binary, "--no-config", "--format", "json", "--fail-on", "never", folder]
            t, rss = run_to(bundled, os.path.join(tmp, "out-bundled.json"))
            print(f"  bundled dictionaries, every core: {total / t:6.1f} MB/s, peak RSS {rss:.1f} MB")

        # One very large file: linted in sections, memory bounded.
        if args.big_mb > 0:
            big = os.path.join(tmp, "big.txt")
            with open(corpus, "rb") as f:
                chunk = f.read()
            with open(big, "wb") as f:
                written = 0
                while written < args.big_mb * 1_000_000:
                    f.write(chunk)
                    written += len(chunk)
            glossary = os.path.join(tmp, f"g{sizes[-1]}.yml")
            for label, command in (
                (f"{sizes[-1]} terms", [binary, "--no-config", "--no-builtin", "--glossary", glossary]),
                ("bundled dictionaries", [binary, "--no-config"]),
            ):
                t, rss = run_to(command + ["--format", "json", "--fail-on", "never", big], os.path.join(tmp, "out-big.json"))
                print(f"one {written / 1e6:.0f} MB file, {label}: {written / 1e6 / t:6.1f} MB/s, peak RSS {rss:.1f} MB")
            os.remove(big)

        if args.many_mb > 0:
            many_findings(tmp, binary, args.many_mb)


def many_findings(folder, binary, megabytes):
    """The many-findings profile: findings per second and peak RSS, JSON Lines output, one
    core, on a file with a listed variant every 50 bytes, written as lines and as one line.

    Findings per second are given by wall time and by CPU time (user + system, from GNU
    time): on a shared machine the CPU figure is the steadier one."""
    rows = []
    for shape in ("lines", "one line"):
        path = os.path.join(folder, f"many-{shape.replace(' ', '-')}.txt")
        unit = "the 88th Strategy, and the province reforms it. "  # 50 bytes, one variant
        with open(path, "w", encoding="utf-8") as f:
            count = megabytes * 1_000_000 // len(unit)
            for k in range(count):
                f.write(unit)
                if shape == "lines" and k % 20 == 19:
                    f.write("\n")
        out = os.path.join(folder, "many.out")
        wall, cpu, rss = timed([binary, "--no-config", "--format", "jsonl", "--fail-on", "never",
                                "-j", "1", path], out)
        findings = sum(1 for _ in open(out, encoding="utf-8")) - 1
        rows.append((shape, findings, wall, cpu, rss, os.path.getsize(out) / 1e6))
        os.remove(out)
        os.remove(path)
    print(f"many findings ({megabytes} MB, a listed variant every 50 bytes, JSON Lines, one core):")
    print(f"{'shape':>9} {'findings':>10} {'wall s':>7} {'CPU s':>6} {'findings/s wall':>16} "
          f"{'findings/s CPU':>15} {'peak RSS MB':>12} {'output MB':>10}")
    for shape, findings, wall, cpu, rss, size in rows:
        print(f"{shape:>9} {findings:>10} {wall:>7.2f} {cpu:>6.2f} {findings / wall:>16.0f} "
              f"{findings / cpu:>15.0f} {rss:>12.1f} {size:>10.1f}")


def timed(command, out):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of `command`, stdout to
    `out`, measured by GNU time."""
    if not os.path.exists(TIME):
        sys.exit("the many-findings profile needs GNU time (/usr/bin/time)")
    with tempfile.NamedTemporaryFile() as measured, open(out, "wb") as sink:
        code = subprocess.call([TIME, "-f", "%e %U %S %M", "-o", measured.name] + command,
                               stdout=sink, stderr=subprocess.DEVNULL)
        if code not in (0, 1):
            sys.exit(f"{command[0]} failed with exit status {code}: {' '.join(command)}")
        with open(measured.name) as f:
            wall, user, system, rss = f.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def default_rules(binary):
    """The ids of the rules on by default, from `termlint rules --format json` (or its text)."""
    out = subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True)
    if out.returncode == 0:
        try:
            data = json.loads(out.stdout)
            rules = data["rules"] if isinstance(data, dict) else data
            return [r["id"] for r in rules if r.get("enabledByDefault", r.get("enabled", True))]
        except (ValueError, KeyError, TypeError):
            pass
    out = subprocess.run([binary, "rules"], capture_output=True, text=True)
    ids = []
    for line in out.stdout.splitlines():
        fields = line.split()
        if fields and not line.startswith(" ") and "off by default" not in line:
            ids.append(fields[0])
    return ids


def rule_shares(binary, glossary, corpus, folder, runs, cache_flag):
    """Each default rule switched off in turn: the time saved is that rule's share."""
    def timed(config):
        # CPU seconds: the shares are differences, which wall time on a shared machine drowns.
        command = [binary, "--config", config, "--no-builtin", "--glossary", glossary,
                   "--format", "json", "--fail-on", "never"] + cache_flag + [corpus]
        best(command, runs)
        return BEST_CPU[0]

    config = os.path.join(folder, "all.lint.yml")
    with open(config, "w") as f:
        f.write("builtin: false\n")
    whole = timed(config)
    print(f"rule shares ({os.path.basename(glossary)}; whole run {whole:.2f} CPU s, least of {runs}):")
    rules = default_rules(binary)
    for rule in rules:
        config = os.path.join(folder, f"no-{rule}.lint.yml")
        with open(config, "w") as f:
            f.write(f"builtin: false\nrules:\n  {rule}: off\n")
        t = timed(config)
        print(f"  {rule:>20}: {100 * (whole - t) / whole:5.1f} % ({t:.2f} CPU s without it)")
    config = os.path.join(folder, "none.lint.yml")
    with open(config, "w") as f:
        f.write("builtin: false\nrules:\n" + "".join(f"  {rule}: off\n" for rule in rules))
    t = timed(config)
    print(f"  {'every rule off':>20}: {t:.2f} CPU s (reading, folding and output only)")
    again = timed(os.path.join(folder, "all.lint.yml"))
    print(f"  (whole run again at the end: {again:.2f} CPU s; the spread is the noise)")


def planted_found(binary, glossary, corpus, folder, cache_flag):
    """How many `variant` findings the largest glossary gives on the corpus."""
    out = os.path.join(folder, "planted.jsonl")
    run([binary, "--no-config", "--no-builtin", "--glossary", glossary, "--format", "jsonl",
         "--fail-on", "never"] + cache_flag + [corpus], out=out)
    count = 0
    with open(out, encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("rule") == "variant":
                count += 1
    return count


def write_files(folder, corpus, total):
    """Cuts the corpus (cycled) into files of about 50 KB at line ends; returns the count."""
    with open(corpus, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    count = 0
    written = 0
    index = 0
    while written < total:
        parts = []
        size = 0
        while size < 50_000:
            line = lines[index % len(lines)]
            index += 1
            parts.append(line)
            size += len(line)
        with open(os.path.join(folder, f"{count:06d}.txt"), "wb") as out:
            out.write(b"".join(parts))
        count += 1
        written += size
    return count


def run_to(command, out):
    """Wall time and peak RSS (MB) of a command whose output goes to the file `out`."""
    return run(command, out=out)


if __name__ == "__main__":
    main()
