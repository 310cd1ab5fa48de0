#!/bin/sh
# render: a hand-written brief through each plugin; the xml writer's output
# reads back to the same tree (round trip); bad briefs are refused.
. "${AR_SRCDIR}/tests/cli/lib.sh"

sample="$AR_SRCDIR/tests/data/briefs/sample.xml"

ar render -f xml "$sample"
expect_rc 0 "render -f xml"
cp "$TMP/out" "$TMP/once.xml"
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$TMP/once.xml" 2>"$TMP/lint" && pass ||
    fail "the xml writer's output does not match brief.rng: $(cat "$TMP/lint")"
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

finish
