#!/bin/sh
# render: a hand-written brief through each plugin; the xml writer's output
# reads back to the same tree (round trip); bad briefs are refused.
. "${AR_SRCDIR}/tests/cli/lib.sh"

sample="$AR_SRCDIR/tests/data/briefs/sample.xml"

ar render -f xml "$sample"
expect_rc 0 "render -f xml"
cp "$TMP/out" "$TMP/once.xml"
if have xmllint; then
  xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$TMP/once.xml" 2>"$TMP/lint" && pass ||
    fail "the xml writer's output does not match brief.rng: $(cat "$TMP/lint")"
else
  skip 1 "the xml writer's output against brief.rng: xmllint is not installed (Debian: libxml2-utils)"
fi
ar render -f xml "$TMP/once.xml"
expect_rc 0 "render -f xml of the xml writer's output"
cmp -s "$TMP/out" "$TMP/once.xml" && pass || fail "the xml round trip changed the brief: $(diff "$TMP/once.xml" "$TMP/out" | head -5)"

# The same tree renders the same text, whichever form it was read from.
ar render -f text "$sample"
cp "$TMP/out" "$TMP/sample.txt"
ar render -f text "$TMP/once.xml"
cmp -s "$TMP/out" "$TMP/sample.txt" && pass || fail "text of the round-tripped brief differs"

# Every element reached the xml writer's output.
for e in '<subtitle>' '<marking>OFFICIAL</marking>' '<reference id="r2">A second source &amp; its &lt;title&gt;</reference>' \
  '<em>emphasised</em>' '<strong>strong</strong>' '<link href="https://example.org/">linked</link>' \
  '<cite ref="r1"/>' '<br/>' '<list numbered="yes" start="3">' 'numeric="yes"' '<head>' \
  '<figure label="Members" value="54" change="+6 since launch"/>' '<value/>' \
  '<chart kind="line" title="Growth" unit="members">' '<note title="Note">' '<quote attribution="A test speaker">' \
  'Հայաստան'; do
  grep -qF -- "$e" "$TMP/once.xml" && pass || fail "the xml writer lost $e"
done

# ---- wording --------------------------------------------------------------------
# A brief without <wording> is written back without one, and shows English.
grep -q '<wording>' "$TMP/once.xml" && fail "the xml writer added a <wording> the brief lacks" || pass
grep -qx 'Notes' "$TMP/sample.txt" && pass || fail "a brief without wording lacks the English 'Notes'"

# A brief that words itself: its words reach every format, no English one
# shows, and the xml writer keeps them.
worded="$AR_SRCDIR/tests/data/briefs/worded.xml"
ar render -f xml "$worded"
expect_rc 0 "render -f xml of a worded brief"
cp "$TMP/out" "$TMP/worded.xml"
for e in '<contents>Sommaire</contents>' '<page>{page} / {pages}</page>' '<long-date>le {day} {month} {year}</long-date>' \
  '<months>janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre</months>'; do
  grep -qF -- "$e" "$TMP/worded.xml" && pass || fail "the xml writer lost $e"
done
ar render -f xml "$TMP/worded.xml"
cmp -s "$TMP/out" "$TMP/worded.xml" && pass || fail "the wording does not round-trip: $(diff "$TMP/worded.xml" "$TMP/out" | head -5)"

# english FILE WHAT: FILE shows none of the English fixed words.
english() {
  found=$(grep -oE 'Contents|Notes|Page [0-9]|Skip to|no data|n/a|Bar chart|Line chart|values in|back to|source [0-9]|Table [0-9]|The table|Made with|chart’s data|August|categories' "$1" | sort -u | tr '\n' ' ')
  [ -z "$found" ] && pass || fail "$2 shows English words: $found"
}
ar render -f text "$worded"
expect_rc 0 "render -f text of a worded brief"
english "$TMP/out" "the worded text brief"
for line in 'le 1 août 2014' 'Remarques' 'Est  sans donnée' 'Nord █* 1,234.5' 'Sud  ▎ 7.0'; do
  grep -qx -- "$line" "$TMP/out" && pass || fail "the worded text brief lacks the line '$line'"
done

ar render -f html "$worded"
expect_rc 0 "render -f html of a worded brief"
sed '/<style>/,/<\/style>/d' "$TMP/out" >"$TMP/worded.html"
english "$TMP/worded.html" "the worded HTML brief"
for e in '>Aller à la note</a>' '<h2 id="ar-contents">Sommaire</h2>' '<h2 id="ar-sources">Remarques</h2>' \
  '<time datetime="2014-08-01">le 1 août 2014</time>' '<summary>Les données du graphique</summary>' \
  'aria-label="Tableau 1"' '<span class="visually-hidden">référence </span>1</a>' \
  '<span class="visually-hidden">retour à la citation </span>2</a>' \
  '<span class="visually-hidden"> retour au texte qui cite la référence 2</span>' \
  'Graphique en barres, valeurs en membres. Nord 1,234.5 membres; Sud 7.0 membres; Est sans donnée. Le tableau qui suit le graphique donne chaque valeur.' \
  '<p class="colophon">Produit avec alliance-report '; do
  grep -qF -- "$e" "$TMP/worded.html" && pass || fail "the worded HTML brief lacks $e"
done

if ! have pdftotext pdfinfo; then
  skip 5 "pdftotext and pdfinfo (Debian: poppler-utils) are not installed"
elif ar plugins && ! grep -q '^pdf ' "$TMP/out"; then
  skip 5 "built without the PDF plugin"
else
  ar render -f pdf -o "$TMP/worded.pdf" "$worded"
  expect_rc 0 "render -f pdf of a worded brief"
  pdftotext "$TMP/worded.pdf" "$TMP/worded-pdf.txt"
  english "$TMP/worded-pdf.txt" "the worded PDF brief"
  pages=$(pdfinfo "$TMP/worded.pdf" | sed -n 's/^Pages: *//p')
  [ "$(tr -d ' ' <"$TMP/worded-pdf.txt" | grep -cx "[2-9]/$pages")" -eq $((pages - 1)) ] && pass ||
    fail "the footers do not read 'N / $pages'"
  grep -qx 'Sommaire' "$TMP/worded-pdf.txt" && grep -qx 'Remarques' "$TMP/worded-pdf.txt" && pass ||
    fail "the worded PDF brief lacks Sommaire or Remarques"
  pdfinfo "$TMP/worded.pdf" | grep -q '^Keywords: *Alliance mondiale' && pass || fail "the PDF keywords are not the brief's"
fi

# Words that do not fit their key are refused, naming the word and why.
# bad_word NAME ELEMENT MESSAGE
bad_word() {
  printf '<brief version="1.0"><title>T</title><wording>%s</wording></brief>\n' "$2" >"$TMP/$1.xml"
  ar render -f text "$TMP/$1.xml"
  expect_rc 3 "wording: $1"
  expect_err "$3" "wording: $1 says why"
}
bad_word unknown-placeholder '<page>Page {page} of {pages} ({total})</page>' \
  'error: <page>Page {page} of {pages} ({total})</page> has the placeholder {total}, which it does not take (it takes {page} and {pages})'
bad_word missing-placeholder '<page>Page {page}</page>' \
  '<page>Page {page}</page> lacks the placeholder {pages} (it takes {page} and {pages})'
bad_word printf-format '<page>Page %s of %n</page>' 'lacks the placeholder {page}'
bad_word months '<months>janvier, février</months>' 'must name the twelve months, separated by commas'
bad_word twice '<notes>Notes</notes><notes>Remarques</notes>' '<notes> is given twice'
bad_word unknown-word '<colour>red</colour>' 'colour'

# Words given in part: the others stay English.
printf '<brief version="1.0"><title>T</title><wording><notes>Remarques</notes></wording><references><reference id="r">R</reference></references><chart kind="bar" title="C"><category>a</category><series name="s"><value/></series></chart><p>x<cite ref="r"/></p></brief>\n' >"$TMP/part.xml"
ar render -f text "$TMP/part.xml"
expect_rc 0 "a brief giving some words"
grep -qx 'Remarques' "$TMP/out" && grep -qx 'a no data' "$TMP/out" && pass || fail "a brief giving some words: $(cat "$TMP/out")"

# Every loop over the data has a bound: a chart far from zero (whose axis
# steps no longer move its value) and labels and words far too long end,
# and soon.
{
  printf '<brief version="1.0"><title>T</title><wording><no-data>%s</no-data></wording>' "$(printf '%*s' 30000 '' | tr ' ' w)"
  printf '<chart kind="line" title="Far"><category>a</category><category>b</category><series name="s"><value>1e17</value><value>1e17</value></series></chart>'
  printf '<chart kind="bar" title="Long"><category>%s</category><category>b</category><series name="s"><value>1</value><value/></series></chart></brief>\n' \
    "$(printf '%*s' 30000 '' | tr ' ' x)"
} >"$TMP/far.xml"
ar plugins
for format in $(awk '$1 ~ /^(text|html|pdf|xml)$/ { print $1 }' "$TMP/out"); do
  timeout 120 $AR_WRAPPER "$AR_BIN" render -f "$format" -o "$TMP/far.$format" "$TMP/far.xml" >/dev/null 2>"$TMP/err"
  rc=$?
  expect_rc 0 "a chart far from zero and long labels in $format"
done

# -o writes the file through a temporary name.
ar render -f text -o "$TMP/sample-out.txt" "$sample"
expect_rc 0 "render -o FILE"
cmp -s "$TMP/sample-out.txt" "$TMP/sample.txt" && pass || fail "-o wrote something else than stdout"
[ -z "$(find "$TMP" -name '.sample-out.txt.*')" ] && pass || fail "a temporary file was left"

ar render -f text -o "$TMP/no/such/dir/x.txt" "$sample"
expect_rc 1 "render into a missing folder"
expect_err "cannot write" "render into a missing folder says why"

# Usage errors.
ar render "$sample"
expect_rc 2 "render without -f"
ar render -f text
expect_rc 2 "render without a file"
ar render -f nosuch "$sample"
expect_rc 2 "render with an unknown format"
expect_err "unknown format 'nosuch'" "unknown format"
expect_err "Formats:" "the formats are listed"

# Bad briefs.
printf '<brief version="1.0"><title>T</title><p>Cites <cite ref="nope"/></p></brief>\n' >"$TMP/badcite.xml"
ar render -f text "$TMP/badcite.xml"
expect_rc 3 "a citation of an unknown reference"
expect_err 'a citation names the reference "nope", which the brief does not list' "unknown reference"

printf '<brief version="1.0"><title>T</title><p>open\n</brief>\n' >"$TMP/malformed.xml"
ar render -f text "$TMP/malformed.xml"
expect_rc 3 "a malformed brief"
expect_err "malformed.xml:2:" "a malformed brief gives its line"

printf '<brief version="1.0"><title>T</title>\n<para>x</para></brief>\n' >"$TMP/invalid.xml"
ar render -f text "$TMP/invalid.xml"
expect_rc 3 "an invalid brief"
expect_err "invalid.xml:2:1: error: <para> is not allowed here" "an invalid brief names the element"

printf '<brief version="1.0"><title>T</title><table><columns><column/><column/></columns><body><row><cell>1</cell></row></body></table></brief>\n' >"$TMP/cells.xml"
ar render -f text "$TMP/cells.xml"
expect_rc 3 "a row with too few cells"
expect_err "as many cells as the table has <column>s (2)" "a row with too few cells"

# --max-nodes: a brief of more nodes is refused, and the message names the
# option render has.
ar render -f text --max-nodes 20 "$sample"
expect_rc 3 "render --max-nodes 20"
expect_err "limit of 20 nodes (elements, attributes and text; --max-nodes=N sets it)" \
  "render --max-nodes 20 says why and how to raise it"
ar render -f text --max-nodes 1000000 "$sample"
expect_rc 0 "render --max-nodes 1000000"
ar render -f text --max-nodes=some "$sample"
expect_rc 2 "render --max-nodes with a word"

# brief.rng and the reader agree: a section is a block of sections and the
# document only, never of a note, quote or list item.
for holder in note quote; do
  sed "s|<note title=\"Note\">A note with <strong>strong</strong> text.</note>|<$holder><section><title>Inside</title><p>x</p></section></$holder>|" \
    "$sample" >"$TMP/section-in-$holder.xml"
  grep -q '<section><title>Inside' "$TMP/section-in-$holder.xml" || fail "the sample brief has changed: no note to replace"
  if command -v xmllint >/dev/null 2>&1; then
    ! xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$TMP/section-in-$holder.xml" 2>/dev/null && pass ||
      fail "brief.rng accepts a section inside a $holder"
  else
    skip 1 "xmllint not installed (Debian: libxml2-utils)"
  fi
  ar render -f text "$TMP/section-in-$holder.xml"
  expect_rc 3 "a section inside a $holder is refused"
  expect_err "section-in-$holder.xml:56:" "the refusal gives the file and line"
done

finish
