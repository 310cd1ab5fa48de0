#!/bin/sh
# Every brief of the bundled dataset says only what the data holds: no
# comparison of action counts when no member has an action, no citation on
# a sentence about the dataset itself, and Kosovo with its designation note
# wherever it is named (tests/tools/brief-claims.py). The checker is shown
# to catch each of these in briefs altered to break them.
. "${AR_SRCDIR}/tests/cli/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v "$PY" >/dev/null 2>&1 || skip_all "no python3"
check="$AR_SRCDIR/tests/tools/brief-claims.py"
data="$AR_SRCDIR/data/global-alliance-2014.xml"

ar build -q -b all -f xml -o "$TMP/briefs" "$data"
expect_rc 0 "build -b all -f xml of the bundled data"
n=$(ls "$TMP/briefs"/*.xml | wc -l)
[ "$n" -eq 59 ] && pass || fail "$n briefs, expected 59"

"$PY" "$check" "$data" "$TMP/briefs"/*.xml >"$TMP/problems" 2>&1
[ $? -eq 0 ] && pass "every bundled brief" || { fail "bundled briefs: $(head -3 "$TMP/problems")"; cat "$TMP/problems" >&2; }

# The briefs name Kosovo, so the designation check ran on something.
grep -l 'Kosovo' "$TMP/briefs"/*.xml >"$TMP/kosovo"
[ "$(wc -l <"$TMP/kosovo")" -ge 2 ] && pass || fail "Kosovo is named in fewer than 2 briefs"
grep -q '_designation.XK' "$TMP/briefs/member-xk.xml" && pass || fail "member-xk has no designation note"

# expect_caught WHY FILE: the checker must report WHY for FILE.
expect_caught() {
  "$PY" "$check" "$data" "$2" >"$TMP/why" 2>&1
  [ $? -eq 1 ] && grep -q "$1" "$TMP/why" && pass "caught: $1" ||
    fail "not caught: $1 in $(basename "$2"): $(cat "$TMP/why")"
}

# Kosovo without its note.
sed 's|<cite ref="_designation.XK"/>||g' "$TMP/briefs/member-xk.xml" >"$TMP/no-note.xml"
expect_caught "Kosovo without its designation note" "$TMP/no-note.xml"
# A sentence about the dataset with a citation.
sed 's|in this dataset\.|in this dataset<cite ref="speech-2014"/>.|' "$TMP/briefs/member-fr.xml" >"$TMP/cited.xml"
expect_caught "a statement about the dataset cites a source" "$TMP/cited.xml"
sed 's|for this target in this dataset\.|for this target<cite ref="speech-2014"/>.|' \
  "$TMP/briefs/target-availability.xml" >"$TMP/target-cited.xml"
expect_caught "a statement about the dataset cites a source" "$TMP/target-cited.xml"
# A comparison of action counts in data that holds none.
sed 's|<p>This dataset records no action|<p>France has recorded 0 actions, the same as the median of 0 per member. This dataset records no action|' \
  "$TMP/briefs/member-fr.xml" >"$TMP/compared.xml"
expect_caught "compares action counts" "$TMP/compared.xml"

# Where the data holds actions, comparisons belong in the member briefs.
"$AR_GEN_DATA" 12 3 >"$TMP/gen.xml"
ar build -q -b member -f xml -o "$TMP/gen" "$TMP/gen.xml"
expect_rc 0 "member briefs of generated data"
grep -l 'id="comparison"' "$TMP/gen"/*.xml >/dev/null && pass || fail "no comparison in briefs of data with actions"
if grep -q '<action ' "$data"; then
  skip 1 "the bundled data holds actions"
else
  grep -l 'id="comparison"' "$TMP/briefs"/*.xml >/dev/null && fail "a comparison in briefs of data without actions" || pass
fi

finish
