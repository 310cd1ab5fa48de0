#!/bin/sh
# build as a batch: every brief in every format in parallel workers; the
# manifest; the same bytes whatever -j or --sync, each file synced before
# it is renamed and reported; jobs that crash, hang, exit, abort
# half-way or run out of memory failing alone; a plugin whose loading
# crashes; --fail-fast, --incremental, --dry-run, --shard; a read-only
# folder and a full disk leaving earlier files as they were; SIGTERM,
# SIGINT and kill -9 leaving no temporary file behind.
. "${AR_SRCDIR}/tests/cli/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
# Jobs under valgrind are slow: give them time before calling one hung.
if [ -n "$AR_WRAPPER" ]; then LIMIT=60; else LIMIT=3; fi
P="$AR_FAKE_PLUGINS"

# no_temps DIR WHAT: no temporary file is left in DIR.
no_temps() {
  left=$(ls -A "$1" 2>/dev/null | grep '^\.' || true)
  [ -z "$left" ] && pass || fail "$2: temporary files left: $left"
}

# manifest_check FILE: every record is JSON with the keys a script needs,
# in job order; prints "status path sha256 bytes" lines into FILE.sum.
manifest_check() {
  $PY - "$1" >"$1.sum" 2>"$TMP/py-err" <<'PYEOF'
import json, sys
last = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for key in ("job", "brief", "member", "target", "format", "path", "bytes", "sha256", "status", "error", "ms"):
        if key not in r:
            sys.exit("no %s in %s" % (key, line))
    if r["job"] <= last:
        sys.exit("job %d after job %d" % (r["job"], last))
    last = r["job"]
    print(r["status"], r["path"], r["sha256"], r["bytes"], r["format"], r["member"] or r["target"] or "-", r["error"] or "")
PYEOF
}

formats=text,html
ar plugins
grep -q '^pdf ' "$TMP/out" && formats=pdf,html,text

# ---- every brief in every format, -j 1 and -j 2 -----------------------------------
for j in 1 2; do
  ar build -b all -f $formats -j $j --manifest "$TMP/m$j.jsonl" -o "$TMP/j$j"
  expect_rc 0 "build -b all -f $formats -j $j"
  n=$(ls "$TMP/j$j" | wc -l)
  want=$((59 * $(echo $formats | tr ',' '\n' | wc -l)))
  [ "$n" -eq "$want" ] && pass || fail "-j $j wrote $n files, expected $want"
  expect_err "$want written, 0 skipped, 0 failed" "-j $j summary line"
  [ "$(wc -l <"$TMP/out")" -eq "$want" ] && pass || fail "-j $j lists $(wc -l <"$TMP/out") files on stdout"
  manifest_check "$TMP/m$j.jsonl" && pass || fail "-j $j manifest: $(cat "$TMP/py-err")"
  no_temps "$TMP/j$j" "-j $j"
done
diffs=0
for f in "$TMP/j1"/*; do cmp -s "$f" "$TMP/j2/$(basename "$f")" || diffs=$((diffs + 1)); done
[ "$diffs" -eq 0 ] && pass || fail "$diffs files differ between -j 1 and -j 2"
sed "s|$TMP/j1/||" "$TMP/m1.jsonl.sum" >"$TMP/s1"
sed "s|$TMP/j2/||" "$TMP/m2.jsonl.sum" >"$TMP/s2"
cmp -s "$TMP/s1" "$TMP/s2" && pass || fail "the manifests of -j 1 and -j 2 differ: $(diff "$TMP/s1" "$TMP/s2" | head -3)"
# The manifest's sizes and checksums are those of the files.
bad=0
while read -r status path sha bytes rest; do
  [ "$status" = written ] || { bad=$((bad + 1)); continue; }
  [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sha" ] && [ "$(stat -c %s "$path")" = "$bytes" ] || bad=$((bad + 1))
done <"$TMP/m2.jsonl.sum"
[ "$bad" -eq 0 ] && pass || fail "$bad manifest records do not match their files"
head -1 "$TMP/m2.jsonl.sum" | grep -q '^written .*/summary\.' && pass || fail "the manifest does not start with the summary"
grep -q ' target-victims\.' "$TMP/m2.jsonl.sum" || grep -q "victims" "$TMP/m2.jsonl.sum" && pass || fail "no target brief in the manifest"

# Standard output as the manifest holds only its records.
ar build -b summary,target -f text --manifest - -o "$TMP/stdout"
expect_rc 0 "--manifest -"
cp "$TMP/out" "$TMP/stdout.jsonl"
manifest_check "$TMP/stdout.jsonl" && pass || fail "--manifest - is not only JSON records: $(cat "$TMP/py-err")"
[ "$(wc -l <"$TMP/stdout.jsonl")" -eq 5 ] && pass || fail "--manifest - has $(wc -l <"$TMP/stdout.jsonl") records, expected 5"

# ---- --sync: file (the default) and batch ---------------------------------------
# Both write every file whole, with the manifest's sizes and checksums, and
# the same bytes as above.
for mode in file batch; do
  ar build -b all -f text --sync=$mode -j 2 --manifest "$TMP/sync-$mode.jsonl" -o "$TMP/sync-$mode"
  expect_rc 0 "--sync=$mode"
  expect_err "59 written, 0 skipped, 0 failed" "--sync=$mode summary line"
  no_temps "$TMP/sync-$mode" "--sync=$mode"
  manifest_check "$TMP/sync-$mode.jsonl" && pass || fail "--sync=$mode manifest: $(cat "$TMP/py-err")"
  bad=0
  while read -r status path sha bytes rest; do
    [ "$status" = written ] && [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sha" ] &&
      [ "$(stat -c %s "$path")" = "$bytes" ] && cmp -s "$path" "$TMP/j1/$(basename "$path")" || bad=$((bad + 1))
  done <"$TMP/sync-$mode.jsonl.sum"
  [ "$bad" -eq 0 ] && [ "$(wc -l <"$TMP/sync-$mode.jsonl.sum")" -eq 59 ] && pass ||
    fail "--sync=$mode: $bad of $(wc -l <"$TMP/sync-$mode.jsonl.sum") records do not match their files or -j 1's"
done
for value in never '' FILE 'file,batch'; do
  ar build -b summary -f text --sync="$value" -o "$TMP/sync-bad"
  expect_rc 2 "--sync='$value'"
done
ar build -b summary -f text --sync=never -o "$TMP/sync-bad"
expect_err "--sync needs file or batch, not 'never'" "a bad --sync value says so"
[ ! -e "$TMP/sync-bad" ] && pass || fail "a bad --sync value created the output folder"
ar build -b summary -f text -o "$TMP/sync-bad" --sync
expect_rc 2 "--sync without a value"
ar build --help
expect_out "--sync=WHEN" "the help tells of --sync"

# What the build asks of the kernel (strace): by default each file is
# synced before it is renamed into place, and its folder after, before the
# file is listed on stdout; with --sync=batch no file is synced, and the
# file system is, once, before the summary line.
if [ -n "$AR_WRAPPER" ]; then
  skip 2 "the order of syncs and renames: not under valgrind"
elif ! have strace || ! strace -o /dev/null true 2>/dev/null; then
  skip 2 "the order of syncs and renames: strace is not installed or cannot trace here (Debian: strace)"
else
  for mode in file batch; do
    opt=
    [ $mode = batch ] && opt=--sync=batch
    strace -f -y -qq -s 4096 -e trace=fsync,fdatasync,syncfs,rename,renameat,renameat2,write \
      -o "$TMP/st-$mode" "$AR_BIN" build -b summary,target -f text -j 2 $opt -o "$TMP/st-$mode.out" \
      >"$TMP/st-$mode.stdout" 2>"$TMP/st-$mode.stderr" </dev/null
    $PY - "$TMP/st-$mode" $mode "$TMP/st-$mode.out" >"$TMP/py-err" 2>&1 <<'PYEOF'
import os, re, sys
log, mode, outdir = sys.argv[1:4]
outbase = os.path.basename(outdir)
calls, pending = [], {}
for i, line in enumerate(open(log, encoding="utf-8", errors="replace")):
    line = line.rstrip("\n")
    m = re.match(r"^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$", line)
    if m:
        c = pending.pop((m.group(1), m.group(2)), None)
        if c:
            c["args"] += m.group(3)
            c["end"] = i
            calls.append(c)
        continue
    m = re.match(r"^(\d+)\s+(\w+)\((.*)$", line)
    if not m:
        continue
    pid, name, rest = m.groups()
    if rest.endswith("<unfinished ...>"):
        pending[(pid, name)] = {"name": name, "args": rest[: -len("<unfinished ...>")], "start": i}
    else:
        calls.append({"name": name, "args": rest, "start": i, "end": i})
def ok(c):
    m = re.search(r"\)\s+=\s+(-?\d+)", c["args"])
    return m is not None and int(m.group(1)) >= 0
def fd_path(c):
    m = re.match(r"\s*\d+<(.*?)>", c["args"])
    return m.group(1) if m else ""
def strings(c):
    return [bytes(s, "utf-8").decode("unicode_escape") for s in re.findall(r'"((?:[^"\\]|\\.)*)"', c["args"])]
syncs = [c for c in calls if c["name"] in ("fsync", "fdatasync") and ok(c)]
placed, problems = {}, []
for r in (c for c in calls if c["name"].startswith("rename") and ok(c)):
    q = strings(r)
    if len(q) < 2 or os.path.basename(os.path.dirname(q[1])) != outbase:
        continue
    tmp = os.path.basename(q[0])
    synced = [f for f in syncs if os.path.basename(fd_path(f)) == tmp]
    if mode == "file" and not [f for f in synced if f["end"] < r["start"]]:
        problems.append("%s was renamed into place before it was synced" % q[1])
    if mode == "batch" and synced:
        problems.append("%s was synced with --sync=batch" % q[1])
    placed[os.path.basename(q[1])] = r
if len(placed) != 5:
    problems.append("%d files renamed into place, expected 5" % len(placed))
folder = [f for f in syncs if os.path.basename(fd_path(f)) == outbase]
listed = 0
for w in (c for c in calls if c["name"] == "write" and fd_path(c).endswith(".stdout")):
    for path in "".join(strings(w)).split("\n"):
        if not path:
            continue
        listed += 1
        r = placed.get(os.path.basename(path))
        if not r:
            problems.append("%s was listed but not renamed into place" % path)
        elif mode == "file" and not [f for f in folder if f["start"] > r["end"] and f["end"] < w["start"]]:
            problems.append("%s was listed before its folder was synced" % path)
if listed != 5:
    problems.append("%d files listed on stdout, expected 5" % listed)
fs = [c for c in calls if c["name"] == "syncfs" and ok(c)]
summary = [c for c in calls if c["name"] == "write" and " written, " in c["args"]]
if mode == "batch":
    if len(fs) != 1 or os.path.basename(fd_path(fs[0])) != outbase:
        problems.append("syncfs of the output folder: %d calls, expected 1" % len(fs))
    elif not summary or fs[0]["end"] > summary[0]["start"] or any(r["end"] > fs[0]["start"] for r in placed.values()):
        problems.append("syncfs did not come after the renames and before the summary line")
elif fs:
    problems.append("syncfs by default")
if problems:
    sys.exit("; ".join(problems[:5]))
PYEOF
    [ $? -eq 0 ] && pass || fail "--sync=$mode as strace shows it: $(cat "$TMP/py-err")"
  done
fi

# The fake plugins are shared modules: a build without shared libraries
# has none, and skips what needs them (the other builds run it).
fakes=0
[ -e "$P/.libs/fakeok.so" ] && fakes=1

# ---- jobs that misbehave ---------------------------------------------------------
# Each fake plugin misbehaves on France's brief only and writes the others.
if [ $fakes = 1 ]; then
AR_FAKE_ONLY=France
export AR_FAKE_ONLY
ar build -P "$P" -b summary,member -m FR,DE,IT -f text,crash,hang,exitzero,halfabort \
  --job-timeout $LIMIT -j 2 --manifest "$TMP/bad.jsonl" -o "$TMP/bad"
expect_rc 1 "a batch with misbehaving plugins"
expect_no_crash "a batch with misbehaving plugins"
expect_err "member-fr.crash failed (member brief FR, format crash): the worker was killed by signal 11" "a crash"
expect_err "member-fr.hang failed (member brief FR, format hang): stopped after $LIMIT s (--job-timeout)" "a hang"
expect_err "member-fr.exitzero failed (member brief FR, format exitzero): the worker exited with status 0 before finishing the job" "an exit"
expect_err "member-fr.halfabort failed (member brief FR, format halfabort): the worker was killed by signal 6" "an abort after half"
expect_err "16 written, 0 skipped, 4 failed" "the summary line of a batch with failures"
for ext in txt crash hang exitzero halfabort; do
  for brief in summary member-de member-it; do
    [ -s "$TMP/bad/$brief.$ext" ] && pass || fail "$brief.$ext was not written next to failing jobs"
  done
done
for ext in crash hang exitzero halfabort; do
  [ ! -e "$TMP/bad/member-fr.$ext" ] && pass || fail "member-fr.$ext exists after its job failed"
done
[ -s "$TMP/bad/member-fr.txt" ] && pass || fail "member-fr.txt was not written"
no_temps "$TMP/bad" "misbehaving plugins"
manifest_check "$TMP/bad.jsonl" && pass || fail "manifest with failures: $(cat "$TMP/py-err")"
[ "$(grep -c '^failed ' "$TMP/bad.jsonl.sum")" -eq 4 ] && pass || fail "the manifest should have 4 failed records"
grep -q "^failed $TMP/bad/member-fr.halfabort None None halfabort FR the worker was killed by signal 6" "$TMP/bad.jsonl.sum" && pass ||
  fail "the manifest's record of the aborted job: $(grep halfabort "$TMP/bad.jsonl.sum" | grep FR)"

# An earlier good file survives a job that fails on it.
cp "$TMP/bad/member-de.crash" "$TMP/de-before"
AR_FAKE_ONLY=Germany ar build -P "$P" -m DE -f crash -o "$TMP/bad"
expect_rc 1 "a crash over an earlier file"
cmp -s "$TMP/de-before" "$TMP/bad/member-de.crash" && pass || fail "a crashing job changed the earlier file"
no_temps "$TMP/bad" "a crash over an earlier file"
unset AR_FAKE_ONLY

# --fail-fast: nothing starts after the first failure.
ar build -P "$P" -b all -f failing,text -j 1 --fail-fast --manifest "$TMP/ff.jsonl" -o "$TMP/ff"
expect_rc 1 "--fail-fast"
manifest_check "$TMP/ff.jsonl" && pass || fail "--fail-fast manifest: $(cat "$TMP/py-err")"
[ "$(grep -c '^failed ' "$TMP/ff.jsonl.sum")" -eq 1 ] && pass || fail "--fail-fast ran more than one failing job"
[ "$(grep -c '^cancelled ' "$TMP/ff.jsonl.sum")" -eq 117 ] && pass || fail "--fail-fast should cancel 117 jobs: $(grep -c '^cancelled ' "$TMP/ff.jsonl.sum")"
expect_err "117 cancelled" "--fail-fast summary line"
# --keep-going (the default) runs them all.
ar build -P "$P" -b summary,target -f failing,text --keep-going -o "$TMP/kg"
expect_rc 1 "--keep-going"
expect_err "5 written, 0 skipped, 5 failed" "--keep-going runs every job"

# A plugin whose loading crashes (a truncated library: SIGBUS in dlopen).
mkdir "$TMP/broken"
lib=$(ls "$AR_BUILDDIR"/plugins/.libs/text.so 2>/dev/null | head -1)
if [ -n "$lib" ]; then
  head -c 4096 "$lib" >"$TMP/broken/trunc.so"
  ar build -P "$TMP/broken" -b summary,target -f trunc,html -o "$TMP/tr"
  expect_rc 1 "a plugin that crashes while loading"
  expect_no_crash "a plugin that crashes while loading"
  expect_err "format trunc: its plugin $TMP/broken/trunc.so cannot be used: loading it crashed (signal 7, Bus error)" "the loading crash is reported"
  [ "$(ls "$TMP/tr" | grep -c '\.html$')" -eq 5 ] && pass || fail "the other format was not written after a loading crash"
  expect_err "5 written, 0 skipped, 5 failed" "a loading crash fails its jobs only"
else
  skip 5 "a plugin whose loading crashes: the build has no shared text.so to truncate"
fi
# A plugin that loads but crashes when started with its options: it is
# started in a throw-away process first, and fails its jobs alone.
if [ -e "$P/createcrash.la" ]; then
  ar build -P "$P" -b summary,target -f createcrash,text -o "$TMP/cc"
  expect_rc 1 "a plugin that crashes when started"
  expect_no_crash "a plugin that crashes when started"
  expect_err "format createcrash: starting the plugin 'createcrash' crashed (signal 11, Segmentation fault); searched: $P" "the crash at the start is reported"
  expect_err "5 written, 0 skipped, 5 failed" "a crash at the start fails its jobs only"
  ar render -P "$P" -f createcrash "$AR_SRCDIR/tests/data/briefs/sample.xml"
  expect_rc 1 "render with a plugin that crashes when started"
  expect_err "format createcrash: starting the plugin 'createcrash' crashed (signal 11, Segmentation fault)" "render says so, as build does"
else
  skip 6 "a plugin that crashes when started: tests/plugins/createcrash.la is not built (tests/Makefile.inc)"
fi

# --max-memory: a worker that eats memory fails alone (not with sanitizers
# or valgrind, which need more address space than any useful limit).
ar build --help
if [ -z "$AR_WRAPPER" ] && ! grep -q 'ignored: built with sanitizers' "$TMP/out"; then
  ar build -P "$P" -b summary,target -f hog,text --max-memory 256M -o "$TMP/hog"
  expect_rc 1 "--max-memory"
  expect_err "summary.hog failed" "a worker over --max-memory fails"
  [ "$(ls "$TMP/hog" | grep -c '\.txt$')" -eq 5 ] && pass || fail "text briefs next to a memory hog"
else
  skip 3 "--max-memory against a memory hog: sanitizers and valgrind need more address space than any useful limit"
fi

# Without --max-memory, a worker may use what it inherits and its share of
# half the memory: a memory hog fails alone (-j 64: a small share). The
# whole command is held to 4 GiB from outside, so that a hog without a
# limit cannot take the machine.
if [ -z "$AR_WRAPPER" ] && ! grep -q 'ignored: built with sanitizers' "$TMP/out" && have prlimit; then
  prlimit --data=$((4 << 30)) "$AR_BIN" build -P "$P" -b summary -f hog,text -j 64 -o "$TMP/hog-default" \
    >"$TMP/out" 2>"$TMP/err" </dev/null
  rc=$?
  expect_rc 1 "a memory hog without --max-memory"
  expect_err "summary.hog failed (summary brief, format hog): $TMP/hog-default/summary.hog: error: hog: out of memory after" "the hog ran out of its default share"
  got=$(sed -n 's/.*hog: out of memory after \([0-9]*\) MiB.*/\1/p' "$TMP/err")
  total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
  [ -n "$got" ] && [ "$got" -le $((total / 1024 / 2 / 64 + 1024)) ] && pass ||
    fail "the hog got $got MiB, more than its share of half of $total kB and 1 GiB it inherits"
  [ -s "$TMP/hog-default/summary.txt" ] && pass || fail "the text brief next to a memory hog"
elif ! have prlimit; then
  skip 4 "the default memory limit against a memory hog: prlimit (Debian: util-linux) is not installed"
else
  skip 4 "the default memory limit against a memory hog: sanitizers and valgrind need more address space than any useful limit"
fi
else
  skip 1 "misbehaving plugins (crash, hang, exit, abort, memory hog): a build without shared libraries cannot load the fake plugins"
fi # fakes
ar build --max-memory lots -o "$TMP/x"
expect_rc 2 "--max-memory lots"

# The limits set by default (strace shows them): validate and render on
# themselves, build's workers on each (hard, so a plugin cannot raise it),
# never more than half the memory, shared among the workers.
ar build --help
if [ -n "$AR_WRAPPER" ] || grep -q 'ignored: built with sanitizers' "$TMP/out"; then
  skip 4 "the default memory limits: not with sanitizers or valgrind, which need more address space"
elif ! have strace || ! strace -o /dev/null true 2>/dev/null; then
  skip 4 "the default memory limits: strace is not installed or cannot trace here (Debian: strace)"
else
  total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
  # limits FILE: "soft hard" of each RLIMIT_DATA set, in bytes.
  limits() {
    $PY - "$1" <<'PYEOF'
import re, sys
for line in open(sys.argv[1]):
    m = re.search(r"RLIMIT_DATA, \{rlim_cur=([0-9*]+|RLIM64_INFINITY), rlim_max=([0-9*]+|RLIM64_INFINITY)\}", line)
    if m:
        value = lambda v: -1 if v == "RLIM64_INFINITY" else eval(v)
        print(value(m.group(1)), value(m.group(2)))
PYEOF
  }
  # within LIMITS_FILE MAX_BYTES: every soft limit set is at most that.
  within() {
    [ -s "$1" ] && awk -v max="$2" '$1 < 0 || $1 > max { bad = 1 } END { exit bad }' "$1"
  }
  strace -f -qq -e trace=prlimit64,setrlimit -o "$TMP/st-v" "$AR_BIN" validate -q >/dev/null 2>&1
  limits "$TMP/st-v" >"$TMP/lim-v"
  within "$TMP/lim-v" $((total * 1024 / 2 + (1 << 30))) && pass ||
    fail "validate set no memory limit of at most half the memory: $(cat "$TMP/lim-v")"
  strace -f -qq -e trace=prlimit64,setrlimit -o "$TMP/st-r" "$AR_BIN" render -f text \
    "$AR_SRCDIR/tests/data/briefs/sample.xml" >/dev/null 2>&1
  limits "$TMP/st-r" >"$TMP/lim-r"
  within "$TMP/lim-r" $((total * 1024 / 2 + (1 << 30))) && pass ||
    fail "render set no memory limit of at most half the memory: $(cat "$TMP/lim-r")"
  strace -f -qq -e trace=prlimit64,setrlimit -o "$TMP/st-b" "$AR_BIN" build -q -b summary,target \
    -f text -j 4 -o "$TMP/st-b.out" >/dev/null 2>&1
  limits "$TMP/st-b" | awk '$1 == $2' >"$TMP/lim-b"
  [ "$(wc -l <"$TMP/lim-b")" -ge 2 ] && pass || fail "build's workers set no hard memory limit: $(limits "$TMP/st-b")"
  within "$TMP/lim-b" $((total * 1024 / 2 / 4 + (1 << 30))) && pass ||
    fail "build's workers have more than their share of half the memory: $(cat "$TMP/lim-b")"
fi

# ---- incremental, dry run, shards ------------------------------------------------
cp "$AR_SRCDIR/data/global-alliance-2014.xml" "$TMP/data.xml"
touch -d '-1 hour' "$TMP/data.xml"
ar build -b all -f text -q -o "$TMP/inc" "$TMP/data.xml"
expect_rc 0 "a first build"
ar build -b all -f text --incremental --manifest "$TMP/inc.jsonl" -o "$TMP/inc" "$TMP/data.xml"
expect_rc 0 "--incremental with nothing to do"
expect_err "0 written, 59 skipped, 0 failed" "--incremental skips what is up to date"
manifest_check "$TMP/inc.jsonl" && pass || fail "--incremental manifest: $(cat "$TMP/py-err")"
[ "$(grep -c '^skipped .* [0-9a-f]\{64\} ' "$TMP/inc.jsonl.sum")" -eq 59 ] && pass || fail "skipped records lack their checksum"
grep -q '"reason":"up to date"' "$TMP/inc.jsonl" && pass || fail "skipped records do not say why"
touch "$TMP/data.xml"
ar build -b all -f text --incremental -o "$TMP/inc" "$TMP/data.xml"
expect_err "59 written, 0 skipped" "--incremental after the data changed"
ar build -b all -f text --incremental -o "$TMP/inc" "$TMP/data.xml"
expect_err "0 written, 59 skipped" "--incremental after a rebuild"
touch "$TMP/data.xml"
touch -d '+1 hour' "$TMP/inc/member-fr.txt"
ar build -b all -f text --incremental -o "$TMP/inc" "$TMP/data.xml"
expect_err "58 written, 1 skipped" "--incremental keeps only the newer file"

# Every file of the template folder counts, not only the brief templates:
# a stylesheet they include, or a file added to the folder.
cp -R "$AR_SRCDIR/templates/briefs" "$TMP/tpl"
chmod -R u+w "$TMP/tpl"
echo '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/>' >"$TMP/tpl/part.xsl"
touch -d '-1 hour' "$TMP/tpl"/* "$TMP/tpl" "$TMP/data.xml"
ar build -b all -f text -q -T "$TMP/tpl" -o "$TMP/inc-tpl" "$TMP/data.xml"
expect_rc 0 "a build with a copy of the templates"
ar build -b all -f text --incremental -T "$TMP/tpl" -o "$TMP/inc-tpl" "$TMP/data.xml"
expect_err "0 written, 59 skipped" "--incremental with a copy of the templates"
touch "$TMP/tpl/part.xsl"
ar build -b all -f text --incremental -T "$TMP/tpl" -o "$TMP/inc-tpl" "$TMP/data.xml"
expect_err "59 written, 0 skipped" "--incremental after a file of the template folder changed"
touch -d '-1 hour' "$TMP/tpl/part.xsl" "$TMP/tpl"
touch -d '-1 minute' "$TMP/inc-tpl"/*
rm "$TMP/tpl/part.xsl"
ar build -b all -f text --incremental -T "$TMP/tpl" -o "$TMP/inc-tpl" "$TMP/data.xml"
expect_err "59 written, 0 skipped" "--incremental after a file was removed from the template folder"

# A symbolic link at a file's name is never "up to date", even to a newer
# file outside the folder: it is written again, as a file, and what it
# pointed to stays as it was.
echo "outside the folder" >"$TMP/outside.txt"
touch -d '+2 hours' "$TMP/outside.txt"
rm "$TMP/inc/member-de.txt"
ln -s "$TMP/outside.txt" "$TMP/inc/member-de.txt"
ar build -b all -f text --incremental --manifest "$TMP/inc-link.jsonl" -o "$TMP/inc" "$TMP/data.xml"
expect_rc 0 "--incremental with a symbolic link"
grep '"member":"DE"' "$TMP/inc-link.jsonl" | grep -q '"status":"written"' && pass ||
  fail "a symbolic link was taken as up to date: $(grep '"member":"DE"' "$TMP/inc-link.jsonl")"
[ -f "$TMP/inc/member-de.txt" ] && [ ! -L "$TMP/inc/member-de.txt" ] && grep -q Germany "$TMP/inc/member-de.txt" && pass ||
  fail "the symbolic link was not replaced by the brief"
[ "$(cat "$TMP/outside.txt")" = "outside the folder" ] && pass || fail "--incremental wrote through a symbolic link"

# The manifest is written like every file: through a temporary file in its
# folder, renamed into place, so a symbolic link there is replaced and
# what it pointed to stays as it was.
echo "not a manifest" >"$TMP/precious"
mkdir "$TMP/mf"
ln -s "$TMP/precious" "$TMP/mf/m.jsonl"
ar build -b summary,target -f text --manifest "$TMP/mf/m.jsonl" -o "$TMP/mf-out"
expect_rc 0 "--manifest over a symbolic link"
[ "$(cat "$TMP/precious")" = "not a manifest" ] && pass || fail "the manifest was written through a symbolic link"
[ -f "$TMP/mf/m.jsonl" ] && [ ! -L "$TMP/mf/m.jsonl" ] && [ "$(wc -l <"$TMP/mf/m.jsonl")" -eq 5 ] && pass ||
  fail "the manifest did not replace the symbolic link: $(ls -l "$TMP/mf")"
no_temps "$TMP/mf" "the manifest's folder"
# A manifest that cannot be written is known before any job runs.
ar build -b summary -f text --manifest "$TMP/nosuch/m.jsonl" -o "$TMP/mf-none"
expect_rc 1 "a manifest in a folder that does not exist"
expect_err "cannot write the manifest $TMP/nosuch/m.jsonl" "a manifest that cannot be written says so"
[ ! -e "$TMP/mf-none/summary.txt" ] && pass || fail "jobs ran though the manifest could not be written"

ar build -b all -f text,html --dry-run -o "$TMP/dry"
expect_rc 0 "--dry-run"
[ "$(grep -c '^write	' "$TMP/out")" -eq 118 ] && pass || fail "--dry-run lists $(grep -c '^write	' "$TMP/out") jobs, expected 118"
grep -q "^write	$TMP/dry/member-fr.html	member	FR	html\$" "$TMP/out" && pass || fail "--dry-run line of member-fr.html"
[ ! -e "$TMP/dry" ] && pass || fail "--dry-run created the output folder"

for k in 1 2 3; do
  ar build -b all -f text --shard $k/3 --manifest "$TMP/sh$k.jsonl" -o "$TMP/shards"
  expect_rc 0 "--shard $k/3"
done
[ "$(ls "$TMP/shards" | wc -l)" -eq 59 ] && pass || fail "three shards wrote $(ls "$TMP/shards" | wc -l) files, expected 59"
cat "$TMP"/sh?.jsonl | sed 's/.*"job":\([0-9]*\),.*/\1/' | sort -n | uniq -d >"$TMP/dup"
[ ! -s "$TMP/dup" ] && [ "$(cat "$TMP"/sh?.jsonl | wc -l)" -eq 59 ] && pass || fail "shards overlap or miss jobs"
ar build --shard 4/3 -o "$TMP/x"
expect_rc 2 "--shard 4/3"

# ---- progress, quiet, color ---------------------------------------------------
ar build -b all -f text -o "$TMP/p"
expect_err "jobs (50%)" "progress lines when stderr is not a terminal"
ar build -b all -f text -q -o "$TMP/p"
[ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] && pass || fail "-q printed something: $(head -2 "$TMP/err")"
if [ $fakes = 1 ] && command -v script >/dev/null 2>&1 && [ -z "$AR_WRAPPER" ]; then
  script -qec "'$AR_BIN' build -P '$P' -b summary,target -f text,failing -o '$TMP/tty'" /dev/null >"$TMP/tty.txt" 2>&1
  grep -q 'jobs/s' "$TMP/tty.txt" && grep -q "$(printf '\r')" "$TMP/tty.txt" && pass || fail "no progress line on a terminal"
  grep -q "$(printf '\033')\[31m" "$TMP/tty.txt" && pass || fail "no colour for failures on a terminal"
  NO_COLOR=1 script -qec "'$AR_BIN' build -P '$P' -b summary -f text,failing -o '$TMP/tty'" /dev/null >"$TMP/tty.txt" 2>&1
  grep -q "$(printf '\033')\[3" "$TMP/tty.txt" && fail "colour despite NO_COLOR" || pass
elif [ $fakes = 0 ]; then
  skip 3 "progress on a terminal: a build without shared libraries cannot load the fake plugins"
elif [ -n "$AR_WRAPPER" ]; then
  skip 3 "progress on a terminal: not under valgrind"
else
  skip 3 "progress on a terminal: script (Debian: util-linux) is not installed"
fi

# ---- a read-only folder, a full disk ------------------------------------------------
mkdir "$TMP/ro" && chmod 755 "$TMP" "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$TMP/ro"
  ar build -b summary,target -f text -o "$TMP/ro"
elif have setpriv; then
  setpriv --reuid=65534 --regid=65534 --clear-groups $AR_WRAPPER "$AR_BIN" build -b summary,target -f text -o "$TMP/ro" >"$TMP/out" 2>"$TMP/err"
  rc=$?
else
  rc=
fi
if [ -n "$rc" ]; then
  expect_rc 1 "a read-only output folder"
  expect_err "Permission denied" "a read-only output folder"
  [ -z "$(ls -A "$TMP/ro")" ] && pass || fail "files appeared in a read-only folder"
else
  skip 3 "a read-only output folder: running as root without setpriv (Debian: util-linux) to drop privileges"
fi

if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
  mkdir "$TMP/full"
  unshare -m sh -c "
    mount -t tmpfs -o size=512k tmpfs '$TMP/full' || exit 77
    $AR_WRAPPER '$AR_BIN' build -b summary -f text -q -o '$TMP/full' || exit 10
    cp '$TMP/full/summary.txt' '$TMP/full-before'
    dd if=/dev/zero of='$TMP/full/filler' bs=4k 2>/dev/null
    $AR_WRAPPER '$AR_BIN' build -b summary -f text -q --marking CHANGED -o '$TMP/full' 2>'$TMP/err'
    echo \$? >'$TMP/full-rc'
    cmp '$TMP/full-before' '$TMP/full/summary.txt' || exit 11
    ls -A '$TMP/full' >'$TMP/full-ls'
  "
  st=$?
  if [ "$st" -ne 77 ]; then
    [ "$st" -eq 0 ] && pass || fail "full disk: the earlier file was not kept byte for byte (step $st)"
    [ "$(cat "$TMP/full-rc")" = 1 ] && pass || fail "full disk: exit status $(cat "$TMP/full-rc"), expected 1"
    expect_err "No space left on device" "full disk"
    [ "$(cat "$TMP/full-ls" | tr '\n' ' ')" = "filler summary.txt " ] && pass || fail "full disk left: $(cat "$TMP/full-ls")"
  else
    skip 4 "a full disk: cannot mount a tmpfs in a mount namespace here"
  fi
else
  skip 4 "a full disk: needs root and unshare -m (Debian: util-linux) for a small tmpfs"
fi

# ---- two batches, two PID namespaces, one folder --------------------------------
# As on shared storage written from two machines: a PID in a temporary
# file's name means nothing to the other batch, which must not take the
# file for one a dead process left and remove it.
if [ $fakes = 0 ]; then
  skip 4 "two batches in two PID namespaces: a build without shared libraries cannot load the slow fake plugin"
elif [ ! -e "$P/slow.la" ]; then
  skip 4 "two batches in two PID namespaces: tests/plugins/slow.la is not built (tests/Makefile.inc)"
elif [ "$(id -u)" -ne 0 ] || ! have unshare || ! unshare --pid --fork true 2>/dev/null; then
  skip 4 "two batches in two PID namespaces: needs root and unshare --pid (Debian: util-linux)"
else
  mkdir "$TMP/shared"
  # Long enough for the second batch to start while the first writes.
  if [ -n "$AR_WRAPPER" ]; then SLOW=30; else SLOW=3; fi
  AR_FAKE_SLEEP=$SLOW unshare --pid --fork $AR_WRAPPER "$AR_BIN" build -P "$P" -b summary,target -f slow \
    -j 5 --job-timeout 0 -q -o "$TMP/shared" >/dev/null 2>"$TMP/ns1.err" </dev/null &
  pid=$!
  i=0
  while [ $i -lt 1200 ] && [ "$(ls -A "$TMP/shared" | grep -c '^\.')" -lt 5 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  unshare --pid --fork $AR_WRAPPER "$AR_BIN" build -b summary,target -f text -q -o "$TMP/shared" \
    >/dev/null 2>"$TMP/ns2.err" </dev/null
  rc2=$?
  wait $pid
  rc1=$?
  [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && pass ||
    fail "two batches into one folder: status $rc1 and $rc2: $(cat "$TMP/ns1.err" "$TMP/ns2.err")"
  [ "$(ls "$TMP/shared" | grep -c '\.slow$')" -eq 5 ] && pass || fail "the first batch lost files: $(ls -A "$TMP/shared")"
  [ "$(ls "$TMP/shared" | grep -c '\.txt$')" -eq 5 ] && pass || fail "the second batch lost files: $(ls -A "$TMP/shared")"
  no_temps "$TMP/shared" "two batches into one folder"
fi

# ---- signals ---------------------------------------------------------------------
# wait_for_temp DIR: until a job is under way in DIR and summary.txt is
# written (at most 120 s).
wait_for_temp() {
  i=0
  while [ $i -lt 1200 ] && ! { ls -A "$1" 2>/dev/null | grep -q '^\.' && [ -s "$1/summary.txt" ]; }; do
    sleep 0.1
    i=$((i + 1))
  done
}
if [ $fakes = 1 ]; then
for sig in TERM INT HUP; do
  case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
  rm -rf "$TMP/sig"
  $AR_WRAPPER "$AR_BIN" build -P "$P" -b summary,target -f text,hang -j 2 --job-timeout 0 -q \
    --manifest "$TMP/sig.jsonl" -o "$TMP/sig" >/dev/null 2>"$TMP/err" &
  pid=$!
  wait_for_temp "$TMP/sig"
  sleep 0.5
  kill -$sig $pid
  wait $pid
  rc=$?
  expect_rc $want "SIG$sig"
  no_temps "$TMP/sig" "SIG$sig"
  [ -s "$TMP/sig/summary.txt" ] && pass || fail "SIG$sig removed a finished file"
  grep -q '"status":"cancelled"' "$TMP/sig.jsonl" && pass || fail "SIG$sig: no cancelled records in the manifest"
done

# kill -9 of the whole batch: its workers go with it, and a rerun finds
# nothing in its way and leaves no temporary file.
rm -rf "$TMP/k9"
$AR_WRAPPER "$AR_BIN" build -P "$P" -b summary,target -f text,hang -j 2 --job-timeout 0 -q -o "$TMP/k9" >/dev/null 2>&1 &
pid=$!
wait_for_temp "$TMP/k9"
kill -9 $pid
wait $pid 2>/dev/null
sleep 1
left=$(ps -eo args | grep -F -- "-o $TMP/k9" | grep -v grep || true)
[ -z "$left" ] && pass || fail "workers outlived a batch killed with SIGKILL: $left"
# A manifest's temporary file left by a build killed as it wrote it (made
# here from a brief's, which has the same form) goes at the next build
# with that manifest; another file's in that folder stays.
stale=$(ls -A "$TMP/k9" | grep '^\.' | head -n1)
mkdir -p "$TMP/k9m"
cp "$TMP/k9/$stale" "$TMP/k9m/.m.jsonl.ar-${stale#*.ar-}"
cp "$TMP/k9/$stale" "$TMP/k9m/.other.txt.ar-${stale#*.ar-}"
ar build -b summary -f text -q --manifest "$TMP/k9m/m.jsonl" -o "$TMP/k9m-out"
expect_rc 0 "a build with a manifest after kill -9"
[ -f "$TMP/k9m/m.jsonl" ] && [ ! -e "$TMP/k9m/.m.jsonl.ar-${stale#*.ar-}" ] && pass ||
  fail "the manifest's stale temporary file is still there: $(ls -A "$TMP/k9m")"
[ -e "$TMP/k9m/.other.txt.ar-${stale#*.ar-}" ] && pass || fail "another file's temporary file was removed with the manifest's"
ar build -b summary,target -f text -q -o "$TMP/k9"
no_temps "$TMP/k9" "a rerun after kill -9"
[ "$(ls "$TMP/k9" | grep -c '\.txt$')" -eq 5 ] && pass || fail "the rerun after kill -9 did not write every text brief"
cmp -s "$TMP/k9/summary.txt" "$TMP/j1/summary.txt" && pass || fail "summary.txt after kill -9 and a rerun differs"
else
  skip 1 "signals and kill -9 during a batch: a build without shared libraries cannot load the fake plugin that hangs"
fi # fakes

finish
