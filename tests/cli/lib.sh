# Shared helpers for the command-line tests. Sourced by each test script.
# The environment comes from AM_TESTS_ENVIRONMENT in tests/Makefile.inc.

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

pass() { checks=$((checks + 1)); }
fail() {
  checks=$((checks + 1))
  failures=$((failures + 1))
  echo "FAIL: $*" >&2
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

finish() {
  echo "$checks checks, $failures failed"
  [ "$checks" -gt 0 ] || { echo "no checks ran" >&2; exit 99; }
  [ "$failures" -eq 0 ]
  exit $?
}
