# Shared helpers for the command-line tests. Sourced by each test script.
# The environment comes from AM_TESTS_ENVIRONMENT in tests/Makefile.inc.
#
# Each check is one TAP result on stdout ("ok N", "not ok N - why", or
# "ok N # SKIP reason" for a check a missing tool keeps from running), so
# make check counts checks, and a skipped check is reported, never passed.
# Details of a failure go to stderr, which goes to the test's log.

set -u

: "${AR_BIN:?run the tests through make check}"
failures=0
checks=0

# A scratch folder removed when the test ends.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ar-test.XXXXXX") || exit 99
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

# ar ARGS...: runs alliance-report (under $AR_WRAPPER, e.g. valgrind),
# leaving its exit status in $rc, stdout in $TMP/out and stderr in $TMP/err.
ar() {
  # shellcheck disable=SC2086
  $AR_WRAPPER "$AR_BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  if [ "$rc" -eq 99 ] && [ -n "$AR_WRAPPER" ]; then
    echo "valgrind found errors running: alliance-report $*" >&2
    cat "$TMP/err" >&2
  fi
  return 0
}

pass() {
  checks=$((checks + 1))
  echo "ok $checks${1:+ - $*}"
}
fail() {
  checks=$((checks + 1))
  failures=$((failures + 1))
  echo "not ok $checks - $*"
  echo "FAIL: $*" >&2
}

# skip N REASON: N checks that cannot run here, each reported as skipped
# with the reason (a missing tool, a build without shared libraries...).
skip() {
  _n=$1
  shift
  while [ "$_n" -gt 0 ]; do
    checks=$((checks + 1))
    echo "ok $checks # SKIP $*"
    _n=$((_n - 1))
  done
}

# skip_all REASON: the whole script cannot run here.
skip_all() {
  echo "1..0 # SKIP $*"
  exit 0
}

# have TOOL...: every tool is on the PATH.
have() {
  for _t in "$@"; do
    command -v "$_t" >/dev/null 2>&1 || return 1
  done
}

# require_pdf TOOL...: skips the script unless every TOOL (PDF readers from
# qpdf and poppler-utils) is installed and the program has the pdf plugin.
require_pdf() {
  for _t in "$@"; do
    have "$_t" || skip_all "$_t not installed (Debian: qpdf, poppler-utils, python3)"
  done
  ar plugins
  grep -q '^pdf ' "$TMP/out" || skip_all "built without the PDF plugin"
}

# expect_rc N WHAT: the last ar call exited with N.
expect_rc() {
  if [ "$rc" -eq "$1" ]; then pass; else
    fail "$2: exit status $rc, expected $1"
    sed 's/^/  stderr: /' "$TMP/err" >&2
  fi
}

# expect_err TEXT WHAT: stderr of the last call contains TEXT (fixed string).
expect_err() {
  if grep -qF -- "$1" "$TMP/err"; then pass; else
    fail "$2: stderr lacks '$1'"
    sed 's/^/  stderr: /' "$TMP/err" >&2
  fi
}

# expect_out TEXT WHAT: stdout of the last call contains TEXT.
expect_out() {
  if grep -qF -- "$1" "$TMP/out"; then pass; else
    fail "$2: stdout lacks '$1'"
    sed 's/^/  stdout: /' "$TMP/out" >&2
  fi
}

# expect_no_crash WHAT: no sanitizer report and no signal.
expect_no_crash() {
  if [ "$rc" -ge 128 ] || grep -qE 'AddressSanitizer|runtime error:|LeakSanitizer' "$TMP/err"; then
    fail "$1: crashed (status $rc)"
    sed 's/^/  stderr: /' "$TMP/err" >&2
  else pass; fi
}

# The plan, last. Failures were reported one by one, so the script itself
# ends well; running no check at all is an error of the test.
finish() {
  echo "# $checks checks, $failures failed"
  [ "$checks" -gt 0 ] || { echo "Bail out! no checks ran"; exit 99; }
  echo "1..$checks"
  exit 0
}
