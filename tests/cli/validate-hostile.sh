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

# An XInclude bomb in the data's own folder: each part includes the next
# ten times. It must fail or finish, never hang: the doubling stops at the
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
