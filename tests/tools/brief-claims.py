#!/usr/bin/env python3
"""Reads brief documents (the xml format) and reports sentences a minister
could not sign, given the data they were made from:

  - a comparison of action counts ("0 actions", "the median") when the data
    holds no action at all;
  - a citation attached to a sentence about the dataset itself ("... in this
    dataset", "the data records no ...");
  - a member name with a designation note written without that note, in
    running text (paragraphs, list items, table cells).

Usage: brief-claims.py DATA.xml BRIEF.xml...
Prints one line per problem, "FILE: why: the sentence", and exits 1 when
there is one, 0 when there is none, 2 on bad usage."""

import re
import sys
import xml.etree.ElementTree as ET

DESIGNATION_PREFIX = "_designation."
CITE = "\x01"  # stands for a citation in the text of a block

DATASET_SENTENCE = re.compile(
    r"\b(this dataset|in the dataset|the data records no|the data holds no|"
    r"this dataset holds no|(?:is|are) recorded for this (?:member|target) in|"
    r"none of the [\d,]+ members\b.*\bhas recorded|no (?:member )?actions? (?:is|are) recorded)\b",
    re.IGNORECASE)
COMPARISON = re.compile(
    r"\b(\d+ actions?\b.*\bmedian|median (?:number|member|of)|has recorded 0 actions|"
    r"more actions than|fewer actions than|as many actions as)",
    re.IGNORECASE)
BLOCKS = {"p", "item", "cell"}


def block_text(el, cites):
    """The text of a block with CITE where each citation stands, leaving out
    nested blocks (they are checked on their own); cites gets the refs."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "cite":
            parts.append(CITE)
            cites.append(child.get("ref", ""))
        elif child.tag not in BLOCKS and child.tag not in ("list", "table", "quote", "note"):
            sub = []
            parts.append(block_text(child, sub))
            cites.extend(sub)
        parts.append(child.tail or "")
    return "".join(parts)


def sentences(text):
    # A sentence ends at ". " / "? " / ": " followed by a capital, or at the end.
    return re.split(r"(?<=[.?!])\s+(?=[A-Z0-9])", " ".join(text.split()))


def check(data, path):
    problems = []
    try:
        brief = ET.parse(path).getroot()
    except ET.ParseError as e:
        return ["%s: not a brief document: %s" % (path, e)]
    for el in brief.iter():
        if el.tag not in BLOCKS:
            continue
        cites = []
        text = block_text(el, cites)
        for s in sentences(text):
            shown = s.replace(CITE, "[n]")
            if DATASET_SENTENCE.search(s) and CITE in s:
                problems.append("%s: a statement about the dataset cites a source: %s" % (path, shown))
            if data["actions"] == 0 and COMPARISON.search(s):
                problems.append("%s: compares action counts, but the data holds no action: %s" % (path, shown))
        for name, code in data["designated"].items():
            if re.search(r"\b%s\b" % re.escape(name), text) and DESIGNATION_PREFIX + code not in cites:
                problems.append("%s: %s without its designation note: %s"
                                % (path, name, " ".join(text.replace(CITE, "[n]").split())))
    refs = {r.get("id"): (r.text or "") for r in brief.iter("reference")}
    for name, code in data["designated"].items():
        ref = refs.get(DESIGNATION_PREFIX + code)
        used = any(c.get("ref") == DESIGNATION_PREFIX + code for c in brief.iter("cite"))
        if used and (ref is None or data["notes"][code] not in " ".join(ref.split())):
            problems.append("%s: the note on %s is not its designation" % (path, name))
    return problems


def read_data(path):
    root = ET.parse(path).getroot()
    designated, notes = {}, {}
    for m in root.iter("member"):
        d = m.find("designation")
        if d is not None:
            name = " ".join((m.findtext("name") or "").split())
            designated[name] = m.get("code", "").strip()
            notes[m.get("code", "").strip()] = " ".join((d.text or "").split())
    return {"actions": sum(1 for _ in root.iter("action")), "designated": designated, "notes": notes}


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    data = read_data(argv[1])
    problems = []
    for path in argv[2:]:
        problems.extend(check(data, path))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
