#!/bin/sh
# The html plugin: every brief parsed with html5lib (the HTML5 parsing
# algorithm, no error allowed), its structure, links and citations, no
# external resource, the same bytes each run, the fragment and stylesheet
# options, and data holding markup and quotes coming out as text.
. "${AR_SRCDIR}/tests/cli/lib.sh"

PY=/usr/bin/python3
INSPECT="$PY $AR_SRCDIR/tests/tools/html-inspect.py"
if ! $PY -c 'import html5lib' 2>/dev/null; then
  if [ "${AR_REQUIRE_BROWSER_TOOLS:-0}" = 1 ]; then
    fail "AR_REQUIRE_BROWSER_TOOLS=1 but python3-html5lib is not installed (Debian: python3-html5lib)"
    finish
  fi
  skip_all "python3-html5lib is not installed (Debian: python3-html5lib)"
fi

# q FILE PATH [ATTR]: what html-inspect.py prints, or a failed check.
q() { $INSPECT "$@" 2>>"$TMP/parse-errors"; }

# ---- every brief of the bundled dataset --------------------------------------
ar build -q -b all -f html -o "$TMP/all"
expect_rc 0 "build -b all -f html"
n=$(ls "$TMP/all"/*.html | wc -l)
[ "$n" -eq 59 ] && pass || fail "59 HTML briefs, got $n"
bad=0
for f in "$TMP/all"/*.html; do
  $INSPECT "$f" 2>"$TMP/errs" || { bad=$((bad + 1)); head -5 "$TMP/errs" >&2; }
done
[ "$bad" -eq 0 ] && pass || fail "$bad HTML briefs have HTML5 parse errors"

S="$TMP/all/summary.html"
[ "$(q "$S" . lang)" = en-GB ] && pass || fail "<html lang> is not the brief's language"
[ "$(q "$S" ".//meta[@charset]" charset)" = utf-8 ] && pass || fail "no <meta charset=utf-8>"
[ "$(q "$S" ".//head/title")" = "Global Alliance against child sexual abuse online" ] && pass ||
  fail "<title>: $(q "$S" ".//head/title")"
for tag in h1 nav main header footer; do
  [ "$(q "$S" --tags | grep -cx "$tag")" -eq 1 ] && pass || fail "the summary should have one <$tag>"
done

# The contents link to every section, in order, and every id is unique.
q "$S" ".//main//section" id >"$TMP/sections"
q "$S" ".//nav//a" href | sed 's/^#//' >"$TMP/toc"
[ "$(wc -l <"$TMP/sections")" -ge 8 ] && pass || fail "the summary has $(wc -l <"$TMP/sections") sections"
cmp -s "$TMP/sections" "$TMP/toc" && pass || fail "contents and sections differ: $(diff "$TMP/toc" "$TMP/sections" | head -5)"
for f in "$S" "$TMP/all/member-fr.html" "$TMP/all/target-victims.html"; do
  q "$f" --attrs | sed -n 's/^id=//p' | sort >"$TMP/ids"
  dups=$(uniq -d "$TMP/ids")
  [ -z "$dups" ] && pass || fail "$(basename "$f"): ids used twice: $dups"
  # Every link inside the page reaches an element.
  missing=$(q "$f" --attrs | sed -n 's/^href=#//p' | sort -u | comm -23 - "$TMP/ids")
  [ -z "$missing" ] && pass || fail "$(basename "$f"): links to missing ids: $missing"
  # Only http, https, mailto and in-page links, external ones with rel.
  others=$(q "$f" --attrs | sed -n 's/^href=//p' | grep -vE '^(#|https?://|mailto:)')
  [ -z "$others" ] && pass || fail "$(basename "$f"): other links: $others"
  [ "$(q "$f" ".//a[@href]" href | grep -cE '^(https?|mailto):')" = \
    "$(q "$f" ".//a[@rel='noopener noreferrer']" href | grep -cE '^(https?|mailto):')" ] && pass ||
    fail "$(basename "$f"): external links without rel=\"noopener noreferrer\""
  # Nothing is fetched: no element that loads, no attribute that points out.
  loads=$(q "$f" --tags | grep -xE 'script|link|img|iframe|object|embed|video|audio|source|picture|base')
  [ -z "$loads" ] && pass || fail "$(basename "$f"): elements that load: $loads"
  srcs=$(q "$f" --attrs | grep -E '^(src|srcset|style|xlink:href|action|formaction|poster|background)=')
  [ -z "$srcs" ] && pass || fail "$(basename "$f"): attributes that load or style: $srcs"
  q "$f" ".//style" | grep -qiE 'url\(|@import' && fail "$(basename "$f"): the stylesheet loads something" || pass
done

# Citations link to the notes and the notes link back to each of them.
q "$S" ".//sup[@class='citations']/a" id | sort >"$TMP/cites"
q "$S" ".//span[@class='backlinks']/a" href | sed 's/^#//' | sort >"$TMP/backs"
[ -s "$TMP/cites" ] && cmp -s "$TMP/cites" "$TMP/backs" && pass ||
  fail "citations and back links differ: $(diff "$TMP/cites" "$TMP/backs" | head -3)"
[ "$(q "$S" ".//section[@class='notes']//li" | grep -c 'World Bank list of economies (July 2014)')" -eq 1 ] && pass ||
  fail "the notes lack the World Bank source"

# Tables: captions, header cells with scope, numbers right-aligned.
[ "$(q "$S" ".//main//table" | wc -l)" -eq "$(q "$S" ".//main//table/caption" | wc -l)" ] && pass ||
  fail "a table without <caption>"
[ "$(q "$S" ".//th" | wc -l)" -eq "$(q "$S" ".//th[@scope]" | wc -l)" ] && pass || fail "a <th> without scope"
# The largest region's count, from the data.
eca=$(xmllint --xpath 'count(/alliance/members/member[@status="member"][region="Europe & Central Asia"])' \
  "$AR_SRCDIR/data/global-alliance-2014.xml")
q "$S" ".//table[caption='Members by region']/tbody/tr/*" | grep -A1 '^Europe & Central Asia\[source [0-9]*\]$' | grep -qx "$eca" && pass ||
  fail "the region table lacks a row Europe & Central Asia: $eca"
[ "$(q "$S" ".//table[caption='Members by region']/tbody/tr/td[@class='numeric']" | head -1)" = "$eca" ] && pass ||
  fail "the region table's counts are not in numeric cells"
grep -q '\.numeric *{[^}]*text-align: right' "$S" && pass || fail "numeric cells are not right-aligned"

# Key figures: a description list of cards.
[ "$(q "$S" ".//dl[@class='figures']/div[@class='figure']" | wc -l)" -eq 9 ] && pass || fail "9 key figures"
q "$S" ".//dl[@class='figures']/div[dt='Countries not yet members on 30 September 2014']/dd[@class='figure-value']" |
  grep -qx 142 && pass || fail "the key figure 142 non-members"

# Charts: SVG images named and described, with their numbers in a table.
nsvg=$(q "$S" ".//figure[@class='chart']/svg:svg[@role='img']" | wc -l)
[ "$nsvg" -eq 2 ] && pass || fail "the summary has $nsvg charts as SVG images, expected 2"
for id in $(q "$S" ".//svg:svg" aria-labelledby); do
  [ -n "$(q "$S" ".//*[@id='$id']")" ] && pass || fail "chart label $id is empty or missing"
done
q "$S" ".//svg:desc" | grep -q "Europe & Central Asia $eca members" && pass || fail "chart description lacks its values"
[ "$(q "$S" ".//figure[@class='chart']/details/div/table/tbody/tr[th='Europe & Central Asia']/td")" = "$eca" ] && pass ||
  fail "the chart's data table lacks Europe & Central Asia: $eca"
q "$S" ".//svg:text" | grep -qx members && pass || fail "the bar chart has no axis unit"

# The bundled stylesheet: readable measure, phones, print, dark mode.
for rule in '70ch' '@media (max-width' '@media print' 'prefers-color-scheme: dark'; do
  grep -qF "$rule" "$S" && pass || fail "the stylesheet lacks $rule"
done

# ---- the same bytes every run ---------------------------------------------------
ar build -q -b all -f html -o "$TMP/again"
diffs=0
for f in "$TMP/all"/*.html; do cmp -s "$f" "$TMP/again/$(basename "$f")" || diffs=$((diffs + 1)); done
[ "$diffs" -eq 0 ] && pass || fail "$diffs HTML briefs differ between two runs"

# ---- options ----------------------------------------------------------------
ar build -q -f html -O html.standalone=false -o "$TMP/frag"
expect_rc 0 "-O html.standalone=false"
F="$TMP/frag/summary.html"
head -c 8 "$F" | grep -q '^<article' && pass || fail "the fragment does not start with <article>"
$INSPECT --fragment "$F" 2>"$TMP/errs" && pass || fail "the fragment has parse errors: $(head -3 "$TMP/errs")"
tags=$($INSPECT --fragment "$F" --tags | grep -xE 'html|head|body|style|main|meta')
[ -z "$tags" ] && pass || fail "the fragment holds page elements: $(echo $tags)"
[ "$(q --fragment "$F" ".//h1")" = "Global Alliance against child sexual abuse online" ] && pass || fail "fragment title"

printf '/* house style */\nbody { color: #123456; }\n' >"$TMP/house.css"
ar build -q -f html -O "html.css=$TMP/house.css" -o "$TMP/css"
expect_rc 0 "-O html.css=FILE"
grep -q 'house style' "$TMP/css/summary.html" && pass || fail "the given stylesheet is not inlined"
grep -q 'prefers-color-scheme' "$TMP/css/summary.html" && fail "the bundled stylesheet is still inlined" || pass

printf 'p { color: red; }\n</style><script>alert(1)</script>\n' >"$TMP/evil.css"
ar build -q -f html -O "html.css=$TMP/evil.css" -o "$TMP/evil"
expect_rc 2 "a stylesheet holding </style> is a usage error"
expect_err "evil.css" "the refusal names the stylesheet"
[ ! -e "$TMP/evil/summary.html" ] && pass || fail "a page was written with a stylesheet holding </style>"
ar build -q -f html -O "html.css=$TMP/none.css" -o "$TMP/none"
expect_rc 2 "a missing stylesheet is a usage error"
expect_err "none.css" "the error names the missing stylesheet"
ar build -q -f html -O html.standalone=maybe -o "$TMP/maybe"
expect_rc 2 "html.standalone=maybe is a usage error"
expect_err "standalone=maybe: expected true or false" "the refusal names the option"

ar build -q -f html --marking 'OFFICIAL <SENSITIVE>' -o "$TMP/mark"
[ "$(q "$TMP/mark/summary.html" ".//p[@class='marking']")" = 'OFFICIAL <SENSITIVE>' ] && pass ||
  fail "the marking is not shown as text at the top"
[ "$(q "$TMP/mark/summary.html" ".//p[@class='marking marking-end']")" = 'OFFICIAL <SENSITIVE>' ] && pass ||
  fail "the marking is not repeated at the end"

# ---- data holding markup and quotes ---------------------------------------------
ar build -q -b all -f html -o "$TMP/inject" "$AR_SRCDIR/tests/data/html/inject.xml"
expect_rc 0 "build from data holding markup"
for f in "$TMP/inject"/*.html; do
  b=$(basename "$f")
  $INSPECT "$f" 2>"$TMP/errs" && pass || fail "$b: parse errors: $(head -3 "$TMP/errs")"
  tags=$(q "$f" --tags | grep -xE 'script|img|iframe|b|i|u')
  [ -z "$tags" ] && pass || fail "$b: markup from the data became elements: $(echo $tags)"
  attrs=$(q "$f" --attrs | grep -E '^(on[a-z]*|src)=')
  [ -z "$attrs" ] && pass || fail "$b: attributes from the data: $attrs"
  links=$(q "$f" --attrs | sed -n 's/^href=//p' | grep -viE '^(#|https?://|mailto:)')
  [ -z "$links" ] && pass || fail "$b: links other than http, https, mailto: $links"
done
M="$TMP/inject/member-xa.html"
[ "$(q "$M" ".//h1")" = '<script>alert(5)</script>land (fictional)' ] && pass || fail "the name is not shown as text: $(q "$M" ".//h1")"
[ "$(q "$M" ".//head/title")" = '<script>alert(5)</script>land (fictional)' ] && pass || fail "<title> is not the name as text"
q "$M" ".//td" | grep -qF '" onmouseover="alert(6)" x="' && pass || fail "the region with quotes is not shown as text"
q "$M" ".//td" | grep -qF '<img src=x onerror=alert(7)>' && pass || fail "the action title is not shown as text"
[ "$(q "$M" ".//p[@class='subtitle']")" = "Test <b>Alliance</b> \"quoted\" & 'single': member brief as of 31 December 2016" ] &&
  pass || fail "the alliance name is not shown as text: $(q "$M" ".//p[@class='subtitle']")"
q "$TMP/inject/target-victims.html" ".//main" | grep -qF "Wording with <iframe src=\"https://example.org\"></iframe>, 'single' and \"double\" quotes, &amp; an entity, </p></section> closing tags and <!-- a comment." &&
  pass || fail "the target's wording is not shown as text"
q "$M" ".//section[@class='notes']//li" | grep -qF 'javascript:alert(3)' && pass || fail "the javascript: URL is not shown as text"
q "$M" ".//section[@class='notes']//li" | grep -qF 'data:text/html,<script>alert(4)</script>' && pass ||
  fail "the data: URL is not shown as text"
q "$M" ".//a" href | grep -qxF 'https://example.org/a?b=1&c="2"' && pass || fail "the https URL with quotes is not a link"

finish
