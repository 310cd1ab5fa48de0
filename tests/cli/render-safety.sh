#!/bin/sh
# render runs its plugin in a worker process: a plugin that crashes, hangs
# or eats memory fails the command with the reason and leaves no file; a
# signal leaves no temporary file and gives 130, 143 or 129; -o writes
# through a temporary file that replaces a symbolic link; empty values
# are usage errors.
. "${AR_SRCDIR}/tests/cli/lib.sh"

brief="$AR_SRCDIR/tests/data/briefs/sample.xml"
P="$AR_FAKE_PLUGINS"
if [ -n "$AR_WRAPPER" ]; then LIMIT=60; else LIMIT=3; fi

# no_temps DIR WHAT: no temporary file is left in DIR.
no_temps() {
  left=$(ls -A "$1" 2>/dev/null | grep '^\.' || true)
  [ -z "$left" ] && pass || fail "$2: temporary files left: $left"
}

# ---- usage errors ---------------------------------------------------------------------
mkdir "$TMP/u"
for args in "-f '' $brief" "-f text -o '' $brief" "-f text -o $TMP/u $brief" "-f text -o $TMP/u/ $brief" \
  "-f text -o $TMP/u/.. $brief" "-f text ''" "-f text -P '' $brief" "-f text -O '' $brief" \
  "-f text --job-timeout '' $brief" "-f text --job-timeout x $brief" "-f text --max-memory lots $brief"; do
  eval "ar render $args"
  expect_rc 2 "render $args"
done
[ -z "$(ls -A "$TMP/u")" ] && pass || fail "a usage error wrote into the folder: $(ls -A "$TMP/u")"
ar render -f text -o "$TMP/u/" "$brief"
expect_err "-o needs a file name, and '$TMP/u/' names a folder" "-o naming a folder says so"
ar render -f text -o '' "$brief"
expect_err "option '--output' needs a value, not an empty one" "an empty -o says so"

# ---- -o: the file, through a temporary file -----------------------------------------
ar render -f text -o "$TMP/one.txt" "$brief"
expect_rc 0 "render -o"
ar render -f text "$brief"
cmp -s "$TMP/out" "$TMP/one.txt" && pass || fail "render -o and render to stdout differ"
# A symbolic link at the output's name is replaced, not followed.
echo "outside" >"$TMP/outside.txt"
mkdir "$TMP/l"
ln -s "$TMP/outside.txt" "$TMP/l/brief.txt"
ar render -f text -o "$TMP/l/brief.txt" "$brief"
expect_rc 0 "render -o over a symbolic link"
[ "$(cat "$TMP/outside.txt")" = outside ] && pass || fail "render -o wrote through a symbolic link"
[ -f "$TMP/l/brief.txt" ] && [ ! -L "$TMP/l/brief.txt" ] && cmp -s "$TMP/l/brief.txt" "$TMP/one.txt" && pass ||
  fail "render -o did not replace the symbolic link with the brief"
# A name no brief file would have, in the current folder.
(cd "$TMP/l" && $AR_WRAPPER "$AR_BIN" render -f text -o '.hidden brief' "$brief" >/dev/null 2>"$TMP/err")
[ -s "$TMP/l/.hidden brief" ] && pass || fail "render -o with a name of the user's choice: $(cat "$TMP/err")"

# The fake plugins are shared modules: a build without shared libraries
# has none.
if [ ! -e "$P/.libs/fakeok.so" ]; then
  skip 1 "plugins that crash, hang or eat memory under render: a build without shared libraries cannot load the fake plugins"
  finish
fi

# ---- plugins that misbehave ------------------------------------------------------------
mkdir "$TMP/bad"
ar render -P "$P" -f crash -o "$TMP/bad/out.crash" "$brief"
expect_rc 1 "render with a plugin that crashes"
expect_no_crash "render with a plugin that crashes"
expect_err "out.crash failed (format crash): the worker was killed by signal 11 (Segmentation fault)" "the crash is reported"
ar render -P "$P" -f halfabort -o "$TMP/bad/out.halfabort" "$brief"
expect_rc 1 "render with a plugin that aborts half-way"
expect_err "the worker was killed by signal 6" "the abort is reported"
ar render -P "$P" -f exitzero "$brief"
expect_rc 1 "render with a plugin that exits"
expect_err "standard output failed (format exitzero): the worker exited with status 0 before finishing the job" "the exit is reported"
ar render -P "$P" -f hang --job-timeout $LIMIT -o "$TMP/bad/out.hang" "$brief"
expect_rc 1 "render with a plugin that hangs"
expect_err "out.hang failed (format hang): stopped after $LIMIT s (--job-timeout)" "the time limit is reported"
[ -z "$(ls -A "$TMP/bad")" ] && pass || fail "failed renders left: $(ls -A "$TMP/bad")"

ar build --help
if [ -z "$AR_WRAPPER" ] && ! grep -q 'ignored: built with sanitizers' "$TMP/out"; then
  ar render -P "$P" -f hog --max-memory 256M -o "$TMP/bad/out.hog" "$brief"
  expect_rc 1 "render with a plugin that eats memory"
  expect_err "hog: out of memory after" "the plugin ran out of memory under --max-memory"
  [ ! -e "$TMP/bad/out.hog" ] && pass || fail "a render out of memory left its file"
else
  skip 3 "render --max-memory against a memory hog: sanitizers and valgrind need more address space than any useful limit"
fi

# ---- signals ---------------------------------------------------------------------------
# wait_for_temp DIR: until a temporary file is in DIR (at most 120 s).
wait_for_temp() {
  i=0
  while [ $i -lt 1200 ] && ! ls -A "$1" 2>/dev/null | grep -q '^\.'; do
    sleep 0.1
    i=$((i + 1))
  done
}
for sig in TERM INT HUP; do
  case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
  rm -rf "$TMP/sig"
  mkdir "$TMP/sig"
  $AR_WRAPPER "$AR_BIN" render -P "$P" -f hang --job-timeout 0 -o "$TMP/sig/out.hang" "$brief" \
    >/dev/null 2>"$TMP/err" &
  pid=$!
  wait_for_temp "$TMP/sig"
  ls -A "$TMP/sig" | grep -q '^\.out\.hang\.ar-' && pass || fail "SIG$sig: no temporary file while rendering"
  kill -$sig $pid
  wait $pid
  rc=$?
  expect_rc $want "render stopped by SIG$sig"
  no_temps "$TMP/sig" "render stopped by SIG$sig"
  [ ! -e "$TMP/sig/out.hang" ] && pass || fail "render stopped by SIG$sig left its file"
done

finish
