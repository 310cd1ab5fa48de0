#!/usr/bin/python3
"""Parses HTML with html5lib, the HTML5 parsing algorithm, and reports
every parse error as FILE:LINE:COL. Then prints what the tests ask for.

  html-inspect.py [--fragment] FILE                parse only
  html-inspect.py [--fragment] FILE PATH [ATTR]    each element matching the
      ElementTree PATH (prefix svg: for SVG elements): its text with spaces
      collapsed, or the value of its attribute ATTR
  html-inspect.py [--fragment] FILE --tags         every element's name
  html-inspect.py [--fragment] FILE --attrs        every attribute: NAME=VALUE

Exit status: 0, 1 when the file has parse errors, 2 on usage errors.
"""
import sys

import html5lib

NS = {"svg": "http://www.w3.org/2000/svg"}


def local(name):
    return name.rsplit("}", 1)[-1]


def main(argv):
    fragment = False
    if argv and argv[0] == "--fragment":
        fragment = True
        argv = argv[1:]
    if not argv or len(argv) > 3:
        sys.stderr.write(__doc__)
        return 2
    path = argv[0]
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    if fragment:
        root = parser.parseFragment(data, transport_encoding="utf-8")
    else:
        root = parser.parse(data, transport_encoding="utf-8")
    if parser.errors:
        for (line, col), code, data_vars in parser.errors:
            sys.stderr.write("%s:%s:%s: %s %s\n" % (path, line, col, code, data_vars or ""))
        return 1
    out = []
    if len(argv) == 1:
        return 0
    if argv[1] == "--tags":
        out = [local(e.tag) for e in root.iter() if isinstance(e.tag, str)]
    elif argv[1] == "--attrs":
        for e in root.iter():
            for k, v in e.attrib.items():
                out.append("%s=%s" % (local(k), v))
    else:
        for e in root.findall(argv[1], NS):
            if len(argv) == 3:
                v = e.get(argv[2])
                if v is not None:
                    out.append(v)
            else:
                out.append(" ".join("".join(e.itertext()).split()))
    for line in out:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
