#!/bin/sh
# bench/gen-data is deterministic, writes only fictional members, and
# refuses bad arguments.
. "${AR_SRCDIR}/tests/cli/lib.sh"

"$AR_GEN_DATA" 30 7 >"$TMP/a.xml" && "$AR_GEN_DATA" 30 7 >"$TMP/b.xml" || fail "gen-data 30 7"
cmp -s "$TMP/a.xml" "$TMP/b.xml" && pass || fail "same N and seed give different bytes"
"$AR_GEN_DATA" 30 8 >"$TMP/c.xml"
cmp -s "$TMP/a.xml" "$TMP/c.xml" && fail "another seed gives the same bytes" || pass

[ "$(grep -c '<member ' "$TMP/a.xml")" -eq 30 ] && pass || fail "30 members"
[ "$(grep -c '<member code="FX-' "$TMP/a.xml")" -eq 30 ] && pass || fail "every code is FX-..."
[ "$(grep -c '<name>.* (fictional)</name>' "$TMP/a.xml")" -eq 30 ] && pass || fail "every name says fictional"
[ "$(grep -c '<action ' "$TMP/a.xml")" -eq 240 ] && pass || fail "8 actions per member"
[ "$(grep -c '<indicator ' "$TMP/a.xml")" -eq 360 ] && pass || fail "12 indicators per member"

"$AR_GEN_DATA" >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "no N: status 2"
"$AR_GEN_DATA" ten >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "N=ten: status 2"
"$AR_GEN_DATA" 5 x >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "SEED=x: status 2"
"$AR_GEN_DATA" 0 >"$TMP/zero.xml" && pass || fail "N=0"
ar validate "$TMP/zero.xml"
expect_rc 0 "zero members still validate"

finish
