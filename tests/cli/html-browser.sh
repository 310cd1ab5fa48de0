#!/bin/sh
# The html briefs of the bundled dataset, opened in Chromium by
# tests/browser/check-pages.mjs (one browser for all): no request but the
# page itself, no console or script errors, no serious or critical axe-core
# finding. Needs node, the modules of tests/browser (npm ci --prefix
# tests/browser), found in $AR_BROWSER_MODULES or tests/browser/node_modules,
# and /usr/bin/chromium: skipped, with the reason, without them, unless
# AR_REQUIRE_BROWSER_TOOLS=1, when their absence fails the test.
. "${AR_SRCDIR}/tests/cli/lib.sh"

modules=${AR_BROWSER_MODULES:-$AR_SRCDIR/tests/browser/node_modules}
chromium=${AR_CHROMIUM:-/usr/bin/chromium}
missing=
command -v node >/dev/null 2>&1 || missing="node (Debian: nodejs)"
[ -f "$modules/playwright-core/package.json" ] && [ -f "$modules/axe-core/axe.min.js" ] ||
  missing="${missing:+$missing; }playwright-core or axe-core in $modules (npm ci --prefix tests/browser)"
[ -x "$chromium" ] || missing="${missing:+$missing; }$chromium (Debian: chromium)"
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

AR_BROWSER_MODULES=$modules AR_CHROMIUM=$chromium \
  node "$AR_SRCDIR/tests/browser/check-pages.mjs" "$TMP/all"/*.html >"$TMP/pages" 2>"$TMP/pages-err"
st=$?
sed "s|^$TMP/all/||" "$TMP/pages-err" >&2
case $st in
  0) pass ;;
  77) fail "check-pages.mjs could not run: $(tail -1 "$TMP/pages-err")" ;;
  *) fail "check-pages.mjs failed (status $st)" ;;
esac
ok=$(grep -c ': ok$' "$TMP/pages")
[ "$ok" -eq "$n" ] && pass || fail "$ok of $n html briefs pass in the browser"

finish
