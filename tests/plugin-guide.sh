#!/bin/sh
# The plugin guide, run as printed against an installed alliance-report:
#
#   AR_STAGE=DESTDIR AR_BINDIR=... AR_LIBDIR=... AR_DOCDIR=... AR_PKGLIBDIR=... \
#   AR_PKGDATADIR=... plugin-guide.sh WORKDIR
#
# (make installcheck sets them). From the installed guide ($AR_DOCDIR/plugins.md)
# it takes every ```sh block and runs it as printed in a folder of its own,
# with a HOME of its own, for each installed example (examples/title.c and
# examples/markdown.c), once for each way of building the guide shows
# (libtool, cc alone): the only change is the line "mod=title", which
# names the example. It also compiles the guide's first C block. Then the
# markdown plugin built out of tree writes every brief of the bundled data,
# read back with cmark-gfm (GitHub's CommonMark parser: tables and
# footnotes) and checked against the brief itself. Prints TAP; exits 1 when
# a check failed, 77 when a tool it needs is missing.
set -u
work=${1:?usage: plugin-guide.sh WORKDIR}
stage=${AR_STAGE:-}
bindir="$stage${AR_BINDIR:?}"
libdir="$stage${AR_LIBDIR:?}"
docdir="$stage${AR_DOCDIR:?}"
guide="$docdir/plugins.md"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi; }

for tool in cc pkg-config libtool python3; do
  command -v $tool >/dev/null 2>&1 || {
    echo "1..0 # SKIP $tool not installed (Debian: build-essential pkg-config libtool-bin python3)"
    exit 77
  }
done
[ -f "$guide" ] || { echo "not ok 1 - no installed guide at $guide"; exit 1; }

rm -rf "$work" && mkdir -p "$work" || exit 1
# The installed program, its library and its pkg-config file, as a user
# of that installation has them.
PATH="$bindir:$PATH"
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
PKG_CONFIG_PATH="$libdir/pkgconfig"
export PATH LD_LIBRARY_PATH PKG_CONFIG_PATH
unset ALLIANCE_REPORT_PLUGIN_PATH ALLIANCE_REPORT_TEMPLATES
# Installed under a DESTDIR, the program finds its data, templates and
# plugins where the environment says, not where it was built to look.
pkglibdir="$stage${AR_PKGLIBDIR:?}"
if [ -n "$stage" ]; then
  PKG_CONFIG_SYSROOT_DIR=$stage
  ALLIANCE_REPORT_DATADIR="$stage${AR_PKGDATADIR:?}"
  ALLIANCE_REPORT_TEMPLATES="$ALLIANCE_REPORT_DATADIR/templates/briefs"
  export PKG_CONFIG_SYSROOT_DIR ALLIANCE_REPORT_DATADIR ALLIANCE_REPORT_TEMPLATES
fi

# The guide's blocks: ```sh ... ``` into block-1.sh, block-2.sh, ...; the
# first ```c block into first.c.
python3 - "$guide" "$work" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```sh\n(.*?)^```$", text, re.M | re.S)
for i, b in enumerate(blocks, 1):
    open("%s/block-%d.sh" % (sys.argv[2], i), "w").write(b)
c = re.search(r"^```c\n(.*?)^```$", text, re.M | re.S)
if c:
    open(sys.argv[2] + "/first.c", "w").write(c.group(1))
PY
nblocks=$(ls "$work"/block-*.sh 2>/dev/null | wc -l)
[ "$nblocks" -eq 3 ] && ok "the guide has its three sh blocks" ||
  not_ok "the guide has $nblocks sh blocks, not the three this test knows (build with libtool, with cc, use)"

# The first C block compiles as it is.
cc -fsyntax-only -Wall -Wextra -Werror -DAR_PLUGIN_MODULE=first $(pkg-config --cflags alliance-report-plugin) \
  "$work/first.c" >"$work/first.log" 2>&1
check $? "the guide's first C block compiles ($(head -c 300 "$work/first.log"))"

# run MOD HOW: a folder with the example MOD.c, a HOME of its own; the
# build block HOW (1: libtool, 2: cc), then the use block, as printed but
# for the line "mod=title".
run() {
  dir="$work/$1-$2"
  mkdir -p "$dir/home" && cp "$docdir/examples/$1.c" "$dir/" || return 1
  for b in "$2" 3; do
    sed "s/^mod=title\$/mod=$1/" "$work/block-$b.sh" >"$dir/step-$b.sh"
  done
  # Block 3 uses $mod from the block before, as a reader running them in
  # one shell would.
  (cd "$dir" && HOME="$dir/home" && export HOME && set -e && . ./step-$2.sh && . ./step-3.sh) \
    >"$dir/log" 2>&1
}

for mod in title markdown; do
  for how in 1 2; do
    what=$([ $how = 1 ] && echo "libtool" || echo "cc alone")
    run $mod $how
    check $? "examples/$mod.c built with $what and used, as the guide says ($(tail -3 "$work/$mod-$how/log" | tr '\n' ' '))"
    out="$work/$mod-$how/briefs/summary.$([ $mod = title ] && echo title || echo md)"
    [ -s "$out" ]
    check $? "the $mod plugin built with $what wrote $out"
    # The plugin found is the one just built, not an installed one.
    home="$work/$mod-$how/home"
    (cd "$work/$mod-$how" && HOME="$home" ALLIANCE_REPORT_PLUGIN_PATH="$home/.local/lib/alliance-report:$PWD" \
      alliance-report plugins) 2>/dev/null | grep -q "from $work/$mod-$how/" 
    check $? "alliance-report lists the $mod plugin from the folder it was built or installed in"
  done
done
grep -qx 'Global Alliance against child sexual abuse online' "$work/title-1/briefs/summary.title"
check $? "the title plugin wrote the title"

# The markdown plugin built with cc alone writes every brief; cmark-gfm
# reads each back.
if ! command -v cmark-gfm >/dev/null 2>&1; then
  echo "ok $((n + 1)) # SKIP cmark-gfm not installed (Debian: cmark-gfm)"
  n=$((n + 1))
else
  md="$work/markdown-2"
  (cd "$md" && alliance-report build -q -b all -f markdown,xml -P "$md" -P "$pkglibdir" -o all) >"$md/all.log" 2>&1
  check $? "the markdown plugin built out of tree writes every brief ($(tail -2 "$md/all.log" | tr '\n' ' '))"
  python3 - "$md/all" >"$md/check.log" 2>&1 <<'PY'
import html.parser, os, re, subprocess, sys, xml.etree.ElementTree as ET
folder = sys.argv[1]
bad = []

def norm(s):
    return " ".join(s.split())

INLINE = {"a", "em", "strong", "code", "del", "sup", "span"}

class Page(html.parser.HTMLParser):
    """The text of a page, and how many tables and footnotes it has."""
    def __init__(self):
        super().__init__()
        self.text, self.tables, self.notes = [], 0, 0
    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        if tag == "li" and (dict(attrs).get("id") or "").startswith("fn"):
            self.notes += 1
        if tag not in INLINE:
            self.text.append(" ")
    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.text.append(" ")
    def handle_data(self, data):
        self.text.append(data)

# Footnote references and back-references are numbers and arrows that
# the brief's own text does not hold.
FOOTNOTE_LINKS = re.compile(r'<sup class="footnote-ref">.*?</sup>|<a href="#fnref[^"]*"[^>]*>.*?</a>')

def inline_text(e):
    """The text of a brief XML element, citations left out."""
    out = [e.text or ""]
    for c in e:
        if c.tag != "cite":
            out.append(inline_text(c))
        out.append(c.tail or "")
    return "".join(out)

names = sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".md"))
if len(names) < 59:
    bad.append("only %d markdown briefs" % len(names))
for name in names:
    md = open(os.path.join(folder, name + ".md"), encoding="utf-8").read()
    page = subprocess.run(["cmark-gfm", "-e", "table", "-e", "footnotes", "-e", "autolink",
                           "-e", "strikethrough", "--validate-utf8"],
                          input=md, capture_output=True, text=True).stdout
    p = Page()
    p.feed(FOOTNOTE_LINKS.sub("", page))
    text = norm("".join(p.text))
    brief = ET.parse(os.path.join(folder, name + ".xml")).getroot()
    tables = sum(1 for t in ("table", "figures", "chart") for _ in brief.iter(t))
    if p.tables != tables:
        bad.append("%s: %d tables rendered, %d tables, key figures and charts in the brief"
                   % (name, p.tables, tables))
    cited = len({c.get("ref") for c in brief.iter("cite")})
    if p.notes != cited:
        bad.append("%s: %d footnotes rendered, %d references cited" % (name, p.notes, cited))
    for para in brief.iter("p"):
        want = norm(inline_text(para))
        if want and want not in text:
            bad.append("%s: a paragraph's text is not in the page: %r" % (name, want[:80]))
    for stray in ("**", "[^", "](", "\\|", "| ---"):
        if stray in text:
            bad.append("%s: markup %r is left as text" % (name, stray))
print("\n".join(bad[:20]))
sys.exit(1 if bad else 0)
PY
  check $? "cmark-gfm reads every markdown brief: its tables, its footnotes, every paragraph, no stray markup ($(head -3 "$md/check.log" | tr '\n' ' '))"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
