#!/bin/sh
# build: briefs from data through templates and plugins, the file names,
# the usage errors, invalid data writing nothing, and the golden text
# briefs of the bundled dataset.
. "${AR_SRCDIR}/tests/cli/lib.sh"

# The default format is pdf, or text in a build without the PDF plugin.
ar build --help
default=$(sed -n 's/.*formats, comma-separated (default \([a-z]*\);.*/\1/p' "$TMP/out")
ext=$( [ "$default" = text ] && echo txt || echo "$default")
ar build -o "$TMP/default"
expect_rc 0 "build with no options"
[ -s "$TMP/default/summary.$ext" ] && pass || fail "build writes summary.$ext by default"
expect_out "$TMP/default/summary.$ext" "build lists what it wrote"
[ "$(ls "$TMP/default" | wc -l)" -eq 1 ] && pass || fail "build with no options wrote more than the summary"

ar build -q -b all -f text,xml -o "$TMP/all"
expect_rc 0 "build -b all -f text,xml"
[ ! -s "$TMP/out" ] && pass || fail "-q printed: $(head -3 "$TMP/out")"
n_txt=$(ls "$TMP/all"/*.txt | wc -l)
n_xml=$(ls "$TMP/all"/*.xml | wc -l)
[ "$n_txt" -eq 59 ] && pass || fail "59 text briefs (1 + 54 + 4), got $n_txt"
[ "$n_xml" -eq 59 ] && pass || fail "59 xml briefs, got $n_xml"
for f in summary.txt member-fr.txt member-xk.txt member-gb.txt target-victims.txt target-availability.xml; do
  [ -s "$TMP/all/$f" ] && pass || fail "build wrote no $f"
done
[ ! -e "$TMP/all/member-vn.txt" ] && pass || fail "a member not on the 2014 list got a brief by default"
[ -z "$(ls -A "$TMP/all" | grep '^\.')" ] && pass || fail "temporary files were left"

# Every xml brief matches the brief schema.
if have xmllint; then
  xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$TMP/all"/*.xml 2>"$TMP/lint" >/dev/null && pass ||
    fail "xml briefs do not match brief.rng: $(grep -v validates "$TMP/lint" | head -3)"
else
  skip 1 "the xml briefs against brief.rng: xmllint is not installed (Debian: libxml2-utils)"
fi

# The text briefs of the bundled dataset are the expected ones.
golden="$AR_SRCDIR/tests/golden/text"
if diff -r "$golden" "$TMP/all" -x '*.xml' >"$TMP/golden.diff"; then pass; else
  fail "text briefs differ from tests/golden/text (run 'make update-golden' after a deliberate change, then read the diff):"
  head -40 "$TMP/golden.diff" >&2
fi

# -m picks members (any case), and implies member briefs.
ar build -q -f text -m fr,DE,vn -o "$TMP/some"
expect_rc 0 "build -m fr,DE,vn"
[ "$(ls "$TMP/some" | tr '\n' ' ')" = "member-de.txt member-fr.txt member-vn.txt " ] && pass ||
  fail "-m wrote: $(ls "$TMP/some" | tr '\n' ' ')"
# A member named twice, in any case, is built once: one job, one record.
ar build -f text -m fr,FR,Fr,de,fr --manifest "$TMP/twice.jsonl" -o "$TMP/twice"
expect_rc 0 "build -m fr,FR,Fr,de,fr"
expect_err "2 written, 0 skipped, 0 failed" "-m names each member once"
[ "$(wc -l <"$TMP/twice.jsonl")" -eq 2 ] && [ "$(grep -c '"member":"FR"' "$TMP/twice.jsonl")" -eq 1 ] && pass ||
  fail "the manifest of -m fr,FR,Fr,de,fr: $(cat "$TMP/twice.jsonl")"
[ "$(ls "$TMP/twice" | tr '\n' ' ')" = "member-de.txt member-fr.txt " ] && pass ||
  fail "-m fr,FR,Fr,de,fr wrote: $(ls "$TMP/twice" | tr '\n' ' ')"

# --since and --marking reach the templates.
ar build -q -f text --since 2013-01-01 --marking OFFICIAL-SENSITIVE -o "$TMP/since"
expect_rc 0 "build --since --marking"
grep -q 'OFFICIAL-SENSITIVE' "$TMP/since/summary.txt" && pass || fail "--marking is not in the brief"
grep -q '2013-01-01\|1 January 2013' "$TMP/since/summary.txt" && pass || fail "--since is not in the brief"

# Usage errors name what is valid; nothing is written.
ar build -f nosuch -o "$TMP/u1"
expect_rc 2 "unknown format"
expect_err "unknown format 'nosuch'" "unknown format"
ar build -b everything -o "$TMP/u2"
expect_rc 2 "unknown brief"
expect_err "use summary, member, target or all" "unknown brief"
ar build -m FR,ZZ -o "$TMP/u3"
expect_rc 2 "unknown member code"
expect_err "no member has the code 'ZZ'" "unknown member code"
expect_err "Member codes: AL AM" "the member codes are listed"
ar build --since 2014-02-30 -o "$TMP/u4"
expect_rc 2 "an impossible --since date"
ar build one.xml two.xml
expect_rc 2 "two data files"
for d in u1 u2 u3 u4; do
  [ ! -e "$TMP/$d" ] || [ -z "$(ls -A "$TMP/$d")" ] && pass || fail "a usage error wrote into $d"
done

# Invalid data: status 3, and nothing is written.
ar build -b all -o "$TMP/bad" "$AR_SRCDIR/tests/data/bad/year-99999.xml"
expect_rc 3 "invalid data"
expect_err 'year="99999" is outside 1900 to 2100' "invalid data says why"
[ ! -e "$TMP/bad" ] || [ -z "$(ls -A "$TMP/bad")" ] && pass || fail "invalid data wrote files"

# Generated data with actions and indicators: every brief builds and is valid.
"$AR_GEN_DATA" 12 >"$TMP/gen.xml"
ar build -q -b all -f xml,text -o "$TMP/gen" "$TMP/gen.xml"
expect_rc 0 "build -b all on generated data"
[ "$(ls "$TMP/gen"/*.xml | wc -l)" -ge 16 ] && pass || fail "generated data: too few briefs"
if have xmllint; then
  xmllint --noout --relaxng "$AR_SRCDIR/data/brief.rng" "$TMP/gen"/*.xml 2>"$TMP/lint" >/dev/null && pass ||
    fail "generated xml briefs do not match brief.rng: $(grep -v validates "$TMP/lint" | head -3)"
else
  skip 1 "the generated xml briefs against brief.rng: xmllint is not installed (Debian: libxml2-utils)"
fi

# An output folder that is a file: a usage error.
: >"$TMP/afile"
ar build -o "$TMP/afile"
expect_rc 2 "an output folder that is a file"
expect_err "cannot create the output folder" "an output folder that is a file"

# --max-nodes: data of more nodes than that is refused, by validate and by
# build (which writes nothing); the bundled dataset is well under the
# default.
ar validate --max-nodes 100
expect_rc 3 "validate --max-nodes 100"
expect_err "100 nodes" "validate --max-nodes 100 says why"
ar validate -q --max-nodes 1000000
expect_rc 0 "validate --max-nodes 1000000"
ar build --max-nodes 100 -f text -o "$TMP/nodes"
expect_rc 3 "build --max-nodes 100"
expect_err "100 nodes" "build --max-nodes 100 says why"
[ ! -e "$TMP/nodes" ] || [ -z "$(ls -A "$TMP/nodes")" ] && pass || fail "build --max-nodes 100 wrote files"
ar build -q --max-nodes 1000000 -f text -o "$TMP/nodes"
expect_rc 0 "build --max-nodes 1000000"
ar validate --help
expect_out "--max-nodes=N" "validate --help names --max-nodes"
ar build --help
expect_out "--max-nodes=N" "build --help names --max-nodes"

finish
