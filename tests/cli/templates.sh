#!/bin/sh
# Brief templates: the user's own copy is used; a broken or hostile
# template fails its brief with a message naming the template and line,
# and never writes files, reads outside its folders or runs away.
. "${AR_SRCDIR}/tests/cli/lib.sh"

cp -R "$AR_SRCDIR/templates/briefs" "$TMP/tpl"
chmod -R u+w "$TMP/tpl"

# A user copy with changed wording, by option and by environment.
sed -i 's/<title>/<title>CHANGED /' "$TMP/tpl/summary.xsl"
ar build -q -f xml -T "$TMP/tpl" -o "$TMP/own"
expect_rc 0 "build --templates DIR"
grep -q '<title>CHANGED ' "$TMP/own/summary.xml" && pass || fail "--templates did not use the copy"
ALLIANCE_REPORT_TEMPLATES="$TMP/tpl" ar build -q -f xml -o "$TMP/own-env"
grep -q '<title>CHANGED ' "$TMP/own-env/summary.xml" && pass || fail "ALLIANCE_REPORT_TEMPLATES did not use the copy"
cp "$AR_SRCDIR/templates/briefs/summary.xsl" "$TMP/tpl/summary.xsl"

# A wide bound that proves "does not hang", wider under valgrind.
if [ -n "$AR_WRAPPER" ]; then bound=900; else bound=120; fi

# bad NAME BODY: a summary.xsl in its own folder whose root template is
# BODY, run on the bundled data under the time bound.
bad() {
  mkdir -p "$TMP/$1"
  cat >"$TMP/$1/summary.xsl" <<XSL
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
$2
</xsl:stylesheet>
XSL
  build_with "$1"
}

# build_with NAME: builds the summary with the templates of $TMP/NAME.
build_with() {
  # shellcheck disable=SC2086
  timeout "$bound" $AR_WRAPPER "$AR_BIN" build -q -f xml -T "$TMP/$1" -o "$TMP/$1-out" \
    >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  if [ "$rc" -eq 99 ] && [ -n "$AR_WRAPPER" ]; then
    echo "valgrind found errors building with $1" >&2
    cat "$TMP/err" >&2
  fi
}

# no_brief NAME WHAT: the build with NAME wrote no summary.
no_brief() {
  [ ! -e "$TMP/$1-out/summary.xml" ] && pass || fail "$2: a brief was written"
}

bad malformed '<xsl:template match="/"><brief version="1.0"><title>x</title></brief>'
expect_rc 1 "a template that is not well-formed"
expect_err "$TMP/malformed/summary.xsl:" "the broken template is named"
expect_no_crash "a template that is not well-formed"

bad unknown '<xsl:template match="/"><xsl:frobnicate/></xsl:template>'
expect_rc 1 "a template with an unknown instruction"
expect_err "$TMP/unknown/summary.xsl:4:1: error: in <xsl:frobnicate>" "the template's file and line"

bad runaway '<xsl:template match="/"><xsl:call-template name="again"/></xsl:template>
<xsl:template name="again"><xsl:call-template name="again"/></xsl:template>'
expect_rc 1 "runaway recursion"
expect_err "$TMP/runaway/summary.xsl:5:1: error: templates call one another more than 300 deep (in the template 'again')" \
  "runaway recursion is named, with the template's file, line and name"
grep -q -e '--maxdepth' -e 'Templates:' "$TMP/err" && fail "runaway recursion: libxslt's own advice or backtrace shown" || pass
expect_no_crash "runaway recursion"

vars=''
i=1
while [ $i -le 25 ]; do vars="$vars<xsl:variable name=\"a$i\" select=\"$i\"/>"; i=$((i + 1)); done
bad variables '<xsl:template match="/"><xsl:call-template name="v"/></xsl:template>
<xsl:template name="v">'"$vars"'<xsl:call-template name="v"/></xsl:template>'
expect_rc 1 "a recursion piling up variables"
expect_err "$TMP/variables/summary.xsl:5:1: error: more than 5000 variables and parameters are alive at once (in the template 'v')" \
  "a recursion piling up variables"
grep -q -e '--maxvars' "$TMP/err" && fail "variables: libxslt's own advice shown" || pass

# Loops nested over the whole data: stopped by the step limit, in seconds.
bad loops '<xsl:template match="/"><brief version="1.0"><title>t</title><xsl:for-each select="//node()"><xsl:for-each select="//node()"><xsl:for-each select="//node()"><p>x</p></xsl:for-each></xsl:for-each></xsl:for-each></brief></xsl:template>'
expect_rc 1 "nested loops over the whole data"
expect_err "$TMP/loops/summary.xsl:4:1: error: the template was stopped after 1" "nested loops over the whole data"
expect_err "instructions or 2" "nested loops over the whole data"
no_brief loops "nested loops over the whole data"
expect_no_crash "nested loops over the whole data"

# A string doubled 40 times (a terabyte): stopped by the memory limit.
bad doubling '<xsl:template match="/"><brief version="1.0"><title>t</title><p><xsl:call-template name="d"><xsl:with-param name="s" select="string(/)"/><xsl:with-param name="n" select="0"/></xsl:call-template></p></brief></xsl:template>
<xsl:template name="d"><xsl:param name="s"/><xsl:param name="n"/><xsl:choose><xsl:when test="$n &lt; 40"><xsl:call-template name="d"><xsl:with-param name="s" select="concat($s, $s)"/><xsl:with-param name="n" select="$n + 1"/></xsl:call-template></xsl:when><xsl:otherwise><xsl:value-of select="string-length($s)"/></xsl:otherwise></xsl:choose></xsl:template>'
expect_rc 1 "a string doubled 40 times"
expect_err "$TMP/doubling/summary.xsl: error: the template was stopped after using 256 MiB of memory" "a string doubled 40 times"
no_brief doubling "a string doubled 40 times"
expect_no_crash "a string doubled 40 times"

# Templates and what they read are regular files: a pipe would block.
mkdir "$TMP/piped"
if mkfifo "$TMP/piped/summary.xsl" 2>/dev/null; then
  build_with piped
  expect_rc 1 "a template that is a pipe"
  expect_err "refused: it is not a regular file" "a template that is a pipe"
  mkfifo "$TMP/reads-pipe.xml"
  bad reads-pipe "<xsl:template match=\"/\"><brief version=\"1.0\"><title><xsl:value-of select=\"document('pipe.xml')\"/></title></brief></xsl:template>"
  mv "$TMP/reads-pipe.xml" "$TMP/reads-pipe/pipe.xml"
  build_with reads-pipe
  expect_rc 1 "document() of a pipe"
  expect_err "reading '$TMP/reads-pipe/pipe.xml' refused: it is not a regular file" "document() of a pipe"
  no_brief reads-pipe "document() of a pipe"
else
  skip 5 "templates that are pipes: mkfifo cannot make a pipe here"
fi

bad terminate '<xsl:template match="/"><xsl:message terminate="yes">stop here</xsl:message></xsl:template>'
expect_rc 1 "xsl:message terminate"
expect_err "stop here" "the message is shown"

echo '<secret>outside</secret>' >"$TMP/secret.xml"
bad outside '<xsl:template match="/"><brief version="1.0"><title><xsl:value-of select="document('"'$TMP/secret.xml'"')"/></title></brief></xsl:template>'
expect_rc 1 "document() outside the template and data folders"
expect_err "refused" "document() outside is refused"
[ ! -e "$TMP/outside-out/summary.xml" ] && pass || fail "a refused read still wrote a brief"

bad writer '<xsl:template match="/"><exsl:document href="'"$TMP"'/written.txt" method="text">x</exsl:document><brief version="1.0"><title>t</title></brief></xsl:template>'
expect_rc 1 "exsl:document writing a file"
[ ! -e "$TMP/written.txt" ] && pass || fail "a template wrote a file"

bad network '<xsl:template match="/"><brief version="1.0"><title><xsl:value-of select="document('"'http://127.0.0.1:9/x.xml'"')"/></title></brief></xsl:template>'
expect_rc 1 "document() over the network"
expect_err "refused" "network reads are refused"

bad invalid '<xsl:template match="/"><brief version="1.0"><title>t</title><para/></brief></xsl:template>'
expect_rc 1 "a template writing an invalid brief"
expect_err "the template wrote a brief that does not match data/brief.rng: <para> is not allowed here" "invalid output"

bad badcite '<xsl:template match="/"><brief version="1.0"><title>t</title><p><cite ref="nowhere"/></p></brief></xsl:template>'
expect_rc 1 "a template citing an unknown reference"
expect_err 'a citation names the reference "nowhere"' "a template citing an unknown reference"

# Indicators and joins from 1900 to 2100, all valid, make charts of 201
# years: the templates walk the years without recursing once per year.
{
  sed -n '1,/<members>/p' "$AR_SRCDIR/tests/data/good/minimal.xml" |
    sed 's/as-of="2014-09-30"/as-of="2100-12-31"/; s/<launch date="2012-12-05"/<launch date="1900-01-01"/'
  i=0
  while [ $i -lt 30 ]; do
    if [ $i -eq 0 ]; then joined=1900-01-01 founding=yes; else joined=$((1893 + i * 7))-06-15 founding=no; fi
    printf '    <member code="FX-%d" status="member" founding="%s" source="s1"><name>Member %d (fictional)</name>' $i $founding $i
    printf '<joined date="%s" source="s1"/><indicators>' $joined
    printf '<indicator name="reports" year="1900" value="1" unit="reports" source="s1"/>'
    printf '<indicator name="reports" year="2100" value="2" unit="reports" source="s1"/></indicators></member>\n'
    i=$((i + 1))
  done
  sed -n '/<\/members>/,$p' "$AR_SRCDIR/tests/data/good/minimal.xml"
} >"$TMP/centuries.xml"
ar build -q -b summary,member -m FX-0 -f xml,text -o "$TMP/centuries" "$TMP/centuries.xml"
expect_rc 0 "indicators and joins from 1900 to 2100"
[ "$(grep -c '<category>' "$TMP/centuries/member-fx-0.xml")" -eq 201 ] && pass ||
  fail "the member's chart does not have 201 years"
[ "$(grep -c '<category>end of \|<category>by ' "$TMP/centuries/summary.xml")" -eq 201 ] && pass ||
  fail "the summary's growth chart does not have 201 years"

# One broken template does not stop the other briefs.
cp -R "$AR_SRCDIR/templates/briefs" "$TMP/half"
chmod -R u+w "$TMP/half"
echo 'broken' >"$TMP/half/target.xsl"
ar build -q -b all -f text -T "$TMP/half" -o "$TMP/half-out"
expect_rc 1 "a broken target template"
[ -s "$TMP/half-out/summary.txt" ] && [ -s "$TMP/half-out/member-fr.txt" ] && pass ||
  fail "the summary and member briefs were not written"
[ ! -e "$TMP/half-out/target-victims.txt" ] && pass || fail "a target brief was written"
expect_err "4 failed" "the failures are counted"
# Each failed job says why, not only the first a worker ran.
ar build -q -b target -f text -j 1 -T "$TMP/half" -o "$TMP/half-out"
n=$(grep -c "failed (target brief .*$TMP/half/target.xsl" "$TMP/err")
[ "$n" -eq 4 ] && ! grep -q "without saying why" "$TMP/err" && pass ||
  fail "$n of 4 failed target jobs name the broken template: $(cat "$TMP/err")"

finish
