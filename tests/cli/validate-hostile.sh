#!/bin/sh
# Hostile or broken inputs made on the fly: each is refused with a clear
# message and status 3, quickly, without a crash or a read outside the data.
. "${AR_SRCDIR}/tests/cli/lib.sh"

minimal="$AR_SRCDIR/tests/data/good/minimal.xml"

# check NAME RC EXPECTED-STDERR-TEXT: validate $TMP/NAME.
check() {
  ar validate "$TMP/$1"
  expect_rc "$2" "$1"
  expect_err "$3" "$1"
  expect_no_crash "$1"
}

: >"$TMP/empty.xml"
check empty.xml 3 "empty.xml: error: is empty"

printf '  \n\n' >"$TMP/blank.xml"
check blank.xml 3 "blank.xml:3:1: error: the file holds no XML"

printf '<alliance>a\0b</alliance>\n' >"$TMP/nul.xml"
check nul.xml 3 "nul.xml:1:12: error: the file contains a NUL byte"

printf '<alliance>caf\351</alliance>\n' >"$TMP/latin1.xml"
check latin1.xml 3 "latin1.xml:1:14: error: the text is not valid UTF-8"

printf '<?xml version="1.0" encoding="UTF-16"?>\n<alliance/>\n' >"$TMP/utf16-label.xml"
check utf16-label.xml 3 "utf16-label.xml:1:"

printf '<?xml version="1.0" encoding="x-klingon"?>\n<alliance/>\n' >"$TMP/klingon.xml"
check klingon.xml 3 "unknown or unsupported encoding 'x-klingon'"

printf '\357\273\277<?xml version="1.0" encoding="ISO-8859-1"?>\n<alliance/>\n' >"$TMP/bom.xml"
check bom.xml 3 "bom.xml:1:1: error: the file starts with a UTF-8 byte-order mark but declares encoding=\"ISO-8859-1\""

# A file in another encoding that says so is read correctly.
sed 's/encoding="UTF-8"/encoding="ISO-8859-1"/; s/Testland (fictional)/Testl\&#228;nd (fictional)/' "$minimal" >"$TMP/declared-latin1.xml"
ar validate "$TMP/declared-latin1.xml"
expect_rc 0 "an ISO-8859-1 file that declares it"

mkdir "$TMP/folder.xml"
check folder.xml 3 "folder.xml: error: is a folder, not a data file"

if mkfifo "$TMP/fifo.xml" 2>/dev/null; then
  check fifo.xml 3 "fifo.xml: error: is not a regular file"
fi

ar validate /dev/zero
expect_rc 3 "/dev/zero"
expect_err "/dev/zero: error: is not a regular file" "/dev/zero"

# "-" is a file name, never standard input.
(cd "$TMP" && $AR_WRAPPER "$AR_BIN" validate - </dev/zero >out 2>err)
rc=$?
expect_rc 3 "a file named -"
expect_err "-: error: cannot open the file: No such file or directory" "a file named -"

check no-such-file.xml 3 "no-such-file.xml: error: cannot open the file: No such file or directory"

gzip -c "$minimal" >"$TMP/data.xml.gz" && cp "$TMP/data.xml.gz" "$TMP/gzipped.xml"
check gzipped.xml 3 "gzipped.xml: error: is a gzip-compressed file: decompress it first"

# 100 000 levels of nesting.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<a>"; print "" }' >"$TMP/deep.xml"
check deep.xml 3 "error: elements are nested more than 256 deep"

# A 20 MB text node.
awk 'BEGIN { printf "<alliance>"; for (i = 0; i < 200000; i++) printf "%0100d", 0; print "</alliance>" }' >"$TMP/huge-text.xml"
check huge-text.xml 3 "error: a text or attribute value of more than 10,000,000 characters"

# An error after line 70 000 is reported on its real line (not 65535).
{
  sed -n '1,/<members>/p' "$minimal"
  awk 'BEGIN { for (i = 0; i < 70000; i++) print "" }'
  echo '    <member code="FX-2" status="member" founding="yes" source="nowhere">'
  echo '      <name>Farland (fictional)</name><joined date="2012-12-05" source="s1"/></member>'
  sed -n '/<\/members>/,$p' "$minimal"
} >"$TMP/long.xml"
line=$(grep -n 'source="nowhere"' "$TMP/long.xml" | cut -d: -f1)
[ "$line" -gt 70000 ] && pass || fail "the long file's error is past line 70000"
check long.xml 3 "long.xml:$line:56: error: source \"nowhere\" is not defined"

# Data quoted in messages reaches the terminal escaped: a CSI (U+009B, or
# a lone 0x9b byte, which is not UTF-8) cannot; names in any script stay
# readable.
sed 's|<member code="FX-1"|<member code="FX\xc2\x9b2J"|' "$minimal" >"$TMP/csi.xml"
ar validate "$TMP/csi.xml"
expect_rc 3 "a member code holding a CSI"
expect_err 'member code "FX\u009b2J" is neither' "a member code holding a CSI"
sed 's|<name>Testland (fictional)</name>|<name>Testländ Тестленд (fictional)</name>|; s|  </members>|    <member code="FX-1" status="member" founding="yes" source="s1"><name>Farland (fictional)</name><joined date="2012-12-05" source="s1"/></member>\n  </members>|' \
  "$minimal" >"$TMP/csi-$(printf '\233')name.xml"
ar validate "$TMP/csi-$(printf '\233')name.xml"
expect_rc 3 "a file name holding a lone 0x9b byte"
expect_err 'csi-\x9bname.xml:31:13: error: member code "FX-1" is already used by Testländ Тестленд (fictional) on line 19' \
  "a file name holding a lone 0x9b byte, and a name in other scripts"
LC_ALL=C grep -q "$(printf '\233')" "$TMP/err" && fail "a CSI reached the terminal: $(cat -v "$TMP/err")" || pass

# 2,000 members on one line, each with an error: every error is placed at
# its own column, and finding the places does not take quadratic time.
"$AR_GEN_DATA" 2000 | tr -d '\n' | sed 's/status="member"/status="gone"/g' >"$TMP/one-line.xml"
if [ -n "$AR_WRAPPER" ]; then one_line_bound=900; else one_line_bound=60; fi
# shellcheck disable=SC2086
timeout "$one_line_bound" $AR_WRAPPER "$AR_BIN" validate --max-errors=0 "$TMP/one-line.xml" >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
expect_rc 3 "2,000 errors on one line"
wrong=$(grep -c 'status="gone"' "$TMP/err")
places=$(grep 'status="gone"' "$TMP/err" | cut -d: -f2,3 | sort -u | wc -l)
[ "$wrong" -eq "$(grep -o 'status="gone"' "$TMP/one-line.xml" | wc -l)" ] && [ "$places" -eq "$wrong" ] && pass ||
  fail "2,000 errors on one line: $wrong errors at $places places"

# A file the user may not read (run as nobody when we are root).
cp "$minimal" "$TMP/secret.xml" && chmod 000 "$TMP/secret.xml"
if [ "$(id -u)" -ne 0 ]; then
  check secret.xml 3 "secret.xml: error: cannot open the file: Permission denied"
elif command -v setpriv >/dev/null 2>&1; then
  chmod 755 "$TMP"
  setpriv --reuid=65534 --regid=65534 --clear-groups $AR_WRAPPER "$AR_BIN" validate "$TMP/secret.xml" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  expect_rc 3 "an unreadable file"
  expect_err "secret.xml: error: cannot open the file: Permission denied" "an unreadable file"
else
  skip 2 "an unreadable file: running as root without setpriv (Debian: util-linux) to drop privileges"
fi

# Reports the schema gives without naming the element (an attribute of a
# <figure> or a <measure>): no crash, and every message has its place.
bundled="$AR_SRCDIR/data/global-alliance-2014.xml"
sed 's|\(<figure id="[^"]*" date="[^"]*" \)value="[^"]*"\(.*</figure>\)|\1value="lots"\2\
    <figure id="fx-second" date="2014-09-30" value="many" source="speech-2014">A second figure (fictional)</figure>|' \
  "$bundled" >"$TMP/lots.xml"
lots=$(grep -n 'value="lots"' "$TMP/lots.xml" | cut -d: -f1)
for cmd in validate build; do
  if [ $cmd = build ]; then ar build -f xml -o "$TMP/lots-out" "$TMP/lots.xml"; else ar validate "$TMP/lots.xml"; fi
  expect_rc 3 "$cmd: two figures whose values are not numbers"
  expect_no_crash "$cmd: two figures whose values are not numbers"
  expect_err "lots.xml:$lots:" "$cmd: the first figure's error"
  expect_err "lots.xml:$((lots + 1)):" "$cmd: the second figure's error"
  unplaced=$(grep -v -E '^[^:]+:[0-9]+:[0-9]+: (error|warning): |^[^:]+: note: ' "$TMP/err" | head -n1)
  [ -z "$unplaced" ] && pass || fail "$cmd: a message without FILE:LINE:COL: $unplaced"
done
sed '0,/<measure \(.*\)kind="[^"]*"/s//<measure \1kind="bogus"/' "$bundled" >"$TMP/measure.xml"
ar validate "$TMP/measure.xml"
expect_rc 3 "a measure of an unknown kind"
[ "$(grep -c ': error: ' "$TMP/err")" -eq 1 ] && grep -q '^[^:]*measure.xml:[0-9]*:[0-9]*: error: kind="bogus" is not allowed on <measure>' "$TMP/err" &&
  pass || fail "a measure of an unknown kind: one placed error expected: $(cat "$TMP/err")"

# bomb DIR LEVELS: an XInclude bomb in the data's own folder: LEVELS parts
# of about 1.4 KB, each including the next ten times, the last one empty.
bomb() {
  mkdir "$TMP/$1"
  i=0
  while [ $i -lt "$2" ]; do
    next=$((i + 1))
    {
      printf '<p xmlns:xi="http://www.w3.org/2001/XInclude">'
      j=0; while [ $j -lt 10 ]; do printf '<xi:include href="p%d.xml"/>' $next; j=$((j + 1)); done
      printf '<q>'
      j=0; while [ $j -lt 40 ]; do printf 'filler text %02d ' $j; j=$((j + 1)); done
      printf '</q>'
      j=0; while [ $j -lt 40 ]; do printf '<r n="%d"/>' $j; j=$((j + 1)); done
      echo '</p>'
    } >"$TMP/$1/p$i.xml"
    i=$next
  done
  echo '<p/>' >"$TMP/$1/p$2.xml"
  sed 's|<alliance |<alliance xmlns:xi="http://www.w3.org/2001/XInclude" |; s|<name>Testland (fictional)</name>|<name><xi:include href="p0.xml"/></name>|' \
    "$minimal" >"$TMP/$1/main.xml"
}

# A wide bound that proves "does not hang", wider under valgrind.
if [ -n "$AR_WRAPPER" ]; then bound=900; else bound=60; fi

# within CMD...: runs alliance-report CMD... under the time bound.
within() {
  # shellcheck disable=SC2086
  timeout "$bound" $AR_WRAPPER "$AR_BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
}

# A small bomb expands and fails validation: parts may be included many
# times, up to the node limit.
bomb bomb4 4
check bomb4/main.xml 3 "error: <name> must hold text only, not elements"

# Seven and eight levels would bring in ten and a hundred million elements:
# refused at the include that goes past the limit, before it is copied in:
# the ninth (column 275), as each brings in 1,244,433 nodes.
for levels in 7 8; do
  bomb "bomb$levels" $levels
  within validate "$TMP/bomb$levels/main.xml"
  expect_rc 3 "an XInclude bomb of $levels levels"
  expect_err "p$((levels - 6)).xml:1:275: error: including 'p$((levels - 5)).xml' here takes the data past the limit of 10000000 nodes" \
    "an XInclude bomb of $levels levels"
  expect_no_crash "an XInclude bomb of $levels levels"
done
within build -f xml -o "$TMP/bomb-out" "$TMP/bomb7/main.xml"
expect_rc 3 "build refuses an XInclude bomb"
expect_err "takes the data past the limit of 10000000 nodes" "build refuses an XInclude bomb"
[ ! -e "$TMP/bomb-out" ] || [ -z "$(ls -A "$TMP/bomb-out")" ] && pass || fail "build wrote files from an XInclude bomb"

# Text included with parse="text" counts by its size: 2000 times 1 MB.
mkdir "$TMP/text-bomb"
head -c 1000000 /dev/zero | tr '\0' 'a' >"$TMP/text-bomb/big.txt"
{
  sed -n '1,/Testland/p' "$minimal" | sed 's|<alliance |<alliance xmlns:xi="http://www.w3.org/2001/XInclude" |; s|<name>Testland (fictional)</name>|<name>|'
  i=0; while [ $i -lt 2000 ]; do printf '<xi:include href="big.txt" parse="text"/>'; i=$((i + 1)); done
  echo '</name>'
  sed -n '/<joined/,$p' "$minimal"
} >"$TMP/text-bomb/main.xml"
within validate "$TMP/text-bomb/main.xml"
expect_rc 3 "text included 2000 times"
expect_err "main.xml:21:40972: error: including 'big.txt' here takes the data past the limit of 10000000 nodes" \
  "text included 2000 times"

# Parts including parts 40 deep: refused at the 33rd.
mkdir "$TMP/chain"
i=0
while [ $i -lt 40 ]; do
  printf '<p xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="c%d.xml"/></p>\n' $((i + 1)) >"$TMP/chain/c$i.xml"
  i=$((i + 1))
done
echo '<p/>' >"$TMP/chain/c40.xml"
sed 's|<alliance |<alliance xmlns:xi="http://www.w3.org/2001/XInclude" |; s|<name>Testland (fictional)</name>|<name><xi:include href="c0.xml"/></name>|' \
  "$minimal" >"$TMP/chain/main.xml"
check chain/main.xml 3 "c31.xml:1:59: error: parts include parts more than 32 deep here"

finish, never hang: the doubling stops at the
# part that would include a missing file.
mkdir "$TMP/bomb"
i=0
while [ $i -lt 4 ]; do
  next=$((i + 1))
  {
    printf '<p xmlns:xi="http://www.w3.org/2001/XInclude">'
    j=0; while [ $j -lt 10 ]; do printf '<xi:include href="p%d.xml"/>' $next; j=$((j + 1)); done
    echo '</p>'
  } >"$TMP/bomb/p$i.xml"
  i=$next
done
echo '<p/>' >"$TMP/bomb/p4.xml"
sed 's|<alliance |<alliance xmlns:xi="http://www.w3.org/2001/XInclude" |; s|<name>Testland (fictional)</name>|<name><xi:include href="p0.xml"/></name>|' \
  "$minimal" >"$TMP/bomb/main.xml"
check bomb/main.xml 3 "error: <name> must hold text only, not elements"

finish
