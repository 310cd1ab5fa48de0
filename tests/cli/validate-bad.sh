#!/bin/sh
# Every bad data file in tests/data/bad gives status 3 and the message, line
# and column listed for it in tests/data/bad/EXPECTED.
. "${AR_SRCDIR}/tests/cli/lib.sh"

bad="$AR_SRCDIR/tests/data/bad"
cd "$bad" || exit 99

# Every case file has an expectation, and every expectation a file.
for f in *.xml; do
  grep -q "^$f	" EXPECTED && pass || fail "$f has no line in EXPECTED"
done

tab=$(printf '\t')
while IFS="$tab" read -r file expected; do
  case $file in '#'* | '') continue ;; esac
  [ -f "$file" ] || { fail "EXPECTED names $file, which does not exist"; continue; }
  ar validate "$file"
  expect_rc 3 "$file"
  expect_no_crash "$file"
  first=$(grep -m1 ': error: ' "$TMP/err")
  case $first in
    "$expected"*) pass ;;
    *) fail "$file: first error is '$first', expected '$expected...'" ;;
  esac
  [ ! -s "$TMP/out" ] && pass || fail "$file: printed on stdout: $(cat "$TMP/out")"
  unplaced=$(grep -v -E '^[^:]+:[0-9]+:[0-9]+: (error|warning): |^[^:]+: note: ' "$TMP/err" | head -n1)
  [ -z "$unplaced" ] && pass || fail "$file: a message without FILE:LINE:COL: $unplaced"
done <EXPECTED

# Every problem is reported, up to the cap, in document order.
{
  sed -n '1,/<members>/p' "$AR_SRCDIR/tests/data/good/minimal.xml"
  i=1
  while [ $i -le 60 ]; do
    printf '    <member code="FX-%d" status="gone" founding="yes" source="s1"><name>N%d (fictional)</name><joined date="2012-12-05" source="s1"/></member>\n' $i $i
    i=$((i + 1))
  done
  sed -n '/<\/members>/,$p' "$AR_SRCDIR/tests/data/good/minimal.xml"
} >"$TMP/many.xml"
ar validate "$TMP/many.xml"
expect_rc 3 "60 bad members"
[ "$(grep -c ': error: status="gone"' "$TMP/err")" -eq 50 ] && pass || fail "default cap shows 50 errors"
expect_err "10 more problems not shown (raise --max-errors to see them)" "the cap says how many were left out and how to see them"
ar build -f text -o "$TMP/many-out" "$TMP/many.xml"
expect_rc 3 "build of 60 bad members"
expect_err "10 more problems not shown ('alliance-report validate --max-errors=0 DATA' shows them all)" \
  "build names the command that shows every problem, not an option it lacks"
first_line=$(grep -m1 -n 'FX-1"' "$TMP/many.xml" | cut -d: -f1)
head -n1 "$TMP/err" | grep -q "many.xml:$first_line:" && pass || fail "errors sorted by line: $(head -n1 "$TMP/err")"
ar validate --max-errors=0 "$TMP/many.xml"
[ "$(grep -c ': error: status="gone"' "$TMP/err")" -eq 60 ] && pass || fail "--max-errors=0 shows all"
ar validate -n 3 "$TMP/many.xml"
[ "$(grep -c ': error: ' "$TMP/err")" -eq 3 ] && pass || fail "-n 3 shows three"

# A bad file among good ones: all are checked, the status is 3.
ar validate "$AR_SRCDIR/tests/data/good/minimal.xml" "$bad/year-99999.xml" "$AR_SRCDIR/data/global-alliance-2014.xml"
expect_rc 3 "one bad file among good ones"
expect_out "minimal.xml: valid" "the good file before the bad one"
expect_out "global-alliance-2014.xml: valid" "the good file after the bad one"

finish
