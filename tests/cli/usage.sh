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

finish
