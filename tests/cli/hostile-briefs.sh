#!/bin/sh
# Hostile briefs made on the fly, through every writer: chart values at the
# limits of doubles, lists, notes and quotes nested as deep as allowed and
# one deeper, words and labels longer than libharu takes in one piece,
# dates that are no calendar day, directional formatting, controls and
# noncharacters in data. Each is written in bounded time (a timeout with a
# wide margin proves it does not hang), without a crash, as a valid file
# (qpdf --check, html5lib, xmllint) with no "nan" or "inf" in it, or is
# refused with file:line:col and status 3 in every format alike.
. "${AR_SRCDIR}/tests/cli/lib.sh"

LIMIT=120
[ -n "$AR_WRAPPER" ] && LIMIT=1500
AR_WRAPPER="timeout -k 10 $LIMIT ${AR_WRAPPER:-}"

PY=/usr/bin/python3
INSPECT="$PY $AR_SRCDIR/tests/tools/html-inspect.py"
html5lib=0
$PY -c 'import html5lib' 2>/dev/null && html5lib=1
pcre=0
echo x | grep -qP 'x' 2>/dev/null && pcre=1

RLO=$(printf '\342\200\256') # U+202E, right-to-left override
PDF=$(printf '\342\200\254') # U+202C, pop directional formatting
LRI=$(printf '\342\201\246') # U+2066, left-to-right isolate
PDI=$(printf '\342\201\251') # U+2069, pop directional isolate
FSI=$(printf '\342\201\250') # U+2068, first strong isolate
FFFD=$(printf '\357\277\275')
DBL_MAX=1.7976931348623157e308

# brief FILE: a brief holding the blocks on standard input.
brief() {
  {
    printf '<brief version="1.0" lang="en">\n<title>Hostile brief (fictional)</title>\n'
    printf '<date>2014-09-30</date>\n'
    cat
    printf '</brief>\n'
  } >"$TMP/$1"
}

# repeat N TEXT: TEXT N times, without newline.
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# pdf_numbers FILE: every number of FILE's page content streams, one a line.
pdf_numbers() {
  qpdf --qdf --object-streams=disable "$1" "$TMP/qdf.pdf" 2>/dev/null
  awk '/^%% Contents for page/ { c = 1 } c && /^endstream/ { c = 0 }
       c && !/^%/ { for (i = 1; i <= NF; i++) if ($i !~ /^</) print $i }' "$TMP/qdf.pdf" |
    grep -E '^-?[0-9.]+$|^-?(nan|inf)' || true
}

# valid FORMAT FILE WHAT: FILE is a valid file of FORMAT, with no "nan" or
# "inf" where a number is drawn; a text file holds no control,
# directional formatting or noncharacter, but for first strong isolates
# (U+2068) each closed (U+2069) in order.
valid() {
  case $1 in
  pdf)
    if have qpdf; then
      qpdf --check "$2" >"$TMP/qpdf" 2>&1 && pass || fail "$3: qpdf --check: $(grep -v '^checking' "$TMP/qpdf" | head -3)"
      bad=$(pdf_numbers "$2" | awk '!/^-?[0-9.]+$/ || $1 > 32767 || $1 < -32767' | head -3 | tr '\n' ' ')
      [ -z "$bad" ] && pass || fail "$3: the PDF draws at $bad"
    else
      skip 2 "$3: the PDF's validity: qpdf is not installed (Debian: qpdf)"
    fi
    ;;
  html)
    if [ "$html5lib" = 1 ]; then
      $INSPECT "$2" 2>"$TMP/parse" && pass || fail "$3: HTML5 parse errors: $(head -3 "$TMP/parse")"
      bad=$($INSPECT "$2" --attrs | grep -E '^(x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox)=' |
        awk -F= '{ n = split($2, v, "[ ,]+"); for (i = 1; i <= n; i++)
                     if (v[i] !~ /^-?[0-9]+(\.[0-9]+)?$/ || v[i] + 0 < -1 || v[i] + 0 > 10000) print }' | head -3 | tr '\n' ' ')
      [ -z "$bad" ] && pass || fail "$3: SVG drawn at $bad"
    else
      skip 2 "$3: the HTML's validity: python3-html5lib is not installed (Debian: python3-html5lib)"
    fi
    ! grep -qiE '"[^"]*\b-?(nan|inf)\b[^"]*"' "$2" && pass || fail "$3: nan or inf in an HTML attribute"
    ;;
  xml)
    if have xmllint; then
      xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$2" 2>"$TMP/lint" && pass ||
        fail "$3: the xml writer's output does not match brief.rng: $(head -3 "$TMP/lint")"
    else
      skip 1 "$3: the xml writer's output: xmllint is not installed (Debian: libxml2-utils)"
    fi
    ;;
  text)
    if [ "$pcre" = 1 ]; then
      ! LC_ALL=C grep -qaP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6\xa7]|\xef\xb7[\x90-\xaf]|\xef\xbf[\xbe\xbf]|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]' "$2" &&
        pass || fail "$3: the text holds a control, directional formatting or a noncharacter"
      isolates=$(LC_ALL=C grep -aoP '\xe2\x81[\xa8\xa9]' "$2" | LC_ALL=C tr -d '\342\201\n' | LC_ALL=C tr '\250\251' '()')
      while :; do
        case $isolates in *'()'*) isolates=$(printf '%s' "$isolates" | sed 's/()//g') ;; *) break ;; esac
      done
      [ -z "$isolates" ] && pass || fail "$3: isolates not closed in order: $isolates"
    else
      skip 2 "$3: the text's characters: grep -P is not available"
    fi
    ;;
  esac
}

# written FILE WHAT: FILE rendered in every format, each in bounded time,
# without a crash, a valid file; the output of FORMAT is left in
# $TMP/out.FORMAT.
written() {
  for fmt in pdf html text xml; do
    ar render -f "$fmt" "$TMP/$1"
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      fail "$2 ($fmt): still running after $LIMIT s"
      continue
    fi
    expect_rc 0 "$2 ($fmt)"
    expect_no_crash "$2 ($fmt)"
    cp "$TMP/out" "$TMP/out.$fmt"
    valid "$fmt" "$TMP/out.$fmt" "$2 ($fmt)"
  done
}

# refused FILE TEXT WHAT [FORMAT...]: FILE is refused in each format (all
# four when none is given), with status 3, TEXT on stderr and no output.
refused() {
  file=$1 text=$2 what=$3
  shift 3
  for fmt in ${*:-pdf html text xml}; do
    ar render -f "$fmt" "$TMP/$file"
    expect_rc 3 "$what ($fmt)"
    expect_err "$text" "$what ($fmt)"
    [ -s "$TMP/out" ] && fail "$what ($fmt): wrote $(wc -c <"$TMP/out") bytes" || pass
  done
}

# ---- chart values at the limits of doubles --------------------------------------
# One chart per value set and kind: a single huge value, values closer than
# the doubles there can tell apart, the largest doubles of both signs.
{
  n=0
  for values in "1e17" "1e15 1000000000000000.2" "1e300" "1e300 1e300" "$DBL_MAX" "-$DBL_MAX" \
    "-$DBL_MAX $DBL_MAX" "1e308 -1e308" "0 $DBL_MAX" "4.9e-324" "0 4.9e-324 -4.9e-324" \
    "-1e17 -99999999999999984" "1e15 _ 1000000000000000.2"; do
    for kind in bar line; do
      n=$((n + 1))
      printf '<chart kind="%s" title="Chart %d">\n' "$kind" "$n"
      i=0
      for v in $values; do i=$((i + 1)); printf '<category>C%d</category>' "$i"; done
      for s in 1 2; do
        printf '<series name="S%d">' "$s"
        for v in $values; do [ "$v" = _ ] && printf '<value/>' || printf '<value>%s</value>' "$v"; done
        printf '</series>\n'
      done
      printf '</chart>\n'
    done
  done
} | brief charts.xml
written charts.xml "charts at the limits of doubles"
charts=$(grep -c '<chart ' "$TMP/charts.xml")
if [ "$html5lib" = 1 ]; then
  # Every chart has an axis of at least two ticks, each a number.
  ticks=$($INSPECT "$TMP/out.html" ".//svg:text[@class='tick']" | grep -cE '^-?[0-9][0-9,.e+-]*$')
  [ "$ticks" -ge $((2 * charts)) ] && pass || fail "$ticks tick labels for $charts charts"
  [ -z "$($INSPECT "$TMP/out.html" ".//svg:text[@class='tick']" | grep -viE '^-?[0-9][0-9,.e+-]*$')" ] &&
    pass || fail "a tick label that is not a number"
else
  skip 2 "the charts' ticks: python3-html5lib is not installed (Debian: python3-html5lib)"
fi
# Every value shows as a number in the text format.
grep -q -- '1.7976931348623157e+308' "$TMP/out.text" && grep -q -- '-1.7976931348623157e+308' "$TMP/out.text" &&
  pass || fail "the text format lost the largest doubles"

# ---- nesting: the deepest allowed, and one beyond ------------------------------------
# nested DEPTH KIND...: blocks of the kinds given in turn, DEPTH deep, each
# element at the start of its line (line 3 holds the first).
nested() {
  depth=$1
  shift
  i=0
  open=""
  while [ "$i" -lt "$depth" ]; do
    eval "kind=\${$((i % $# + 1))}"
    case $kind in
    note) printf '<note title="Level %d">\n<p>Text at level %d.</p>\n' "$i" "$i"; open="</note>$open" ;;
    quote) printf '<quote attribution="Speaker %d (fictional)">\n<p>Text at level %d.</p>\n' "$i" "$i"; open="</quote>$open" ;;
    list) printf '<list>\n<item>\n<p>Text at level %d.</p>\n' "$i"; open="</item></list>$open" ;;
    esac
    i=$((i + 1))
  done
  printf '%s\n' "$open"
}
for kinds in note quote list "note quote list"; do
  name=$(echo "$kinds" | tr ' ' -)
  nested 8 $kinds | brief "deepest-$name.xml"
  written "deepest-$name.xml" "$kinds nested 8 deep"
  nested 9 $kinds | brief "too-deep-$name.xml"
  line=$(grep -n '^<\(note\|quote\|list\)' "$TMP/too-deep-$name.xml" | sed -n 9p | cut -d: -f1)
  kind=$(grep '^<\(note\|quote\|list\)' "$TMP/too-deep-$name.xml" | sed -n '9s/^<\([a-z]*\).*/\1/p')
  refused "too-deep-$name.xml" \
    "too-deep-$name.xml:$line:1: error: <$kind> is nested 9 deep; lists, notes and quotes nest at most 8 deep" \
    "$kinds nested 9 deep"
done
awk 'BEGIN { for (i = 1; i <= 7; i++) printf "<section>\n<title>Level %d</title>\n<p>x</p>\n", i;
             for (i = 1; i <= 7; i++) printf "</section>\n" }' | brief sections.xml
line=$(grep -n '^<section>' "$TMP/sections.xml" | sed -n 7p | cut -d: -f1)
refused sections.xml "sections.xml:$line:1: error: sections are nested more than 6 deep" "sections 7 deep" text

# ---- words and labels longer than libharu takes ----------------------------------------
# A word of 70 000 characters, broken at the line width.
{
  printf '<p>'
  repeat 70000 x
  printf '</p>\n'
} | brief long-word.xml
written long-word.xml "a word of 70 000 characters"
if have pdftotext; then
  pdftotext "$TMP/out.pdf" - 2>/dev/null | grep -q '^xxxxxxxxxxxxxxxxxxxx' && pass || fail "the long word is not in the PDF"
  [ "$(pdfinfo "$TMP/out.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" -gt 1 ] && pass ||
    fail "the long word fits one page"
else
  skip 2 "the long word in the PDF: pdftotext is not installed (Debian: poppler-utils)"
fi

# Every string of a brief 66 000 bytes long (33 000 é): title, marking,
# headings, the page label, chart labels, cells, references, a URL.
E=$(repeat 33000 'é')
cat >"$TMP/long-strings.xml" <<EOF
<brief version="1.0" lang="en">
<title>$E</title><subtitle>$E</subtitle><date>2014-09-30</date>
<author>$E</author><publisher>$E</publisher><marking>$E</marking>
<wording><page>Page {page} of {pages} $E</page><long-date>{day} {month} {year} $E</long-date><notes>$E</notes><contents>$E</contents></wording>
<references><reference id="r1" url="https://example.org/$E">$E</reference></references>
<section><title>$E</title>
<p>$E <link href="https://example.org/$E">$E</link> a citation<cite ref="r1"/>.</p>
<figures><figure label="$E" value="$E" change="$E"/></figures>
<table caption="$E"><columns><column/><column numeric="yes"/></columns><head><row><cell>$E</cell><cell>$E</cell></row></head><body><row><cell>$E</cell><cell>12</cell></row></body></table>
<chart kind="bar" title="$E" unit="$E"><category>$E</category><category>b</category><series name="$E"><value>1</value><value/></series><series name="s2"><value>2</value><value>3</value></series></chart>
<chart kind="line" title="$E"><category>$E</category><category>b</category><series name="s1"><value>1</value><value>2</value></series></chart>
<note title="$E"><p>$E</p></note>
<quote attribution="$E"><p>short</p></quote>
<list><item>$E</item></list>
</section>
<section><title>Second</title><p>x</p></section>
<section><title>Third</title><p>x</p></section>
</brief>
EOF
written long-strings.xml "strings of 66 000 bytes"
if have pdftotext; then
  pdftotext -f 2 -l 2 "$TMP/out.pdf" - 2>/dev/null >"$TMP/page2.txt"
  grep -q '^Page 2 of [0-9]* ééé*…$' "$TMP/page2.txt" && pass || fail "page 2 lacks its shortened page label"
  grep -q '^ééé*…$' "$TMP/page2.txt" && pass || fail "page 2 lacks its shortened running header"
else
  skip 2 "the page label and header of the PDF: pdftotext is not installed (Debian: poppler-utils)"
fi

# A table row taller than a page goes on over the next pages, all of it.
{
  printf '<table caption="Tall"><columns><column/><column numeric="yes"/></columns>\n'
  printf '<head><row><cell>Name</cell><cell>Value</cell></row></head><body>\n'
  printf '<row><cell>first</cell><cell>1</cell></row>\n<row><cell>'
  awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "w%d ", i }'
  printf 'END</cell><cell>2</cell></row>\n<row><cell>last</cell><cell>3</cell></row></body></table>\n'
  printf '<p>After the table.</p>\n'
} | brief tall-row.xml
written tall-row.xml "a table row taller than a page"
if have pdftotext; then
  pdftotext "$TMP/out.pdf" - 2>/dev/null >"$TMP/tall.txt"
  for line in 'w20000 END' '^last$' '^After the table.$'; do
    grep -q "$line" "$TMP/tall.txt" && pass || fail "the PDF of the tall row lacks '$line'"
  done
  [ "$(grep -cx Name "$TMP/tall.txt")" -gt 2 ] && pass || fail "the tall row's pages do not repeat the header"
else
  skip 4 "the tall row in the PDF: pdftotext is not installed (Debian: poppler-utils)"
fi

# A key figure's label longer than a page holds is cut with "…".
{
  printf '<figures><figure label="'
  awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "w%d ", i }'
  printf 'END" value="54"/><figure label="Members" value="48"/></figures>\n<p>After the figures.</p>\n'
} | brief long-figure.xml
written long-figure.xml "a key figure's label longer than a page"
if have pdftotext; then
  pdftotext "$TMP/out.pdf" - 2>/dev/null >"$TMP/figure.txt"
  grep -q '^w[0-9 w]*…$' "$TMP/figure.txt" && pass || fail "the long label is not cut with …"
  grep -q '^After the figures.$' "$TMP/figure.txt" && pass || fail "the PDF lacks the paragraph after the figures"
else
  skip 2 "the long label in the PDF: pdftotext is not installed (Debian: poppler-utils)"
fi

# ---- dates that are no calendar day ------------------------------------------------------
for date in 2014-02-30 2013-02-29 0000-01-01 2014-13-01; do
  printf '<p>x</p>\n' | brief "date-$date.xml"
  sed -i "s|<date>2014-09-30</date>|<date>$date</date>|" "$TMP/date-$date.xml"
  refused "date-$date.xml" "date-$date.xml:3:1: error: " "the date $date"
  expect_err "$date" "the date $date"
done
# A 29 February of a leap year is a day, the same in every format.
printf '<p>x</p>\n' | brief leap.xml
sed -i "s|<date>2014-09-30</date>|<date>2012-02-29</date>|" "$TMP/leap.xml"
written leap.xml "29 February 2012"
grep -qx '29 February 2012' "$TMP/out.text" && pass || fail "the text brief lacks its date"
grep -qF '<time datetime="2012-02-29">29 February 2012</time>' "$TMP/out.html" && pass || fail "the HTML brief lacks its date"
if have pdfinfo; then
  pdfinfo "$TMP/out.pdf" 2>/dev/null | grep -q '^CreationDate: .*Feb 29 .*2012' && pass || fail "the PDF is not dated 29 February 2012"
else
  skip 1 "the PDF's date: pdfinfo is not installed (Debian: poppler-utils)"
fi

# ---- directional formatting, controls and noncharacters in data -------------------------
brief bidi.xml <<EOF
<references><reference id="r1" url="https://example.org/">Source ${RLO}reversed</reference></references>
<section><title>Heading ${LRI}isolated</title>
<p>Before ${RLO}reversed<em>after</em> and ${LRI}open. Next line$(printf '\302\205')NEL, CSI$(printf '\302\233')31m, a$(printf '\357\267\220')b$(printf '\360\237\277\277')c.<cite ref="r1"/></p>
<chart kind="bar" title="Chart ${RLO}title" unit="${RLO}unit"><category>Cat${RLO}egory</category><series name="S${RLO}1"><value>5</value></series></chart>
</section>
EOF
written bidi.xml "directional formatting, controls and noncharacters"
ar render -f text -O text.ascii=true "$TMP/bidi.xml"
expect_rc 0 "the same brief in ASCII"
valid text "$TMP/out" "the same brief in ASCII"
grep -qF "a${FFFD}b${FFFD}c." "$TMP/out.text" && pass || fail "the text brief lacks U+FFFD for the noncharacters"
grep -qF "${FSI}Before reversed${PDI}_after_ ${FSI}and open." "$TMP/out.text" && pass ||
  fail "the text brief kept directional formatting, or does not isolate the strings that held it"
grep -qF "Before reversed_after_ and open." "$TMP/out" && pass || fail "the ASCII text brief kept directional formatting"
# HTML: what a string opens it closes; data beside other text is isolated.
grep -qF "Before ${RLO}reversed${PDF}<em>after</em> and ${LRI}open. Next line${FFFD}NEL, CSI${FFFD}31m, a${FFFD}b${FFFD}c.${PDI}<sup" "$TMP/out.html" &&
  pass || fail "the HTML paragraph does not close what its text opens"
grep -qF "<bdi>Source ${RLO}reversed${PDF}</bdi>" "$TMP/out.html" && pass || fail "the HTML note is not isolated and closed"
grep -qF "<bdi>Chart ${RLO}title${PDF}</bdi> (<bdi>${RLO}unit${PDF}</bdi>)" "$TMP/out.html" && pass ||
  fail "the chart's title and unit are not isolated in its table's caption"
if have pdftotext; then
  pdftotext "$TMP/out.pdf" - 2>/dev/null | tr -d '\f' >"$TMP/bidi.txt"
  valid text "$TMP/bidi.txt" "the PDF's text"
else
  skip 1 "the PDF's text: pdftotext is not installed (Debian: poppler-utils)"
fi

finish
