"""The "real" profile of bench/bench.py: text as translated from Chinese and a number-heavy
glossary (issue 14).

- Glossary: N concepts of about 3.9 forms each (preferred, 2-4 variants, sometimes an
  accepted form; about 39,000 forms for 10,000 concepts), about half of them with numbers:
  ordinals ("Fourteenth ... Plan" / "14th ... Plan"), counts ("Three ... Campaign" / "3 ...
  Campaign" / "Triple ..."), large amounts ("10,000 ... Villages Project" / "Ten Thousand
  ...").
- Corpus: sentences of common words where 40 % of the lines carry a curly quote or
  apostrophe, an en or em dash, a no-break space or full-width characters; about one concept
  mention per 4 KB, half of them listed variants, a fifth of those in capitals and a fifth
  in lower case (every planted variant should be found whatever its case).

Everything is drawn from a seeded random generator: the same arguments give the same bytes.
"""

WORDS = (
    "the of and to in a is that for on with as by at from this be are was it an which or "
    "government development province city county reform policy economy district committee "
    "meeting report work people national local new high quality innovation private sector "
    "enterprise industry service construction project plan village rural urban modern system "
    "implementation cooperation investment market growth support study session conference "
    "municipal party leadership officials cadres education culture health science technology"
).split()

HEADS = ["Strategy", "Initiative", "Program", "Plan", "Campaign", "Action", "Zone", "Project"]
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"]
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
            "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
AMOUNTS = [("100", "One Hundred"), ("1,000", "One Thousand"), ("10,000", "Ten Thousand"),
           ("100,000", "One Hundred Thousand"), ("1 million", "One Million")]


def suffix(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def pseudo_word(rng):
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou")
                   for _ in range(rng.choice([2, 3]))).capitalize()


def make_terms(count, rng):
    """(preferred, accepted, variants) triples; the forms of all concepts are distinct."""
    seen = set()
    terms = []
    while len(terms) < count:
        words = [pseudo_word(rng) for _ in range(rng.choice([1, 2, 2]))]
        head = rng.choice(HEADS)
        name = " ".join(words)
        kind = rng.random()
        accepted = []
        if kind < 0.18:
            n = rng.randint(2, 20)
            preferred = f"{ORDINALS[n].capitalize()} {name} {head}"
            variants = [f"{n}{suffix(n)} {name} {head}", f"{name} {n}{suffix(n)} {head}",
                        f"The {n}{suffix(n)} {name} {head} Work"]
        elif kind < 0.36:
            n = rng.randint(2, 12)
            preferred = f"{UNITS[n].capitalize()} {name} {head}"
            variants = [f"{n} {name} {head}", f"{n}-{name} {head}"]
            if n == 2:
                variants.append(f"Double {name} {head}")
            elif n == 3:
                variants.append(f"Triple {name} {head}")
            else:
                variants.append(f"{name} {UNITS[n].capitalize()} {head}")
        elif kind < 0.48:
            digits, words_form = rng.choice(AMOUNTS)
            preferred = f"{digits} {name} Villages {head}"
            variants = [f"{words_form} {name} Villages {head}",
                        f"{digits} {name} Village {head}"]
            if rng.random() < 0.5:
                variants.append(f"{name} {digits} Villages {head}")
        else:
            preferred = f"{name} {head}"
            variants = [preferred.replace(" ", "-", 1) if len(words) > 1 else f"{name}-{head}",
                        " ".join(words[::-1] + [head]) + " Work",
                        f"The {name} {rng.choice(HEADS)} Work"]
            if rng.random() < 0.4:
                variants.append(f"{name} {head} Scheme")
        variants = variants[: rng.choice([2, 3, 3, 3, 4])] if len(variants) > 2 else variants
        if rng.random() < 0.2:
            accepted.append(f"the {name} {head.lower()}")
        forms = [preferred] + accepted + variants
        keys = [f.lower().replace("-", " ") for f in forms]
        if any(k in seen for k in keys) or len(set(keys)) != len(keys):
            continue
        seen.update(keys)
        terms.append((preferred, accepted, variants))
    return terms


def write_glossary(path, terms):
    with open(path, "w", encoding="utf-8") as f:
        f.write("name: bench-real\nterms:\n")
        for i, (preferred, accepted, variants) in enumerate(terms):
            f.write(f"  - id: r{i}\n    preferred: \"{preferred}\"\n")
            if accepted:
                f.write("    accepted:\n")
                for a in accepted:
                    f.write(f"      - \"{a}\"\n")
            f.write("    variants:\n")
            for v in variants:
                f.write(f"      - \"{v}\"\n")


def write_patterns(path, terms):
    with open(path, "w", encoding="utf-8") as f:
        for preferred, accepted, variants in terms:
            for form in [preferred] + accepted + variants:
                f.write(form + "\n")


def form_count(terms):
    return sum(1 + len(a) + len(v) for _, a, v in terms)


MARKS = [
    lambda rng: " \u201cwhole-process\u201d",           # curly double quotes
    lambda rng: " \u2013 it\u2019s noted",               # en dash, curly apostrophe
    lambda rng: " \u2014 the county\u2019s plan",        # em dash
    lambda rng: f" {rng.randint(2, 99)}\u00a0km",       # no-break space
    lambda rng: f" 10\u00a0000 yuan",                   # no-break space inside a number
    lambda rng: "\uff0c\uff08Jiaxing\uff09",             # full-width comma and brackets
    lambda rng: " \uff27\uff24\uff30 \uff12\uff10\uff12\uff13",  # full-width letters and digits
    lambda rng: " (\u5609\u5174\u5e02)",                 # a little CJK
]


def make_corpus(path, megabytes, terms, rng):
    """Writes the corpus; returns (bytes written, planted variant mentions)."""
    target = megabytes * 1_000_000
    written = 0
    planted = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            parts = []
            for _ in range(rng.randint(8, 24)):
                word = rng.choice(WORDS)
                while parts and word == parts[-1].rstrip(",.;: "):
                    word = rng.choice(WORDS)
                parts.append(word)
                if rng.random() < 0.05:
                    parts[-1] += rng.choice([",", ",", ";", ":"])
            sentence = " ".join(parts).capitalize()
            if rng.random() < 0.40:
                sentence += rng.choice(MARKS)(rng)
            if rng.random() < 0.03:
                preferred, accepted, variants = rng.choice(terms)
                if rng.random() < 0.5:
                    mention = rng.choice(variants)
                    r = rng.random()
                    if r < 0.2:
                        mention = mention.upper()
                    elif r < 0.4:
                        mention = mention.lower()
                    planted += 1
                else:
                    mention = preferred
                sentence += f", the {mention},"
                sentence += " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
            line = sentence + ".\n"
            f.write(line)
            written += len(line.encode("utf-8"))
    return written, planted
