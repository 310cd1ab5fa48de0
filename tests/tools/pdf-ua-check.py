#!/usr/bin/env python3
"""Checks the PDF/UA-1 rules that matter for our briefs, read from the PDF's
objects with qpdf --json: usage: pdf-ua-check.py [--pdfa] FILE.pdf...

Document: /MarkInfo /Marked true, /Lang, /ViewerPreferences
/DisplayDocTitle true, a /StructTreeRoot with a /ParentTree, XMP metadata
with pdfuaid:part 1 and the document's title. Pages: /Tabs /S and
/StructParents. Content: every text and path operator inside a marked-content
sequence (an element's MCID or an /Artifact), sequences balanced, each MCID
in the parent tree pointing back to an element that holds it. Annotations:
each link in a Link element through /OBJR and in the parent tree.
Structure: heading levels never skip one going down, every Table has a TH,
every Figure has /Alt. With --pdfa, also the PDF/A-2a rules the briefs
touch: pdfaid:part 2 and conformance A in the XMP, an sRGB /OutputIntents
entry (GTS_PDFA1) with an ICC profile of 3 components, a file /ID, every
annotation printable (/F with bit 3), no transparency group or soft mask,
an uncompressed metadata stream, every font embedded. Prints one line per
problem; exit status 1 if any."""
import base64
import json
import re
import subprocess
import sys

DRAWING = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"Do", b"sh"}
TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>{}]*|[^\s/\[\]()<>{}]+")


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path],
                         capture_output=True, check=False)
    if out.returncode not in (0, 3):
        raise SystemExit("%s: qpdf failed: %s" % (path, out.stderr.decode(errors="replace")))
    return json.loads(out.stdout)["qpdf"][1]


class Pdf:
    def __init__(self, path):
        self.path = path
        self.objs = load(path)
        self.problems = []

    def bad(self, msg):
        self.problems.append("%s: %s" % (self.path, msg))

    def get(self, ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            v = self.objs.get("obj:" + ref)
            if v is None:
                return None
            return v.get("value", v.get("stream", {}).get("dict"))
        return ref

    def stream(self, ref):
        v = self.objs.get("obj:" + ref, {})
        s = v.get("stream")
        return base64.b64decode(s["data"]) if s and "data" in s else b""

    def trailer(self):
        return self.objs["trailer"]["value"]


def content_of(pdf, page):
    c = page.get("/Contents")
    refs = c if isinstance(c, list) else [c]
    return b"\n".join(pdf.stream(r) for r in refs if isinstance(r, str))


def check_content(pdf, pageno, data):
    """The MCIDs of the page's content, in order; problems with marking."""
    stack, mcids, operands = [], [], []
    for tok in TOKEN.findall(data):
        if tok in (b"BDC", b"BMC"):
            tag = operands[0] if operands else b""
            mcid = None
            if tok == b"BDC":
                for i, o in enumerate(operands):
                    if o == b"/MCID" and i + 1 < len(operands):
                        mcid = int(operands[i + 1])
            stack.append((tag, mcid))
            if mcid is not None:
                mcids.append(mcid)
            operands = []
        elif tok == b"EMC":
            if not stack:
                pdf.bad("page %d: EMC without a sequence" % pageno)
            else:
                stack.pop()
            operands = []
        elif tok in DRAWING:
            if not stack:
                pdf.bad("page %d: '%s' outside any marked content (neither tagged nor an artifact)"
                        % (pageno, tok.decode()))
            operands = []
        elif re.fullmatch(rb"[A-Za-z'\"*]+", tok) and tok not in (b"true", b"false", b"null"):
            operands = []
        else:
            operands.append(tok)
    if stack:
        pdf.bad("page %d: %d marked-content sequences not ended" % (pageno, len(stack)))
    return mcids


def kids(pdf, elem):
    k = elem.get("/K")
    return k if isinstance(k, list) else ([] if k is None else [k])


def walk(pdf, ref, out, seen):
    if ref in seen:
        pdf.bad("structure element %s reached twice" % ref)
        return
    seen.add(ref)
    e = pdf.get(ref)
    if not isinstance(e, dict):
        return
    out.append((ref, e))
    for k in kids(pdf, e):
        if isinstance(k, str) and k.endswith(" R"):
            kd = pdf.get(k)
            if isinstance(kd, dict) and "/S" in kd:
                walk(pdf, k, out, seen)


def check(path):
    pdf = Pdf(path)
    root = pdf.get(pdf.trailer().get("/Root"))
    mark = pdf.get(root.get("/MarkInfo")) or {}
    if mark.get("/Marked") is not True:
        pdf.bad("/MarkInfo /Marked is not true")
    if not root.get("/Lang"):
        pdf.bad("no /Lang in the catalog")
    prefs = pdf.get(root.get("/ViewerPreferences")) or {}
    if prefs.get("/DisplayDocTitle") is not True:
        pdf.bad("/ViewerPreferences /DisplayDocTitle is not true")
    tree = pdf.get(root.get("/StructTreeRoot"))
    if not isinstance(tree, dict):
        pdf.bad("no /StructTreeRoot")
        return pdf.problems
    meta_ref = root.get("/Metadata")
    xmp = pdf.stream(meta_ref).decode("utf-8", "replace") if isinstance(meta_ref, str) else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        pdf.bad("the XMP metadata lacks pdfuaid:part 1")
    info = pdf.get(pdf.trailer().get("/Info")) or {}
    title = info.get("/Title", "")
    if not title or not re.search(r"<dc:title>.*%s" % re.escape(
            title[2:] if title.startswith("u:") else title), xmp, re.S):
        pdf.bad("the XMP dc:title does not hold the document's title %r" % title)

    nums = (pdf.get(tree.get("/ParentTree")) or {}).get("/Nums", [])
    parent = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}

    elems = []
    walk(pdf, root["/StructTreeRoot"], elems, set())
    levels = []
    for ref, e in elems:
        s = e.get("/S", "")
        if re.fullmatch(r"/H[1-6]", s):
            lv = int(s[2])
            if levels and lv > levels[-1] + 1:
                pdf.bad("heading %s follows H%d: a level is skipped" % (s[1:], levels[-1]))
            levels.append(lv)
        if s == "/Figure" and not e.get("/Alt"):
            pdf.bad("a Figure (%s) has no /Alt" % ref)
        if s == "/Table":
            sub, stack = [], [ref]
            tmp = []
            walk(pdf, ref, tmp, set())
            if not any(x[1].get("/S") == "/TH" for x in tmp):
                pdf.bad("a Table (%s) has no TH" % ref)

    pages = pdf.get(root["/Pages"])

    def page_list(node):
        n = pdf.get(node)
        if n.get("/Type") == "/Pages":
            for k in n.get("/Kids", []):
                yield from page_list(k)
        else:
            yield node, n

    for pageno, (pref, page) in enumerate(page_list(root["/Pages"]), 1):
        if page.get("/Tabs") != "/S":
            pdf.bad("page %d: /Tabs is not /S" % pageno)
        key = page.get("/StructParents")
        if key is None:
            pdf.bad("page %d: no /StructParents" % pageno)
            continue
        mcids = check_content(pdf, pageno, content_of(pdf, page))
        arr = pdf.get(parent.get(key)) or []
        for m in mcids:
            if m >= len(arr):
                pdf.bad("page %d: MCID %d is not in the parent tree" % (pageno, m))
                continue
            e = pdf.get(arr[m]) or {}
            held = False
            for k in kids(pdf, e):
                if k == m:
                    held = True
                kd = pdf.get(k) if isinstance(k, str) else k
                if isinstance(kd, dict) and kd.get("/MCID") == m and kd.get("/Pg") == pref:
                    held = True
            if not held:
                pdf.bad("page %d: MCID %d's element %s does not hold it" % (pageno, m, arr[m]))
        for a in page.get("/Annots", []):
            ad = pdf.get(a) or {}
            if ad.get("/Subtype") != "/Link":
                continue
            sp = ad.get("/StructParent")
            link = pdf.get(parent.get(sp)) if sp is not None else None
            if not isinstance(link, dict) or link.get("/S") != "/Link":
                pdf.bad("page %d: link annotation %s is not in a Link element" % (pageno, a))
                continue
            if not any(isinstance(pdf.get(k), dict) and pdf.get(k).get("/Obj") == a
                       for k in kids(pdf, link)):
                pdf.bad("page %d: the Link element of %s has no /OBJR to it" % (pageno, a))
    if PDFA:
        check_pdfa(pdf, root, xmp)
    return pdf.problems


def check_pdfa(pdf, root, xmp):
    if "<pdfaid:part>2</pdfaid:part>" not in xmp or "<pdfaid:conformance>A</pdfaid:conformance>" not in xmp:
        pdf.bad("the XMP metadata does not say PDF/A-2a")
    meta = pdf.objs.get("obj:" + str(root.get("/Metadata")), {}).get("stream", {}).get("dict", {})
    if meta.get("/Filter"):
        pdf.bad("the metadata stream is compressed")
    intents = pdf.get(root.get("/OutputIntents")) or []
    ok = False
    for i in intents:
        i = pdf.get(i) or {}
        prof = pdf.objs.get("obj:" + str(i.get("/DestOutputProfile")), {}).get("stream", {})
        if i.get("/S") == "/GTS_PDFA1" and prof.get("dict", {}).get("/N") == 3:
            data = base64.b64decode(prof.get("data", ""))
            ok = len(data) > 128 and data[36:40] == b"acsp" and data[16:20] == b"RGB "
    if not ok:
        pdf.bad("no GTS_PDFA1 output intent with an RGB ICC profile")
    ids = pdf.trailer().get("/ID")
    if not (isinstance(ids, list) and len(ids) == 2):
        pdf.bad("no file /ID in the trailer")
    for key, v in pdf.objs.items():
        val = v.get("value", v.get("stream", {}).get("dict"))
        if not isinstance(val, dict):
            continue
        if val.get("/Type") == "/Annot" and not (int(val.get("/F", 0)) & 4):
            pdf.bad("annotation %s is not printable" % key)
        if val.get("/S") == "/Transparency" or "/SMask" in val and val["/SMask"] != "/None":
            pdf.bad("%s uses transparency" % key)
        if val.get("/Type") == "/FontDescriptor" and not any(
                k in val for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            pdf.bad("font %s is not embedded" % val.get("/FontName"))


PDFA = False


def main():
    global PDFA
    args = sys.argv[1:]
    if args and args[0] == "--pdfa":
        PDFA = True
        args = args[1:]
    problems = []
    for path in args:
        problems += check(path)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
