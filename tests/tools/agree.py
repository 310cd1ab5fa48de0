#!/usr/bin/python3
"""Checks that the text, PDF and HTML forms of one brief agree on what the
shared layout rules decide: the date of the title block, the numbers and
texts of the notes, and every value the charts show.

  agree.py TEXT PDFTEXT HTML

PDFTEXT is what pdftotext made of the PDF (pages separated by form feeds).
The HTML, parsed with html5lib, says what to look for: the date in its
header, its notes list, and the values of each chart's data table.
Prints one line per disagreement; exit status 0 when the three agree, 1
when they do not, 2 on usage errors.
"""
import re
import sys

import html5lib


def squeeze(s):
    """s without white space, so that wrapping and hyphenation do not count."""
    return re.sub(r"\s+", "", s)


def unbracket(s):
    """s squeezed, without the <...> plain text puts around a URL."""
    return squeeze(s).replace("<", "").replace(">", "")


def text_of(e, skip_class=None):
    """The text below e, white space collapsed, leaving out the elements of
    class skip_class."""
    out = []

    def walk(n):
        if skip_class and skip_class in (n.get("class") or "").split():
            return
        if n.text:
            out.append(n.text)
        for c in n:
            walk(c)
            if c.tail:
                out.append(c.tail)

    walk(e)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def has_class(e, name):
    return name in (e.get("class") or "").split()


def html_facts(path):
    """The date of the header, the titles beside it, the notes heading, the
    notes by number, and (caption, values) for each chart."""
    with open(path, "rb") as f:
        root = html5lib.parse(f.read(), namespaceHTMLElements=False, transport_encoding="utf-8")
    header = root.find(".//header")
    date, titles = None, []
    if header is not None:
        time = header.find(".//time")
        date = text_of(time) if time is not None else None
        titles = [text_of(e) for e in header.iter() if e.tag == "h1" or has_class(e, "subtitle")]
    heading, notes = None, {}
    for section in root.iter("section"):
        if not has_class(section, "notes"):
            continue
        h = section.find("h2")
        heading = text_of(h) if h is not None else None
        for li in section.iter("li"):
            m = re.fullmatch(r"ar-source-(\d+)", li.get("id") or "")
            if m:
                notes[int(m.group(1))] = text_of(li, "backlinks")
    charts = []
    for fig in root.iter("figure"):
        caption = fig.find("figcaption")
        values = [text_of(td) for d in fig.iter("details") for td in d.iter("td")]
        if caption is not None and values:
            charts.append((text_of(caption), values))
    return date, titles, heading, notes, charts


def text_title_block(text):
    """The lines of a text brief before its first heading."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i] and set(lines[i]) == {"="}:
            return "\n".join(lines[: i - 1])
    return text


def notes_after(text, heading):
    """The "[n] text" entries after the last line that is the heading, by
    number; None when there is no such line."""
    lines = text.split("\n")
    start = None
    for i, line in enumerate(lines):
        if line.strip() == heading:
            start = i + 1
    if start is None:
        return None
    notes, current = {}, None
    for line in lines[start:]:
        m = re.match(r"\s*\[(\d+)\]\s*(.*)", line)
        if m:
            current = int(m.group(1))
            notes[current] = m.group(2)
        elif current is not None:
            notes[current] += " " + line
    return notes


def text_charts(text, title):
    """Each block of a text brief from a line starting with the chart's
    title to a blank line (a table may bear the same title)."""
    lines, want, blocks = text.split("\n"), squeeze(title), []
    for i, line in enumerate(lines):
        if squeeze(line).startswith(want):
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            blocks.append("\n".join(lines[i:end]))
    return blocks


def pdf_charts(pages, title):
    """Each page of a PDF brief naming the chart, with the next page: the
    chart's labels are there."""
    want = squeeze(title)
    return ["\n".join(pages[i : i + 2]) for i, page in enumerate(pages) if want in squeeze(page)]


def shown(value, block):
    """value stands in block as a number of its own, not inside a longer one."""
    return re.search(r"(?<![\w.,])" + re.escape(value) + r"(?![\w,]|\.\d)", block) is not None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        text = f.read()
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        pages = f.read().split("\f")
    date, titles, heading, notes, charts = html_facts(argv[2])
    pdf = "\f".join(pages)
    pdf_top = "\n".join([l for l in pages[0].split("\n") if l.strip()][:8])
    forms = (("text", text, text_title_block(text)), ("pdf", pdf, pdf_top))
    problems = []
    if date:
        for name, _, top in forms:
            byline = squeeze(top)
            for t in titles:  # a title or subtitle may name the date too
                byline = byline.replace(squeeze(t), "", 1)
            if squeeze(date) not in byline:
                problems.append("%s: the title block lacks the date '%s'" % (name, date))
    if notes:
        for name, whole, _ in forms:
            got = notes_after(whole, heading)
            if got is None:
                problems.append("%s: no '%s' heading before the notes" % (name, heading))
                continue
            for n, want in sorted(notes.items()):
                if n not in got:
                    problems.append("%s: note [%d] is missing" % (name, n))
                elif not unbracket(got[n]).startswith(unbracket(want)[:40]):
                    problems.append("%s: note [%d] reads '%s', the HTML '%s'"
                                    % (name, n, got[n][:60], want[:60]))
    for title, values in charts:
        for name, blocks in (("text", text_charts(text, title)), ("pdf", pdf_charts(pages, title))):
            if not blocks:
                problems.append("%s: no chart '%s'" % (name, title))
                continue
            missing = min(([v for v in values if not shown(v, b)] for b in blocks), key=len)
            for value in missing:
                problems.append("%s: chart '%s' does not show the value '%s'"
                                % (name, title, value))
    for p in problems:
        print("%s: %s" % (argv[2], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
