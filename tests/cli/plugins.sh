#!/bin/sh
# The plugin host: listing, search order, and clear refusals of files that
# are not usable plugins, which never stop the others from working.
. "${AR_SRCDIR}/tests/cli/lib.sh"

ar plugins
expect_rc 0 "plugins"
expect_out "text" "the text plugin is listed"
expect_out "xml" "the xml plugin is listed"
expect_out "-O text.width=N" "the text plugin's options are listed"

ar plugins --json
expect_rc 0 "plugins --json"
if have python3; then
  python3 - "$TMP/out" <<'PY' && pass || fail "plugins --json is not the expected JSON"
import json, sys
plugins = json.load(open(sys.argv[1]))
names = [p["name"] for p in plugins]
assert names == sorted(names), names
text = next(p for p in plugins if p["name"] == "text")
assert text["extension"] == "txt" and text["media_type"].startswith("text/plain")
assert text["binary"] is False and text["abi"] == "1.1"
assert any(o["key"] == "width" for o in text["options"])
assert text["origin"] == "preloaded" or text["origin"].endswith("text.la"), text["origin"]
PY
else
  skip 1 "plugins --json read as JSON: python3 is not installed"
fi

# In a build without shared libraries the plugins are linked into the
# program, and the fake plugins below are static archives that cannot be
# loaded: the rest of this test needs shared modules.
fake="$AR_FAKE_PLUGINS"
if [ ! -e "$fake/.libs/fakeok.so" ]; then
  ALLIANCE_REPORT_PLUGIN_PATH= ar plugins
  expect_rc 0 "plugins in a build without shared libraries"
  expect_out "from preloaded" "preloaded plugins say so"
  expect_out "xml " "every plugin is preloaded"
  skip 1 "loading, refusing and searching for plugin files: a build without shared libraries has no shared modules to load"
  finish
fi

ar plugins -P "$fake"
expect_rc 0 "plugins with the fake plugins"
expect_out "fakeok" "a working fake plugin is listed"
expect_out "from $fake/fakeok.la" "its origin is the file"
expect_out "text" "the real plugins are still listed"
expect_err "$fake/wrongabi.la: warning: not loaded as a plugin: it was built for plugin ABI 99." "wrong ABI major"
expect_err "$fake/newminor.la: warning: not loaded as a plugin: it was built for plugin ABI 1.99" "newer ABI minor"
expect_err "$fake/noentry.la: warning: not loaded as a plugin: it exports no noentry_LTX_ar_plugin_describe entry point" "missing entry point"
# duplicate.la calls itself "xml": a name other than the file's is refused,
# naming the file, and the real xml plugin is the one listed.
expect_err "$fake/duplicate.la: warning: not loaded as a plugin: it calls itself 'xml', but a plugin's name must be its file's name without extension, 'duplicate'" "a name that is not the file's"
grep -q 'from .*/plugins/xml\.la$' "$TMP/out" && ! grep -q "from $fake/duplicate.la" "$TMP/out" && pass ||
  fail "the built-in xml plugin is not the one listed"
ar plugins --json -P "$fake"
expect_rc 0 "plugins --json beside the fake plugins"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d)' "$TMP/out" >/dev/null 2>&1 && pass ||
  fail "plugins --json beside the fake plugins is not JSON"

# A file that is not a library, in a folder searched first.
mkdir "$TMP/junk"
echo "not a library" >"$TMP/junk/junk.so"
ar plugins -P "$TMP/junk"
expect_rc 0 "plugins with a junk file"
expect_err "$TMP/junk/junk.so: warning: not loaded as a plugin:" "not a library"
expect_out "text" "the others are still listed next to a junk file"

# Search order: --plugin-path before ALLIANCE_REPORT_PLUGIN_PATH.
mkdir "$TMP/first"
cp "$fake/.libs/fakeok.so" "$TMP/first/fakeok.so"
ALLIANCE_REPORT_PLUGIN_PATH="$fake:$ALLIANCE_REPORT_PLUGIN_PATH" ar plugins -P "$TMP/first"
expect_out "from $TMP/first/fakeok.so" "--plugin-path is searched first"

# Using the fake plugins.
brief="$AR_SRCDIR/tests/data/briefs/sample.xml"
ar render -P "$fake" -f fakeok "$brief"
expect_rc 0 "render with a working fake plugin"
expect_out "A sample brief" "the fake plugin wrote the title"

ar render -P "$fake" -f failing "$brief"
expect_rc 1 "a failing plugin"
expect_err "failing: the fake plugin fails on purpose" "the plugin's message is shown"

ar render -P "$fake" -f silent -o "$TMP/silent.fake" "$brief"
expect_rc 1 "a plugin that writes nothing"
expect_err "silent: the plugin wrote nothing" "writing nothing is a failure"
[ ! -e "$TMP/silent.fake" ] && pass || fail "a failed render left a file"
[ -z "$(ls -A "$TMP" | grep '^\.silent')" ] && pass || fail "a failed render left a temporary file"

ar render -P "$fake" -f wrongabi "$brief"
expect_rc 1 "a refused plugin cannot be used"
expect_err "format wrongabi: its plugin $fake/wrongabi.la cannot be used: it was built for plugin ABI 99." "asking for a refused plugin says why"
expect_err "wrongabi.la: warning: not loaded as a plugin" "and the refusal is a warning too"

ar render -P "$fake" -f badoption -O badoption.level=9 "$brief"
expect_rc 2 "a plugin refusing an option value: a usage error"
expect_err "-O badoption.level=9: expected a whole number from 1 to 3" "the plugin's option error"
ar build -P "$fake" -b all -f badoption,text -O badoption.level=9 -o "$TMP/badopt"
expect_rc 2 "build with a refused option value: a usage error"
[ "$(grep -c 'level=9' "$TMP/err")" -eq 1 ] && pass || fail "the option's refusal is not said once: $(head -3 "$TMP/err")"
[ ! -e "$TMP/badopt" ] || [ -z "$(ls -A "$TMP/badopt")" ] && pass || fail "a brief was written despite the usage error"

ar render -f text -O text.colour=red "$brief"
expect_rc 2 "an unknown option key"
expect_err "the text format has no option 'colour'" "unknown option key"
expect_err "text.width=" "the valid keys are listed"

ar render -f text -O nosuch.key=1 "$brief"
expect_rc 2 "an option for an unknown plugin"
ar render -f text -O bad "$brief"
expect_rc 2 "an option without PLUGIN.KEY=VALUE"

# Which brief a plugin writes (ar_document_kind, ar_document_subject), and
# its warnings (ar_warn), printed with the plugin's name and the file.
ar build -P "$fake" -q -b all -m FR -f whoami -o "$TMP/who"
expect_rc 0 "build with a plugin that warns"
[ "$(cat "$TMP/who/member-fr.who" 2>/dev/null)" = "kind=member subject=FR language=en-GB" ] && pass ||
  fail "member FR: $(cat "$TMP/who/member-fr.who" 2>&1)"
[ "$(cat "$TMP/who/summary.who" 2>/dev/null)" = "kind=summary subject=- language=en-GB" ] && pass ||
  fail "summary: $(cat "$TMP/who/summary.who" 2>&1)"
[ "$(cat "$TMP/who/target-victims.who" 2>/dev/null)" = "kind=target subject=victims language=en-GB" ] && pass ||
  fail "target victims: $(cat "$TMP/who/target-victims.who" 2>&1)"
[ "$(grep -c 'whoami: a warning about' "$TMP/err")" -eq 6 ] && pass ||
  fail "not one warning per brief: $(head -3 "$TMP/err")"
expect_err "member-fr.who: whoami: a warning about" "a warning names the file and the plugin"
ar render -P "$fake" -f whoami "$brief"
[ "$(cat "$TMP/out")" = "kind=- subject=- language=en" ] && pass || fail "render: $(cat "$TMP/out")"

# ---- plugins that crash or hang as they are loaded -----------------------------
# Every module is loaded in a throw-away process first: one that crashes
# or hangs there is refused with the reason, and the others work, in every
# command. (The one that hangs is in its own folder: it costs its time
# limit, 10 s, wherever all plugins are listed.)
if [ -n "$AR_WRAPPER" ]; then WAIT=600; else WAIT=120; fi
if [ -e "$fake/ctorabort.la" ] && [ -e "$fake/entrycrash.la" ]; then
  ar plugins -P "$fake"
  expect_rc 0 "plugins next to modules that crash while loading"
  expect_no_crash "plugins next to modules that crash while loading"
  expect_err "$fake/ctorabort.la: warning: not loaded as a plugin: loading it crashed (signal 6, Aborted)" "a constructor that aborts"
  expect_err "$fake/entrycrash.la: warning: not loaded as a plugin: loading it crashed (signal 11, Segmentation fault)" "an entry point that crashes"
  expect_err "$fake/ctorsays.la: warning: not loaded as a plugin: loading it ended the process (status 1), saying: fake: this library cannot be loaded into this program" "what a module that ends the process says is passed on"
  expect_out "from $fake/fakeok.la" "the other fake plugins are listed"
  expect_out "/text.la" "the real plugins are listed"

  ar render -P "$fake" -f nosuch "$brief"
  expect_rc 2 "an unknown format next to modules that crash while loading"
  expect_no_crash "an unknown format next to modules that crash while loading"
  expect_err "unknown format 'nosuch'. Formats:" "the formats are listed"

  for m in ctorabort entrycrash; do
    ar render -P "$fake" -f $m "$brief"
    expect_rc 1 "asking for $m"
    expect_no_crash "asking for $m"
    expect_err "format $m: its plugin $fake/$m.la cannot be used: loading it crashed (signal" "asking for $m says why"
  done

  ar build -P "$fake" -b summary,target -f ctorabort,text -o "$TMP/b1"
  expect_rc 1 "build with a format whose plugin crashes while loading"
  expect_err "format ctorabort: its plugin $fake/ctorabort.la cannot be used: loading it crashed (signal 6" "build says why"
  expect_err "5 written, 0 skipped, 5 failed" "the other format is written"
else
  skip 19 "modules that crash while loading: tests/plugins/ctorabort.la and entrycrash.la are not built (tests/Makefile.inc)"
fi

hangs="$fake/hangs-on-load"
if [ -e "$hangs/ctorhang.la" ]; then
  timeout $WAIT $AR_WRAPPER "$AR_BIN" plugins -P "$hangs" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  expect_rc 0 "plugins next to a module whose constructor never returns"
  expect_err "$hangs/ctorhang.la: warning: not loaded as a plugin: loading it did not end within 10 s" "a constructor that never returns"
  expect_out "text" "the others are listed next to a module that hangs"

  timeout $WAIT $AR_WRAPPER "$AR_BIN" render -P "$hangs" -f nosuch "$brief" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  expect_rc 2 "an unknown format next to a module that hangs while loading"

  timeout $WAIT $AR_WRAPPER "$AR_BIN" build -P "$hangs" -b summary -f ctorhang,text -o "$TMP/b2" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  expect_rc 1 "build with a format whose plugin hangs while loading"
  expect_err "format ctorhang: its plugin $hangs/ctorhang.la cannot be used: loading it did not end within 10 s" "build says why"
  [ -s "$TMP/b2/summary.txt" ] && pass || fail "the other format was not written next to a plugin that hangs while loading"
else
  skip 8 "a module whose constructor never returns: tests/plugins/hangs-on-load/ctorhang.la is not built (tests/Makefile.inc)"
fi

# ---- a plugin's strings are its own: no terminal controls reach the table ----------
esc=$(printf '\033')
if [ -e "$fake/controls.la" ]; then
  ar plugins -P "$fake"
  expect_rc 0 "plugins with terminal controls in a plugin's strings"
  LC_ALL=C grep -q "$esc\|$(printf '\233')\|$(printf '\a')" "$TMP/out" && fail "a plugin's strings sent controls to the terminal" || pass
  grep -q '^forged line' "$TMP/out" && fail "a plugin's string forged a line of the table" || pass
  for what in "controls 0\\x1b[2J\\u009b31m\\x9b1;1H\\x07\\nforged line .ctl" \
    "a fake plugin for tests\\x1b[2J" "uses libfake\\x1b[2J" "-O controls.mode\\x1b[2J" "what it does\\x1b[2J"; do
    expect_out "$what" "the escaped string: $what"
  done
  ar plugins --json -P "$fake"
  if have python3; then
    python3 - "$TMP/out" <<'PY' && pass || fail "plugins --json does not give a plugin's strings as they are"
import json, sys
controls = "\033[2J\u009b31m\ufffd1;1H\a\nforged line"
p = next(p for p in json.load(open(sys.argv[1])) if p["name"] == "controls")
assert p["summary"] == "a fake plugin for tests" + controls, repr(p["summary"])
assert p["options"][0]["description"] == "what it does" + controls
PY
  else
    skip 1 "plugins --json with controls read as JSON: python3 is not installed"
  fi
else
  skip 9 "terminal controls in a plugin's strings: tests/plugins/controls.la is not built (tests/Makefile.inc)"
fi
# A plugin's origin, a path, may hold controls too.
odd="$TMP/odd${esc}[31m"
mkdir "$odd"
cp "$fake/.libs/fakeok.so" "$odd/fakeok.so"
ar plugins -P "$odd"
expect_out "from $TMP/odd\\x1b[31m/fakeok.so" "a folder's name with controls is escaped"
grep -q "$esc" "$TMP/out" && fail "a folder's name sent controls to the terminal" || pass

# A copy of the program outside its build tree (as if installed) never
# falls back on that tree's plugins, data or templates.
real=$AR_BUILDDIR/src/.libs/alliance-report
[ -x "$real" ] || real=$AR_BUILDDIR/src/alliance-report
mkdir "$TMP/elsewhere"
cp "$real" "$TMP/elsewhere/alliance-report"
outside() { # outside [VAR=VALUE]... ARGS...: run the copy without the test's folders
  env -u ALLIANCE_REPORT_DATADIR -u ALLIANCE_REPORT_TEMPLATES -u ALLIANCE_REPORT_PLUGIN_PATH \
    LD_LIBRARY_PATH="$AR_BUILDDIR/src/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
}
copy=$TMP/elsewhere/alliance-report
outside "$copy" plugins
! grep -qF "$AR_BUILDDIR/plugins" "$TMP/out" "$TMP/err" && pass ||
  fail "a program outside its build tree loaded the build tree's plugins: $(cat "$TMP/out")"
outside "$copy" validate
! grep -qF "$AR_SRCDIR/data" "$TMP/out" "$TMP/err" && pass ||
  fail "a program outside its build tree read the source tree's data: $(cat "$TMP/out" "$TMP/err")"
installed=$(sed -n 's|^\(/.*\)/alliance.rng: error: .*|\1|p' "$TMP/err")
outside ALLIANCE_REPORT_DATADIR="$AR_SRCDIR/data" ALLIANCE_REPORT_PLUGIN_PATH="$AR_BUILDDIR/plugins" \
  "$copy" build -b summary -f text -o "$TMP/elsewhere/out"
if [ -n "$installed" ] && [ ! -e "$installed/templates/briefs/summary.xsl" ]; then
  [ "$rc" -ne 0 ] && [ ! -e "$TMP/elsewhere/out/summary.txt" ] && grep -qF "$installed/templates/briefs" "$TMP/err" && pass ||
    fail "a program outside its build tree used the source tree's templates (status $rc): $(cat "$TMP/err")"
else
  skip 1 "templates outside the build tree: the program is installed, or its data folder is unknown"
fi

finish
