#!/bin/sh
# Tagged PDF briefs (PDF/UA-1), checked from three sides: poppler
# (pdfinfo, its structure text against pdftotext), our own checker of the
# PDF/UA rules read with qpdf (tests/tools/pdf-ua-check.py), and Mozilla's
# pdf.js (tests/browser/check-pdf-tags.mjs; skipped without node and the
# modules of tests/browser, unless AR_REQUIRE_BROWSER_TOOLS=1).
. "${AR_SRCDIR}/tests/cli/lib.sh"

require_pdf qpdf pdfinfo pdftotext python3

# The bundled dataset and a generated file of 30 fictional members, with
# actions, indicators, tables over several pages and charts.
ar build -q -b all -f pdf -o "$TMP/all"
expect_rc 0 "build -b all -f pdf"
"$AR_GEN_DATA" 30 7 >"$TMP/gen30.xml" 2>/dev/null || fail "bench/gen-data 30 7"
ar build -q -b all -f pdf -o "$TMP/gen" "$TMP/gen30.xml"
expect_rc 0 "build -b all -f pdf of 30 generated members"
set -- "$TMP/all"/*.pdf "$TMP/gen"/*.pdf
[ $# -ge 59 ] && pass || fail "only $# PDF briefs"

untagged=0
for f; do
  pdfinfo "$f" 2>/dev/null | grep -q '^Tagged: *yes' || untagged=$((untagged + 1))
done
[ "$untagged" -eq 0 ] && pass || fail "$untagged PDF briefs are not tagged"

python3 "$AR_SRCDIR/tests/tools/pdf-ua-check.py" "$@" >"$TMP/ua" 2>&1 && pass ||
  fail "PDF/UA checks: $(head -5 "$TMP/ua")"

# The structure holds the text a reader gets, less the artifacts: the
# characters of pdfinfo -struct-text and those drawn inside /Artifact
# sequences (running headers and footers, repeated table headers, leaders;
# the fonts' codes are Unicode, UTF-16 in the content) make up, between
# them, the characters pdftotext finds.
python3 - "$@" >"$TMP/chars" 2>&1 <<'PY' && pass || fail "structure text against pdftotext: $(head -5 "$TMP/chars")"
import base64, collections, json, re, subprocess, sys
bad = []
def chars(text):
    return collections.Counter(ch for ch in text if not ch.isspace())
def artifacts(f):
    objs = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                                      "--decode-level=generalized", f],
                                     capture_output=True).stdout)["qpdf"][1]
    out = []
    for v in objs.values():
        st = v.get("stream")
        if not st or "data" not in st or st["dict"].get("/Type") is not None:
            continue
        data = base64.b64decode(st["data"])
        for seq in re.findall(rb"/Artifact BMC(.*?)EMC", data, re.S):
            for hexs in re.findall(rb"<([0-9A-Fa-f]+)>\s*Tj", seq):
                out.append(bytes.fromhex(hexs.decode()).decode("utf-16-be", "replace"))
    return "".join(out)
for f in sys.argv[1:]:
    struct = subprocess.run(["pdfinfo", "-struct-text", f], capture_output=True, text=True).stdout
    said = "".join(re.findall(r'^ *"(.*)"$', struct, re.M))
    text = subprocess.run(["pdftotext", "-layout", f, "-"], capture_output=True, text=True).stdout
    have = chars(said) + chars(artifacts(f))
    missing, extra = have - chars(text), chars(text) - have
    if missing or extra:
        bad.append("%s: not in pdftotext %r; in pdftotext only %r"
                   % (f, "".join(missing.elements())[:40], "".join(extra.elements())[:40]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# Citation markers: each "[n]" in the text is a Reference of its own (or
# the Lbl of its note in the notes list), never loose text of a paragraph.
python3 - "$TMP/all/summary.pdf" "$TMP/gen/summary.pdf" >"$TMP/refs" 2>&1 <<'PY' && pass || fail "citation markers: $(head -5 "$TMP/refs")"
import re, subprocess, sys
bad, refs = [], 0
for f in sys.argv[1:]:
    lines = subprocess.run(["pdfinfo", "-struct-text", f], capture_output=True, text=True).stdout.splitlines()
    for i, line in enumerate(lines):
        if not re.search(r"\[\d+\]", line) or not line.strip().startswith('"'):
            continue
        parent = lines[i - 1].split()[0] if i else ""
        if not re.fullmatch(r' *"\[\d+\]"', line) or parent not in ("Reference", "Lbl"):
            bad.append("%s:%d: %s under %s" % (f, i + 1, line.strip(), parent))
        refs += parent == "Reference"
if refs == 0:
    bad.append("no Reference element")
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
PY

# A link broken over lines is one Link element, with an annotation per
# line: no Link follows another directly under the same parent.
python3 - "$@" >"$TMP/links" 2>&1 <<'PY' && pass || fail "links broken over lines: $(head -5 "$TMP/links")"
import subprocess, sys
bad, parts = [], 0
for f in sys.argv[1:]:
    lines = subprocess.run(["pdfinfo", "-struct-text", f], capture_output=True, text=True).stdout.splitlines()
    last = {}  # indent -> role of the previous sibling
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        role = line.split()[0] if not line.lstrip().startswith('"') else "text"
        for k in [k for k in last if k > indent]:
            del last[k]
        if role == "Link" and last.get(indent) == "Link":
            bad.append("%s:%d: a Link right after a Link" % (f, i + 1))
        if role == "Object":
            parts += 1
        last[indent] = role
if parts == 0:
    bad.append("no link annotation")
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
PY

# A chart's /Alt is its title and the description its HTML chart gives
# (the SVG's <title> and <desc>, less the sentence pointing to the table).
ar build -q -b summary,target -f html -o "$TMP/html"
expect_rc 0 "build -f html"
python3 - "$TMP/all" "$TMP/html" >"$TMP/alt" 2>&1 <<'PY' && pass || fail "chart descriptions: $(head -5 "$TMP/alt")"
import html.parser, json, os, subprocess, sys
class Svg(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.stack, self.charts = [], []
    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "svg": self.charts.append({"title": "", "desc": ""})
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag: pass
    def handle_data(self, data):
        if "svg" in self.stack and self.stack[-1] in ("title", "desc") and self.stack[-2] == "svg":
            self.charts[-1][self.stack[-1]] += data
bad, seen = [], 0
for name in sorted(os.listdir(sys.argv[2])):
    base = name[:-len(".html")]
    parser = Svg(); parser.feed(open(os.path.join(sys.argv[2], name), encoding="utf-8").read())
    objs = json.loads(subprocess.run(["qpdf", "--json=2", os.path.join(sys.argv[1], base + ".pdf")],
                                     capture_output=True).stdout)["qpdf"][1]
    alts = [v["value"]["/Alt"][2:] for v in objs.values()
            if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/Figure"]
    if len(alts) != len(parser.charts):
        bad.append("%s: %d figures in the PDF, %d charts in the HTML" % (base, len(alts), len(parser.charts)))
    for alt, ch in zip(alts, parser.charts):
        seen += 1
        words = alt[len(ch["title"]) + 2:]
        if not alt.startswith(ch["title"] + ". ") or not words or not ch["desc"].startswith(words + " "):
            bad.append("%s: /Alt %r, HTML %r %r" % (base, alt[:80], ch["title"][:40], ch["desc"][:80]))
if seen == 0:
    bad.append("no chart compared")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# A key figure's label and change that a card shows shortened ("…") are
# whole in its paragraph's /Alt: every change the HTML shows is in the
# PDF's text or in an /Alt.
python3 - "$TMP/all" "$TMP/html" >"$TMP/cards" 2>&1 <<'PY' && pass || fail "key figures in full: $(head -5 "$TMP/cards")"
import json, os, re, subprocess, sys, html
bad, alts_seen = [], 0
for name in sorted(os.listdir(sys.argv[2])):
    pdf = os.path.join(sys.argv[1], name[:-len(".html")] + ".pdf")
    page = open(os.path.join(sys.argv[2], name), encoding="utf-8").read()
    changes = [html.unescape(m) for m in re.findall(r'class="figure-change">([^<]*)<', page)]
    text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split())
    objs = json.loads(subprocess.run(["qpdf", "--json=2", pdf], capture_output=True).stdout)["qpdf"][1]
    alts = [v["value"]["/Alt"][2:] for v in objs.values()
            if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/P" and "/Alt" in v["value"]]
    alts_seen += len(alts)
    for ch in changes:
        if " ".join(ch.split()) not in text and not any(ch in a for a in alts):
            bad.append("%s: %r neither in the text nor in an /Alt" % (name, ch))
if alts_seen == 0:
    bad.append("no shortened key figure")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# Independent reader: pdf.js.
modules=${AR_BROWSER_MODULES:-$AR_SRCDIR/tests/browser/node_modules}
if command -v node >/dev/null 2>&1 && [ -f "$modules/pdfjs-dist/package.json" ]; then
  AR_BROWSER_MODULES=$modules node "$AR_SRCDIR/tests/browser/check-pdf-tags.mjs" "$@" >"$TMP/pdfjs" 2>"$TMP/pdfjs-err"
  st=$?
  [ $st -eq 0 ] && pass || fail "pdf.js (status $st): $(head -5 "$TMP/pdfjs") $(tail -1 "$TMP/pdfjs-err")"
elif [ "${AR_REQUIRE_BROWSER_TOOLS:-}" = 1 ]; then
  fail "AR_REQUIRE_BROWSER_TOOLS=1 but node or pdfjs-dist in $modules is missing"
else
  skip 1 "node or pdfjs-dist in $modules missing (npm ci --prefix tests/browser)"
fi

# What a screen reader gets in Chromium's PDF viewer
# (tests/browser/check-pdf-chromium.mjs): one heading per H1-H6, the
# tables with their header and data cells, each Figure with its
# description, and a link for every entry of the contents page.
if command -v node >/dev/null 2>&1 && [ -f "$modules/playwright-core/package.json" ]; then
  AR_BROWSER_MODULES=$modules node "$AR_SRCDIR/tests/browser/check-pdf-chromium.mjs" \
    "$TMP/all/summary.pdf" "$TMP/all/member-fr.pdf" >"$TMP/chromium" 2>"$TMP/chromium-err"
  st=$?
  if [ $st -eq 77 ] && [ "${AR_REQUIRE_BROWSER_TOOLS:-}" != 1 ]; then
    skip 1 "$(tail -1 "$TMP/chromium-err")"
  else
    python3 - "$TMP/chromium" "$TMP/all/summary.pdf" "$TMP/all/member-fr.pdf" >"$TMP/chromium-cmp" 2>&1 <<'PY' &&
import re, subprocess, sys
seen = {}
for line in open(sys.argv[1]):
    f, _, counts = line.rstrip("\n").partition(": ")
    seen[f] = {k: int(v) for k, v in (kv.split("=") for kv in counts.split())}
bad = []
for f in sys.argv[2:]:
    roles = [l.split()[0].rstrip(":") for l in subprocess.run(
        ["pdfinfo", "-struct-text", f], capture_output=True, text=True).stdout.splitlines() if l.strip()]
    n = lambda *names: sum(r in names for r in roles)
    want = {"headings": n("H1", "H2", "H3", "H4", "H5", "H6"), "tables": n("Table"),
            "header-cells": n("TH"), "cells": n("TD"), "figures": n("Figure"), "described": n("Figure")}
    got = seen.get(f)
    if got is None:
        bad.append("%s: no tree" % f)
        continue
    bad += ["%s: %d %s in the structure, Chromium shows %d" % (f, v, k, got.get(k, 0))
            for k, v in want.items() if got.get(k, 0) != v]
    if got.get("links", 0) < n("TOCI"):
        bad.append("%s: %d links in Chromium, %d contents entries" % (f, got.get("links", 0), n("TOCI")))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
      [ $st -eq 0 ] && pass ||
      fail "Chromium's accessibility tree (status $st): $(head -3 "$TMP/chromium-cmp") $(tail -1 "$TMP/chromium-err")"
  fi
elif [ "${AR_REQUIRE_BROWSER_TOOLS:-}" = 1 ]; then
  fail "AR_REQUIRE_BROWSER_TOOLS=1 but node or playwright-core in $modules is missing"
else
  skip 1 "node or playwright-core in $modules missing (npm ci --prefix tests/browser)"
fi

# The checks can fail: an untagged brief fails both.
ar build -q -b summary -f pdf -O pdf.tagged=false -o "$TMP/plain"
expect_rc 0 "-O pdf.tagged=false"
pdfinfo "$TMP/plain/summary.pdf" | grep -q '^Tagged: *no' && pass || fail "pdf.tagged=false is tagged"
! python3 "$AR_SRCDIR/tests/tools/pdf-ua-check.py" "$TMP/plain/summary.pdf" >/dev/null 2>&1 && pass ||
  fail "the PDF/UA checker passes an untagged PDF"

# PDF/A-2a: the same checks and the archival ones, the same file twice.
ar build -q -b all -f pdf -O pdf.archive=true -o "$TMP/archive"
expect_rc 0 "-O pdf.archive=true"
python3 "$AR_SRCDIR/tests/tools/pdf-ua-check.py" --pdfa "$TMP/archive"/*.pdf >"$TMP/pdfa" 2>&1 && pass ||
  fail "PDF/A checks: $(head -5 "$TMP/pdfa")"
! python3 "$AR_SRCDIR/tests/tools/pdf-ua-check.py" --pdfa "$TMP/all/summary.pdf" >/dev/null 2>&1 && pass ||
  fail "the PDF/A checker passes a PDF that is not PDF/A"
ar build -q -b summary -f pdf -O pdf.archive=true -o "$TMP/archive2"
cmp -s "$TMP/archive/summary.pdf" "$TMP/archive2/summary.pdf" && pass || fail "PDF/A output differs from run to run"
ar build -q -b summary -f pdf -O pdf.archive=true -O pdf.tagged=false -o "$TMP/archive3"
[ "$rc" -eq 2 ] && [ ! -e "$TMP/archive3/summary.pdf" ] && pass || fail "an untagged PDF/A was written (status $rc)"
expect_err "PDF/A-2a is a tagged PDF" "archive without tagging is refused"

# A profile that cannot be read is a usage error, said once.
ar build -q -b all -f pdf -O pdf.archive=true -O pdf.icc="$TMP/no-such.icc" -o "$TMP/archive4"
[ "$rc" -eq 2 ] && [ "$(grep -c 'no-such.icc' "$TMP/err")" -eq 1 ] && pass ||
  fail "a missing ICC profile: status $rc, $(head -2 "$TMP/err")"
expect_err "-O pdf.icc=$TMP/no-such.icc: cannot read the sRGB profile" "the missing profile is named with its option"

# Tagging draws nothing: the same text, page for page.
pdftotext -layout "$TMP/plain/summary.pdf" "$TMP/plain.txt"
pdftotext -layout "$TMP/all/summary.pdf" "$TMP/tagged.txt"
cmp -s "$TMP/plain.txt" "$TMP/tagged.txt" && pass || fail "tagging changed the text of the summary"

finish
