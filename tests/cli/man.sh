#!/bin/sh
# The man pages: groff finds nothing to warn about, and alliance-report(1)
# names every command, every option of every command's --help, every exit
# status and every environment variable the help names.
. "${AR_SRCDIR}/tests/cli/lib.sh"

command -v groff >/dev/null 2>&1 || skip_all "groff not installed (Debian: groff-base)"
page1="$AR_SRCDIR/doc/alliance-report.1"
page7="$AR_SRCDIR/doc/alliance-report-plugins.7"

for page in "$page1" "$page7"; do
  groff -ww -man -Tutf8 -z "$page" >"$TMP/groff" 2>&1
  [ $? -eq 0 ] && [ ! -s "$TMP/groff" ] && pass || fail "groff warns about $page: $(head -3 "$TMP/groff")"
done
# The page as a reader sees it, in ASCII: options with plain hyphens.
groff -man -Tascii -P-cbu "$page1" 2>/dev/null >"$TMP/page1.txt"
[ -s "$TMP/page1.txt" ] && pass || fail "groff renders nothing of $page1"

ar --help
cp "$TMP/out" "$TMP/help"
for cmd in build render validate plugins; do
  ar "$cmd" --help
  expect_rc 0 "$cmd --help"
  cat "$TMP/out" >>"$TMP/help"
  grep -q "^   $cmd\$" "$TMP/page1.txt" && pass || fail "alliance-report(1) has no section for $cmd"
done
# Every long option of every --help is in the page.
missing=""
for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u); do
  grep -q -- "$opt" "$TMP/page1.txt" || missing="$missing $opt"
done
[ -z "$missing" ] && pass || fail "alliance-report(1) lacks:$missing"
# Every environment variable the help names, and the exit statuses.
missing=""
for var in $(grep -o 'ALLIANCE_REPORT_[A-Z_]*' "$TMP/help" | sort -u); do
  grep -q "$var" "$TMP/page1.txt" || missing="$missing $var"
done
[ -z "$missing" ] && pass || fail "alliance-report(1) lacks:$missing"
for status in 0 1 2 3; do
  grep -q "^       $status  *[A-Z]" "$TMP/page1.txt" && pass || fail "alliance-report(1) does not explain exit status $status"
done
# The formats the program has are named in the page's description.
ar plugins
for fmt in $(awk '/^[a-z]/ {print $1}' "$TMP/out"); do
  case $fmt in
  pdf | html | text | markdown | xml) ;;
  *) continue ;;
  esac
  name=$(case $fmt in pdf) echo PDF ;; html) echo HTML ;; text) echo "plain text" ;;
    markdown) echo Markdown ;; xml) echo "brief XML" ;; esac)
  tr '\n' ' ' <"$TMP/page1.txt" | tr -s ' ' | grep -q "$name" && pass || fail "alliance-report(1) does not name the $fmt format ($name)"
done

finish
