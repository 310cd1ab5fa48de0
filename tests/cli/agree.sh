#!/bin/sh
# The text, PDF and HTML forms of every brief agree on what the shared
# layout rules decide: the date of the title block, the numbers and texts
# of the notes, and every value of every chart (tests/tools/agree.py reads
# them from the HTML and looks for them in the other two). Run on every
# brief of the bundled dataset, on generated data whose charts have
# thousands, decimals and line charts, and on a hand-written brief worded
# in French.
. "${AR_SRCDIR}/tests/cli/lib.sh"

PY=/usr/bin/python3
"$PY" -c 'import html5lib' 2>/dev/null || skip_all "python3 with html5lib is not installed (Debian: python3-html5lib)"
require_pdf pdftotext

# agree DIR WHAT: each brief in DIR in its three forms, one check each.
agree() {
  n=0
  for html in "$1"/*.html; do
    stem=${html%.html}
    pdftotext "$stem.pdf" "$stem.pdftext" 2>/dev/null || { fail "$2: pdftotext $stem.pdf"; continue; }
    if "$PY" "$AR_SRCDIR/tests/tools/agree.py" "$stem.txt" "$stem.pdftext" "$html" >"$TMP/why" 2>&1; then
      pass "$2: $(basename "$stem")"
    else
      fail "$2: $(basename "$stem") disagrees"
      sed 's/^/  /' "$TMP/why" >&2
    fi
    n=$((n + 1))
  done
  [ "$n" -eq "$3" ] && pass "$2: $3 briefs" || fail "$2: $n briefs checked, not $3"
}

ar build -q -b all -f text,pdf,html -o "$TMP/bundled"
expect_rc 0 "build -b all -f text,pdf,html"
agree "$TMP/bundled" "bundled dataset" 59

"$AR_GEN_DATA" 12 3 >"$TMP/gen.xml"
ar build -q -b all -f text,pdf,html -o "$TMP/gen" "$TMP/gen.xml"
expect_rc 0 "build -b all of generated data"
agree "$TMP/gen" "generated data" "$(($(ls "$TMP/gen" | wc -l) / 3))"
grep -q '[0-9],[0-9][0-9][0-9]' "$TMP/gen"/member-*.txt && pass || fail "no chart of the generated data has thousands"

mkdir "$TMP/worded"
for f in text pdf html; do
  ar render -f "$f" -o "$TMP/worded/worded.$(case $f in text) echo txt ;; *) echo $f ;; esac)" \
    "$AR_SRCDIR/tests/data/briefs/worded.xml"
  expect_rc 0 "render -f $f worded.xml"
done
agree "$TMP/worded" "a brief worded in French" 1

# The check itself notices a disagreement: a note renumbered, a date and a
# chart value written another way.
stem="$TMP/bundled/summary"
sed 's/^\[2\]\( \|$\)/[3]\1/' "$stem.pdftext" >"$TMP/renumbered"
"$PY" "$AR_SRCDIR/tests/tools/agree.py" "$stem.txt" "$TMP/renumbered" "$stem.html" >"$TMP/why" 2>&1
[ $? -eq 1 ] && grep -q 'pdf: note \[2\] is missing' "$TMP/why" && pass || fail "a renumbered note goes unnoticed"
date=$(sed -n '4p' "$stem.txt")
sed '4s/.*/2014-09-30/' "$stem.txt" >"$TMP/isodate"
"$PY" "$AR_SRCDIR/tests/tools/agree.py" "$TMP/isodate" "$stem.pdftext" "$stem.html" >"$TMP/why" 2>&1
[ $? -eq 1 ] && grep -q "text: the title block lacks the date '$date'" "$TMP/why" && pass ||
  fail "a date in another form goes unnoticed"
member=$(grep -l '[0-9],[0-9][0-9][0-9]' "$TMP/gen"/member-*.txt | head -n 1)
sed 's/\([0-9]\),\([0-9][0-9][0-9]\)/\1\2/g' "$member" >"$TMP/nocomma"
"$PY" "$AR_SRCDIR/tests/tools/agree.py" "$TMP/nocomma" "${member%.txt}.pdftext" "${member%.txt}.html" >"$TMP/why" 2>&1
[ $? -eq 1 ] && grep -q "text: chart .* does not show the value" "$TMP/why" && pass ||
  fail "a chart value without its separator goes unnoticed"

finish
