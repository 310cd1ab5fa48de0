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

# bad NAME BODY: a summary.xsl in its own folder whose root template is BODY.
bad() {
  mkdir -p "$TMP/$1"
  cat >"$TMP/$1/summary.xsl" <<XSL
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
$2
</xsl:stylesheet>
XSL
  ar build -q -f xml -T "$TMP/$1" -o "$TMP/$1-out"
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
expect_err "summary.xsl" "runaway recursion names the template"
expect_no_crash "runaway recursion"

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

finish
