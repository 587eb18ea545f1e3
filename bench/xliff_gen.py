#!/usr/bin/env python3
"""Writes a deterministic XLIFF 1.2 file of about --mb megabytes for measuring the XML
readers: trans-units with a Chinese source, an English target with inline <g>, <x/> and
<ph> codes, entities and character references, notes and an alt-trans.

Usage: bench/xliff_gen.py OUT.xlf [--mb 50]
Then: TERMLINT_XML_BENCH=OUT.xlf swift test --filter XMLReaderTests/extractionSpeed
"""
import argparse
import random

TARGETS = [
    "Marking the 20th anniversary of the <g id=\"1\">Double-Eight</g> Strategy &amp; the "
    "county&#8217;s plan",
    "The Eight-Eight Strategy<ph id=\"2\">&lt;br/&gt;</ph> guided Zhejiang for twenty years.",
    "Jiaxing &amp; Nanhu: the “Belt and Road<x id=\"3\"/> Initiative” and the Red Boat spirit.",
    "Officials said the “88th Strategy” would be reviewed in the next five-year plan.",
]
SOURCES = ["紀念「八八戰略」實施二十週年", "八八战略指引浙江二十年", "嘉兴南湖红船精神", "一带一路倡议"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=50)
    args = parser.parse_args()
    rng = random.Random(12)
    limit = int(args.mb * 1_000_000)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                  'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="x" '
                  'source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>\n')
        size = 0
        unit = 0
        while size < limit:
            unit += 1
            i = rng.randrange(len(TARGETS))
            state = rng.choice(["translated", "final", "needs-review-translation"])
            text = (f'<trans-unit id="u{unit}"><source>{SOURCES[i]}</source>\n'
                    f'<target state="{state}">{TARGETS[i]}</target>\n'
                    f'<note>reviewed {unit}</note><alt-trans><target>{TARGETS[(i + 1) % 4]}</target>'
                    f'</alt-trans></trans-unit>\n')
            out.write(text)
            size += len(text.encode())
        out.write("</body></file></xliff>\n")


if __name__ == "__main__":
    main()
