#!/bin/sh
# Valid data validates: the bundled dataset, the minimal example and the
# generated data; and the bundled dataset holds what its sources say.
. "${AR_SRCDIR}/tests/cli/lib.sh"

ar validate
expect_rc 0 "the bundled dataset (no file named)"
expect_out "global-alliance-2014.xml: valid: 54 members (and 1 endorsed at launch only), 4 targets" \
  "the bundled dataset's counts"
[ ! -s "$TMP/err" ] && pass || fail "the bundled dataset gives warnings: $(cat "$TMP/err")"

bundled="$AR_SRCDIR/data/global-alliance-2014.xml"
ar validate "$bundled" "$AR_SRCDIR/tests/data/good/minimal.xml"
expect_rc 0 "two valid files"
expect_out "minimal.xml: valid: 1 members" "the minimal file"

ar validate -q "$bundled"
expect_rc 0 "--quiet"
[ ! -s "$TMP/out" ] && pass || fail "--quiet printed: $(cat "$TMP/out")"

# The facts of the bundled dataset, read back with xmllint's XPath.
if have xmllint; then
  q() { xmllint --xpath "$1" "$bundled" 2>/dev/null; }
  [ "$(q 'count(/alliance/members/member[@status="member"])')" = 54 ] && pass || fail "54 members in 2014"
  [ "$(q 'count(/alliance/members/member[@founding="yes"])')" = 48 ] && pass || fail "48 founding members"
  [ "$(q 'count(/alliance/members/member[@status="member"][eu])')" = 28 ] && pass || fail "28 EU member states"
  [ "$(q 'count(/alliance/members/member[@founding="yes"][eu][not(eu/@since)])')" = 27 ] && pass || fail "27 EU states at launch"
  [ "$(q 'string(/alliance/members/member[@code="HR"]/eu/@since)')" = 2013-07-01 ] && pass || fail "Croatia joined the EU on 2013-07-01"
  [ "$(q 'string(/alliance/members/member[@code="VN"]/@status)')" = endorsed-at-launch-only ] && pass || fail "Vietnam endorsed at launch only"
  later=$(q '/alliance/members/member[@founding="no"]/@code' | tr -s ' ' '\n' | sed -n 's/.*code="\(.*\)"/\1/p' | sort | tr '\n' ' ')
  [ "$later" = "AM BA CA CR IL MX XK " ] && pass || fail "the seven later members, got: $later"
  [ "$(q 'count(/alliance/members/member[@founding="no"]/joined[@by="2014-09-30" or translate(@date, "-", "") <= 20140930])')" = 7 ] && pass || fail "later members joined by 2014-09-30"
  [ "$(q 'count(/alliance/targets/target)')" = 4 ] && pass || fail "four policy targets"
  [ "$(q 'string(/alliance/launch/@date)')" = 2012-12-05 ] && pass || fail "launch date"
  [ "$(q 'string(/alliance/launch/@place)')" = Brussels ] && pass || fail "launch place"
  [ "$(q 'string(/alliance/figures/figure[@id="non-members-2014"]/@value)')" = 142 ] && pass || fail "142 non-members"
  [ "$(q 'count(//member/actions/action)')" = 0 ] && pass || fail "no action attributed to a real country"
else
  skip 13 "the bundled dataset's facts read with XPath: xmllint is not installed (Debian: libxml2-utils)"
fi

# A file that uses every optional element validates without a warning, and
# its briefs build.
extended="$AR_SRCDIR/tests/data/good/extended.xml"
ar validate "$extended"
expect_rc 0 "every optional element"
expect_out "extended.xml: valid: 3 members, 2 targets, 3 sources" "every optional element: the counts"
[ ! -s "$TMP/err" ] && pass || fail "every optional element gives messages: $(cat "$TMP/err")"
ar build -q -b all -f text -o "$TMP/extended" "$extended"
expect_rc 0 "the briefs of a file with every optional element"
[ -s "$TMP/extended/summary.txt" ] && [ -s "$TMP/extended/member-xf.txt" ] && pass ||
  fail "the briefs of a file with every optional element were not written"

# A quotation without its one source is valid, with a warning at its place:
# a wording naming no source, a wording and a goal naming two.
minimal="$AR_SRCDIR/tests/data/good/minimal.xml"
sed 's|<wording source="s1">|<wording>|' "$minimal" >"$TMP/unsourced.xml"
ar validate "$TMP/unsourced.xml"
expect_rc 0 "a wording that names no source"
expect_out "unsourced.xml: valid" "a wording that names no source is valid"
line=$(grep -n '<wording>' "$TMP/unsourced.xml" | cut -d: -f1)
expect_err "unsourced.xml:$line:7: warning: <wording> of target \"t1\" is a quotation but names no source: add source=\"ID\"" \
  "a wording that names no source: the warning and its place"
expect_err "(the target cites s1)" "the warning names the target's sources"
sed -e 's|^    </source>|&\
    <source id="s2"><title>Second source</title><publisher>Test publisher</publisher></source>|' \
  -e 's|<wording source="s1">|<wording source="s1 s2">|' \
  -e 's|^    </target>|      <goal id="g1" source="s2 s1">Test goal.</goal>\
&|' \
  "$minimal" >"$TMP/two-sources.xml"
ar validate "$TMP/two-sources.xml"
expect_rc 0 "a wording and a goal that name two sources"
expect_out "two-sources.xml: valid" "a wording and a goal that name two sources are valid"
line=$(grep -n '<wording ' "$TMP/two-sources.xml" | cut -d: -f1)
expect_err "two-sources.xml:$line:16: warning: <wording> of target \"t1\" quotes one source, but source=\"s1 s2\" names 2: keep only the one whose words it gives" \
  "a wording that names two sources: the warning and its place"
line=$(grep -n '<goal ' "$TMP/two-sources.xml" | cut -d: -f1)
expect_err "two-sources.xml:$line:21: warning: <goal> \"g1\" quotes one source, but source=\"s2 s1\" names 2" \
  "a goal that names two sources: the warning and its place"
[ "$(grep -c ': warning: ' "$TMP/err")" -eq 2 ] && pass || fail "two warnings expected: $(cat "$TMP/err")"
! grep -q 'is not cited' "$TMP/err" && pass || fail "a source cited only by a wording or goal is said not to be cited"

# Generated data of two sizes validates, with the counts asked for.
for n in 1 250; do
  "$AR_GEN_DATA" "$n" >"$TMP/gen-$n.xml" || fail "gen-data $n"
  ar validate "$TMP/gen-$n.xml"
  expect_rc 0 "generated data, $n members"
  total=$(sed -n 's/.*valid: \([0-9]*\) members\( (and \([0-9]*\) endorsed.*\)\{0,1\}.*/\1 \3/p' "$TMP/out")
  set -- $total
  [ $(( $1 + ${2:-0} )) -eq "$n" ] && pass || fail "generated data has $n members, got '$total'"
done

# A data file split with XInclude inside its own folder loads, and an error
# inside the included part names that part's file and line.
mkdir "$TMP/split"
sed -n '1,/<members>/p' "$AR_SRCDIR/tests/data/good/minimal.xml" \
  | sed 's|<alliance |<alliance xmlns:xi="http://www.w3.org/2001/XInclude" |' >"$TMP/split/main.xml"
echo '    <xi:include href="part.xml"/>' >>"$TMP/split/main.xml"
sed -n '/<\/members>/,$p' "$AR_SRCDIR/tests/data/good/minimal.xml" >>"$TMP/split/main.xml"
sed -n '/<member /,/<\/member>/p' "$AR_SRCDIR/tests/data/good/minimal.xml" >"$TMP/split/part.xml"
ar validate "$TMP/split/main.xml"
expect_rc 0 "a file that includes a part of itself"
sed -i 's/year="2013"/year="99999"/' "$TMP/split/part.xml"
ar validate "$TMP/split/main.xml"
expect_rc 3 "an error inside an included part"
line=$(grep -n 'year="99999"' "$TMP/split/part.xml" | cut -d: -f1)
expect_err "part.xml:$line:" "the error names the included file and its line"
expect_err 'year="99999" is outside 1900 to 2100' "the error inside an included part"

finish
