#!/bin/sh
# The text plugin: lines never wider than the width (measured in display
# columns: wide and combining characters count right), no trailing spaces,
# pure ASCII on request, numbers right-aligned, options checked.
. "${AR_SRCDIR}/tests/cli/lib.sh"

lines="$AR_BUILDDIR/tests/tools/text-lines"
for brief in sample wide; do
  for width in 20 30 40 72 100; do
    ar render -f text -O text.width=$width "$AR_SRCDIR/tests/data/briefs/$brief.xml"
    expect_rc 0 "$brief at width $width"
    widest=$("$lines" "$TMP/out" 2>"$TMP/why") && pass || fail "$brief at width $width: $(cat "$TMP/why")"
    [ "${widest:-999}" -le "$width" ] && pass || fail "$brief at width $width has a line $widest columns wide"
  done
done

# The default width is 72.
ar render -f text "$AR_SRCDIR/tests/data/briefs/wide.xml"
widest=$("$lines" "$TMP/out")
[ "$widest" -le 72 ] && [ "$widest" -ge 60 ] && pass || fail "default width: widest line $widest"

# Wide characters are two columns: a line of them holds half as many.
grep -q '東京都の報告書は' "$TMP/out" && pass || fail "Japanese text is missing"
# A combining accent stays with its letter.
grep -q "$(printf 'e\314\201t')" "$TMP/out" && pass || fail "combining accent separated"

# ASCII mode: nothing outside ASCII.
ar render -f text -O text.ascii=true "$AR_SRCDIR/tests/data/briefs/sample.xml"
expect_rc 0 "ascii=true"
[ "$(LC_ALL=C tr -d '\000-\177' <"$TMP/out" | wc -c)" -eq 0 ] && pass || fail "ascii=true wrote non-ASCII bytes"
grep -q 'Turkiye' "$TMP/out" && pass || fail "ascii=true drops accents (Turkiye)"
grep -q '^+--' "$TMP/out" && pass || fail "ascii=true draws boxes with +-"

# Numbers right-aligned: the counts of the sample table end in one column.
ar render -f text "$AR_SRCDIR/tests/data/briefs/sample.xml"
ends=$(grep -E '^(North|South) Test Region +[0-9]+$' "$TMP/out" | awk '{ print length($0) }' | sort -u | wc -l)
[ "$ends" -eq 1 ] && pass || fail "numeric column not right-aligned"
# Headings are numbered and underlined to their width.
grep -qx '1. Introduction' "$TMP/out" && grep -qx '===============' "$TMP/out" && pass || fail "heading 1 not underlined"
grep -qx '1.1 Lists' "$TMP/out" && grep -qx -- '---------' "$TMP/out" && pass || fail "heading 1.1 not underlined"
# Citations are numbered in order of first use, with the references at the end.
grep -q 'citation\[1\], a' "$TMP/out" && grep -q 'the first again\[1\]' "$TMP/out" && pass || fail "citation numbers"
grep -q '^\[1\] A test report, Test publisher, 2014 <https://example.org/report>' "$TMP/out" && pass || fail "reference list"
# A missing chart value is shown, not drawn as zero, with the word every
# format uses; values take the form every format gives them.
grep -qx 'East  no data' "$TMP/out" && pass || fail "a missing value is not shown as 'no data'"
grep -q '^North █* 12$' "$TMP/out" && pass || fail "the bar of North: $(grep '^North' "$TMP/out")"
# The title block: the date in its long form, then "Author, Publisher".
grep -qx '30 September 2014' "$TMP/out" && pass || fail "the date is not '30 September 2014'"
grep -qx 'Test author, Test publisher' "$TMP/out" && pass || fail "the byline"
# Nested numbered list starting at 3, with hanging indent.
grep -q '^  3\. third' "$TMP/out" && pass || fail "nested numbered list"

# Output is the same on every run.
cp "$TMP/out" "$TMP/first.txt"
ar render -f text "$AR_SRCDIR/tests/data/briefs/sample.xml"
cmp -s "$TMP/out" "$TMP/first.txt" && pass || fail "two runs differ"

# Option values are checked by the plugin.
ar render -f text -O text.width=5 "$AR_SRCDIR/tests/data/briefs/sample.xml"
expect_rc 2 "width below 20 is a usage error"
expect_err "width" "width below 20 says why"
ar render -f text -O text.ascii=perhaps "$AR_SRCDIR/tests/data/briefs/sample.xml"
expect_rc 2 "ascii=perhaps is a usage error"
expect_err "expected true or false" "ascii=perhaps says why"

finish
