#!/bin/sh
# Every input that ever crashed or hung a fuzzing harness (fuzz/, see
# doc/hacking.md), run through the program as the harness ran it: a data
# file under load/ is validated; a brief anywhere else is rendered with
# every format, with the default options and with the harness's second
# set. Each run ends within the time limit, without a crash or a sanitizer
# report, with the exit status tests/data/fuzz/EXPECTED gives the file, and
# leaves either the whole output file or none; the text of a brief kept for
# the line breaker (text-wrap/) fits the width.
. "${AR_SRCDIR}/tests/cli/lib.sh"

cases="$AR_SRCDIR/tests/data/fuzz"
limit=120 # seconds: far more than any of these takes, even under valgrind
AR_WRAPPER="timeout -k 10 $limit ${AR_WRAPPER:-}"

text_lines="$AR_BUILDDIR/tests/tools/text-lines"
formats="text html xml"
"$AR_BIN" plugins 2>/dev/null | grep -q '^pdf ' && formats="$formats pdf"

# The options of the harness's second set (fuzz/fuzz-render.c).
variant() {
  case $1 in
    text) echo "-O text.width=20 -O text.ascii=true" ;;
    html) echo "-O html.standalone=false" ;;
    pdf) echo "-O pdf.paper=letter -O pdf.justify=true" ;;
  esac
}

# expected FILE: the status EXPECTED gives FILE (relative to $cases).
expected() {
  awk -F '\t' -v f="$1" '$1 == f { print $2 }' "$cases/EXPECTED"
}

# check WHAT STATUS: the last run ended in time, without a crash, with STATUS.
check() {
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    fail "$1: still running after $limit s"
  else
    pass
  fi
  expect_no_crash "$1"
  expect_rc "$2" "$1"
}

# render_one FILE STATUS FORMAT [OPTION...]: renders FILE into a fresh
# folder, which ends up holding the whole output or nothing.
render_one() {
  brief=$1 want=$2 f=$3
  shift 3
  out="$TMP/o-$f"
  rm -rf "$out" && mkdir "$out"
  ar render -f "$f" "$@" -o "$out/brief.$f" "$cases/$brief"
  what="render -f $f${*:+ $*} $brief"
  check "$what" "$want"
  left=$(ls -A "$out")
  if [ "$rc" -eq 0 ]; then
    [ "$left" = "brief.$f" ] && [ -s "$out/brief.$f" ] && pass || fail "$what: left '$left', not brief.$f"
  else
    [ -z "$left" ] && pass || fail "$what: failed but left '$left'"
  fi
  # A brief kept for the line breaker: its lines fit the width.
  if [ "$rc" -eq 0 ] && [ "$f" = text ] && [ "${brief%%/*}" = text-wrap ]; then
    case "$*" in *text.width=20*) width=20 ;; *) width=72 ;; esac
    if [ -x "$text_lines" ]; then
      widest=$("$text_lines" "$out/brief.$f")
      [ "${widest:-999}" -le "$width" ] && pass || fail "$what: a line is $widest columns wide, more than $width"
    else
      skip 1 "$what: line widths: tests/tools/text-lines is not built"
    fi
  fi
}

# render_all FILE STATUS: FILE with each format and option set.
render_all() {
  for f in $formats; do
    render_one "$1" "$2" "$f"
    # shellcheck disable=SC2046
    [ -z "$(variant "$f")" ] || render_one "$1" "$2" "$f" $(variant "$f")
  done
}

n=0
for path in "$cases"/*/*.xml; do
  [ -f "$path" ] || continue
  file=${path#"$cases/"}
  status=$(expected "$file")
  if [ -z "$status" ]; then
    fail "$file has no line in tests/data/fuzz/EXPECTED"
    continue
  fi
  n=$((n + 1))
  case $file in
    load/*)
      ar validate "$path"
      check "validate $file" "$status"
      ;;
    *) render_all "$file" "$status" ;;
  esac
done

# Every line of EXPECTED names a case that exists.
while IFS="$(printf '\t')" read -r file status; do
  case $file in '#'* | '') continue ;; esac
  [ -f "$cases/$file" ] && pass || fail "EXPECTED names $file, which does not exist"
done <"$cases/EXPECTED"

[ "$n" -gt 0 ] && pass || fail "no regression input in $cases"
finish
