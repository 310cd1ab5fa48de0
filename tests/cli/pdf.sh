#!/bin/sh
# The pdf plugin, checked with real PDF readers: qpdf --check, pdfinfo,
# pdffonts and pdftotext. Skipped, with the reason, in a build without the
# PDF plugin or without the readers.
. "${AR_SRCDIR}/tests/cli/lib.sh"

require_pdf qpdf pdfinfo pdffonts pdftotext

# Every brief of the bundled dataset: valid, with its title, embedded fonts
# and its words.
ar build -q -b all -f pdf -o "$TMP/all"
expect_rc 0 "build -b all -f pdf"
n=$(ls "$TMP/all"/*.pdf | wc -l)
[ "$n" -eq 59 ] && pass || fail "59 PDF briefs, got $n"
bad=0
for f in "$TMP/all"/*.pdf; do
  qpdf --check "$f" >"$TMP/qpdf" 2>&1 || { bad=$((bad + 1)); echo "qpdf --check $f:" >&2; tail -3 "$TMP/qpdf" >&2; }
done
[ "$bad" -eq 0 ] && pass || fail "$bad PDF briefs fail qpdf --check"

pdfinfo "$TMP/all/summary.pdf" >"$TMP/info"
grep -q '^Title: *Global Alliance against child sexual abuse online' "$TMP/info" && pass || fail "pdfinfo title: $(grep Title "$TMP/info")"
grep -q '^Creator: *alliance-report ' "$TMP/info" && pass || fail "pdfinfo creator"
pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
[ "${pages:-0}" -ge 2 ] && pass || fail "the summary has $pages pages"
grep -q '^Page size: *595.* x 841.* pts (A4)' "$TMP/info" && pass || fail "A4 by default: $(grep 'Page size' "$TMP/info")"

pdffonts "$TMP/all/summary.pdf" >"$TMP/fonts"
awk 'NR > 2 && ($0 !~ / yes +yes +/) { bad = 1 } END { exit bad }' "$TMP/fonts" && pass ||
  fail "fonts not embedded and subset: $(cat "$TMP/fonts")"
grep -q '+DejaVu' "$TMP/fonts" && pass || fail "the DejaVu fonts are not used: $(cat "$TMP/fonts")"

pdftotext "$TMP/all/summary.pdf" "$TMP/summary.txt"
for words in "Key messages" "54 members" "Brussels" "Identify victims" "Reduce availability" "Europe & Central Asia"; do
  tr -s ' \n' '  ' <"$TMP/summary.txt" | grep -qF "$words" && pass || fail "the summary PDF lacks '$words'"
done
# Reading order: the sections come in the order of the brief.
order=$(grep -nE '^[0-9]+\.? +(Purpose|Key messages|Background)$' "$TMP/summary.txt" | cut -d: -f1 | tr '\n' ' ')
set -- $order
[ $# -ge 3 ] && [ "$1" -lt "$2" ] && [ "$2" -lt "$3" ] && pass || fail "sections out of order: $order"

pdftotext "$TMP/all/member-ba.pdf" - | tr -s ' \n' '  ' | grep -qF "Bosnia and Herzegovina" && pass ||
  fail "member-ba.pdf lacks its name"

# Non-Latin text prints and extracts.
ar render -f pdf -o "$TMP/sample.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
expect_rc 0 "render the sample brief"
pdftotext "$TMP/sample.pdf" - >"$TMP/sample.txt"
for w in Türkiye "Côte d'Ivoire" Україна Հայաստան; do
  grep -qF "$w" "$TMP/sample.txt" && pass || fail "'$w' does not extract from the PDF"
done
qpdf --check "$TMP/sample.pdf" >/dev/null 2>&1 && pass || fail "sample.pdf fails qpdf --check"

# The faces are cut to the brief's characters, with a ToUnicode CMap that
# poppler reads without a warning (libharu 2.3.0 writes begincidrange).
for f in "$TMP/sample.pdf" "$TMP/all/summary.pdf" "$TMP/all/member-am.pdf"; do
  pdftotext "$f" /dev/null 2>"$TMP/warn"
  [ ! -s "$TMP/warn" ] && pass || fail "pdftotext warns on $(basename "$f"): $(head -3 "$TMP/warn")"
done
qpdf --qdf --object-streams=disable "$TMP/sample.pdf" "$TMP/sample-qdf.pdf" 2>/dev/null
! grep -aq 'begincidrange' "$TMP/sample-qdf.pdf" && grep -aq 'beginbfrange' "$TMP/sample-qdf.pdf" &&
  pass || fail "sample.pdf lacks a ToUnicode CMap of bfranges"
big=$(find "$TMP/all" -name 'member-*.pdf' -size +100k | wc -l)
[ "$big" -eq 0 ] && pass || fail "$big member briefs weigh over 100 KB: whole faces embedded?"
# The links to one URL share one action (an indirect object); a plain
# ASCII title is written as a plain string, not as UTF-16.
qpdf --json=2 --json-stream-data=none "$TMP/all/summary.pdf" >"$TMP/summary.json" 2>/dev/null
python3 - "$TMP/summary.json" >"$TMP/links" 2>&1 <<'PY' && pass || fail "links of the summary: $(cat "$TMP/links")"
import json, sys
objs = json.load(open(sys.argv[1]))["qpdf"][1]
actions, urls, direct = set(), set(), 0
for v in objs.values():
    val = v.get("value")
    if isinstance(val, dict) and val.get("/Subtype") == "/Link" and "/A" in val:
        a = val["/A"]
        if not isinstance(a, str):
            direct += 1
            continue
        actions.add(a)
        urls.add(objs["obj:" + a]["value"]["/URI"])
if not urls or direct or len(actions) != len(urls):
    sys.exit("%d actions for %d URLs, %d links with their own" % (len(actions), len(urls), direct))
PY
qpdf --qdf --object-streams=disable "$TMP/all/summary.pdf" "$TMP/summary-qdf.pdf" 2>/dev/null
grep -aq '^ */Title (Global Alliance against child sexual abuse online)' "$TMP/summary-qdf.pdf" && pass ||
  fail "the summary's title is not a plain string"
# Letters made of other glyphs (ï, ї, é: composites) print their marks: the
# page with them carries more ink than the one with the bare letters.
if have pdftoppm; then
  for w in marks bare; do
    case $w in marks) t='ïїé ÏЇÉ ñ' ;; *) t='ıіe IІE n' ;; esac
    printf '<brief version="1.0"><title>Letters</title><p>%s</p></brief>\n' "$t" >"$TMP/$w.xml"
    ar render -f pdf -o "$TMP/$w.pdf" "$TMP/$w.xml"
    pdftoppm -gray -r 100 -f 1 -l 1 "$TMP/$w.pdf" | tr -d '\377' | wc -c >"$TMP/$w.ink"
  done
  [ "$(cat "$TMP/marks.ink")" -gt "$(cat "$TMP/bare.ink")" ] && pass ||
    fail "composite letters print blank (ink $(cat "$TMP/marks.ink") vs $(cat "$TMP/bare.ink"))"
  pdftotext "$TMP/marks.pdf" - | grep -qF 'ïїé ÏЇÉ ñ' && pass || fail "composite letters do not extract"
else
  skip 2 "pdftoppm not installed (Debian: poppler-utils)"
fi

# Another family, and one with a single face for all four.
for fam in "DejaVu Serif" "DejaVu Math TeX Gyre"; do
  if fc-list "$fam" 2>/dev/null | grep -q .; then
    ar render -f pdf -O "pdf.font=$fam" -o "$TMP/family.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
    expect_rc 0 "render with pdf.font=$fam"
    qpdf --check "$TMP/family.pdf" >/dev/null 2>&1 && pass || fail "pdf.font=$fam fails qpdf --check"
    pdftotext "$TMP/family.pdf" - 2>"$TMP/warn" | grep -qF 'Україна' && [ ! -s "$TMP/warn" ] && pass ||
      fail "pdf.font=$fam: text does not extract cleanly"
    pdffonts "$TMP/family.pdf" | awk -v f="$(echo "$fam" | tr -d ' ')" 'NR > 2 { n++; if ($0 !~ / yes +yes +/ || index($1, f) == 0) bad = 1 } END { exit bad || !n }' &&
      pass || fail "pdf.font=$fam: $(pdffonts "$TMP/family.pdf")"
  else
    skip 4 "font family $fam not installed"
  fi
done

# Reproducible: two runs, identical bytes.
ar render -f pdf -o "$TMP/again.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
cmp -s "$TMP/sample.pdf" "$TMP/again.pdf" && pass || fail "two renders of one brief differ"
SOURCE_DATE_EPOCH=1412035200 ar render -f pdf -o "$TMP/epoch.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
pdfinfo "$TMP/epoch.pdf" | grep -q '^CreationDate: *Tue Sep 30 .*2014' && pass ||
  fail "SOURCE_DATE_EPOCH is not the creation date: $(pdfinfo "$TMP/epoch.pdf" | grep CreationDate)"

# A 300-row table spans pages, with its header row on every page.
{
  echo '<brief version="1.0"><title>Long table</title><table caption="Three hundred rows">'
  echo '<columns><column/><column numeric="yes"/></columns><head><row><cell>Fictional member</cell><cell>Actions</cell></row></head><body>'
  i=1
  while [ $i -le 300 ]; do
    echo "<row><cell>Testland $i (fictional)</cell><cell>$i</cell></row>"
    i=$((i + 1))
  done
  echo '</body></table></brief>'
} >"$TMP/long.xml"
ar render -f pdf -o "$TMP/long.pdf" "$TMP/long.xml"
expect_rc 0 "render a 300-row table"
pages=$(pdfinfo "$TMP/long.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 4 ] && pass || fail "300 rows on only $pages pages"
p=1
while [ $p -le "${pages:-0}" ]; do
  pdftotext -f $p -l $p "$TMP/long.pdf" - | grep -q 'Fictional member' && pass || fail "page $p lacks the table header"
  p=$((p + 1))
done
pdftotext "$TMP/long.pdf" - | grep -q 'Testland 300 (fictional)' && pass || fail "the last row is missing"

# Options: letter paper; bad values refused.
ar render -f pdf -O pdf.paper=letter -o "$TMP/letter.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
pdfinfo "$TMP/letter.pdf" | grep -q '^Page size: *612 x 792 pts (letter)' && pass || fail "pdf.paper=letter"
ar render -f pdf -O pdf.paper=a3 -o "$TMP/a3.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
expect_rc 2 "pdf.paper=a3 is a usage error"
expect_err "-O pdf.paper=a3: expected a4 or letter" "pdf.paper=a3 names the option and the values"
[ ! -e "$TMP/a3.pdf" ] && pass || fail "a refused option left a file"
ar render -f pdf -O pdf.font=NoSuchFontFamilyAtAll -o "$TMP/nofont.pdf" "$AR_SRCDIR/tests/data/briefs/sample.xml"
[ ! -e "$TMP/nofont.pdf" ] || qpdf --check "$TMP/nofont.pdf" >/dev/null 2>&1 && pass || fail "an unknown font gave a broken PDF"

finish
