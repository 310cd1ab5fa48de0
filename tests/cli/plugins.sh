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
assert text["binary"] is False and text["abi"] == "1.0"
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
expect_err "$fake/wrongabi.la: warning: not loaded as a plugin: it was built for plugin ABI 99.0" "wrong ABI major"
expect_err "$fake/newminor.la: warning: not loaded as a plugin: it was built for plugin ABI 1.99" "newer ABI minor"
expect_err "$fake/noentry.la: warning: not loaded as a plugin: it exports no noentry_LTX_ar_plugin_describe entry point" "missing entry point"
# duplicate.la claims the name "xml": found first, it wins, and the real xml
# plugin is the one refused, naming the file that took its name.
expect_err "xml.la: warning: not loaded as a plugin: another plugin named 'xml' was loaded first, from $fake/duplicate.la" "two plugins with one name"

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
expect_rc 2 "a refused plugin cannot be used"
expect_err "unknown format 'wrongabi'" "a refused plugin is not a format"
expect_err "wrongabi.la: warning: not loaded as a plugin" "and the refusal says why"

ar render -P "$fake" -f badoption -O badoption.level=9 "$brief"
expect_rc 1 "a plugin refusing an option value"
expect_err "option level=9: expected a whole number from 1 to 3" "the plugin's option error"

ar render -f text -O text.colour=red "$brief"
expect_rc 2 "an unknown option key"
expect_err "the text format has no option 'colour'" "unknown option key"
expect_err "text.width=" "the valid keys are listed"

ar render -f text -O nosuch.key=1 "$brief"
expect_rc 2 "an option for an unknown plugin"
ar render -f text -O bad "$brief"
expect_rc 2 "an option without PLUGIN.KEY=VALUE"

finish
