#!/bin/sh
# The html briefs of the bundled dataset, checked by html-validate with
# tests/browser/htmlvalidate.json. Needs node and the modules of
# tests/browser (npm ci --prefix tests/browser), found in $AR_BROWSER_MODULES
# or tests/browser/node_modules: skipped, with the reason, without them, unless
# AR_REQUIRE_BROWSER_TOOLS=1, when their absence fails the test.
. "${AR_SRCDIR}/tests/cli/lib.sh"

modules=${AR_BROWSER_MODULES:-$AR_SRCDIR/tests/browser/node_modules}
missing=
command -v node >/dev/null 2>&1 || missing="node (Debian: nodejs)"
[ -f "$modules/.bin/html-validate" ] ||
  missing="${missing:+$missing; }$modules/.bin/html-validate (npm ci --prefix tests/browser)"
if [ -n "$missing" ]; then
  [ "${AR_REQUIRE_BROWSER_TOOLS:-}" = 1 ] || skip_all "missing $missing"
  fail "AR_REQUIRE_BROWSER_TOOLS=1 but missing $missing"
  finish
fi

ar build -q -b all -f html -o "$TMP/all"
expect_rc 0 "build -b all -f html"
n=$(ls "$TMP/all" | grep -c '\.html$')
[ "$n" -eq 59 ] && pass || fail "59 html briefs (1 + 54 + 4), got $n"
[ "$n" -gt 0 ] || finish

node "$modules/.bin/html-validate" --config "$AR_SRCDIR/tests/browser/htmlvalidate.json" \
  --formatter text "$TMP/all"/*.html >"$TMP/hv" 2>&1
hv=$?
if [ "$hv" -eq 0 ]; then pass; else
  fail "html-validate found errors (status $hv):"
  sed "s|^$TMP/all/||" "$TMP/hv" >&2
  # How many of each rule, to see the pattern in 59 files at once.
  sed -n 's/.*: error \[\([^]]*\)\].*/\1/p' "$TMP/hv" | sort | uniq -c | sort -rn | sed 's/^/  /' >&2
fi

finish
