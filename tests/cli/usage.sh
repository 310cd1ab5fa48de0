#!/bin/sh
# The command line follows GNU conventions: --help and --version on stdout
# with status 0, usage errors on stderr with status 2.
. "${AR_SRCDIR}/tests/cli/lib.sh"

ar --help
expect_rc 0 "--help"
expect_out "Usage: alliance-report COMMAND" "--help"
expect_out "validate" "--help lists the commands"
expect_out "3  the data file is unreadable, malformed or invalid" "--help documents exit statuses"

ar --version
expect_rc 0 "--version"
version=$(sed -n 's/^AC_INIT(\[alliance-report\], \[\([^]]*\)\].*/\1/p' "$AR_SRCDIR/configure.ac")
expect_out "alliance-report $version" "--version names the package version"

ar
expect_rc 2 "no command"
expect_err "Usage:" "no command prints usage"

ar frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command"
expect_err "Commands: build render plugins validate" "unknown command lists the commands"

ar --frobnicate
expect_rc 2 "unknown global option"
expect_err "unknown option '--frobnicate'" "unknown global option"

ar validate --help
expect_rc 0 "validate --help"
expect_out "Usage: alliance-report validate" "validate --help"

ar validate --bogus
expect_rc 2 "validate with an unknown option"
expect_err "'--bogus' is unknown" "validate with an unknown option"

ar validate --max-errors
expect_rc 2 "--max-errors without a value"

ar validate --max-errors=many
expect_rc 2 "--max-errors with a word"
expect_err "needs a whole number" "--max-errors with a word"

# ---- empty and impossible values are usage errors, and write nothing --------------
# (An empty value in a script is a mistake: -m '' would build no member
# and say all went well.)
mkdir "$TMP/o"
: >"$TMP/afile"
for args in "-m ''" "-m ," "-m ' , '" "-f ''" "-f ," "-b ''" "-b ," "-T ''" "-P ''" "--since ''" \
  "--marking ''" "-O ''" "-j ''" "-j ' 2'" "-j +2" "--job-timeout ''" "--max-memory ''" \
  "--manifest ''" "--manifest $TMP" "--manifest $TMP/o/" "--max-nodes ''" "--max-nodes 0" \
  "--max-nodes many" "--shard ''" "--shard 0/0" "--shard 0/3" "--shard 1/0" "--shard ' 1/3'" \
  "--shard '1/ 3'" "--shard +1/3" "--shard 1/+3" "--shard -1/3" "-o '' -b all" "''" \
  "-o $TMP/afile" "-o $TMP/afile/sub"; do
  eval "ar build -f text -o $TMP/o $args"
  expect_rc 2 "build $args"
done
[ -z "$(ls -A "$TMP/o")" ] && pass || fail "a usage error of build wrote: $(ls -A "$TMP/o")"
[ ! -s "$TMP/afile" ] && pass || fail "an output 'folder' that is a file was written to"
ar build -m '' -o "$TMP/o"
expect_err "option '--members' needs a value, not an empty one" "an empty -m says so"
ar build -m , -o "$TMP/o"
expect_err "-m needs member codes" "-m without codes says so"
ar build -o "$TMP/afile"
expect_err "cannot create the output folder $TMP/afile: Not a directory" "an output folder that is a file says so"
ar build --manifest "$TMP" -o "$TMP/o"
expect_err "--manifest needs a file name, and '$TMP' names a folder" "a manifest that is a folder says so"

for args in "''" "--max-nodes ''" "--max-nodes 0" "-n ''"; do
  eval "ar validate $args"
  expect_rc 2 "validate $args"
done
ar plugins -P ''
expect_rc 2 "plugins -P ''"

finish
