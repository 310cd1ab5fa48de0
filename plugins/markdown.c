/* markdown: a brief as CommonMark with GitHub's extensions (pipe tables,
 * footnotes). Written against the installed plugin API alone, as
 * doc/plugins.md describes, so that it builds out of tree too:
 *
 *   cc -shared -fPIC -DAR_PLUGIN_MODULE=markdown \
 *     $(pkg-config --cflags alliance-report-plugin) -o markdown.so markdown.c \
 *     $(pkg-config --libs alliance-report-plugin)
 *
 * Headings carry their numbers ("## 2.1 Title"; the brief's title is the
 * one "#" heading), citations are footnotes ("[^3]", defined under the
 * notes heading at the end), key figures and charts are tables, and every
 * character of the data that Markdown would read as markup is escaped. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <alliance-report/layout.h>
#include <alliance-report/plugin.h>

/* ---- a growing string ------------------------------------------------------ */

typedef struct {
  char *s;
  size_t len, cap;
  int failed; /* out of memory: the rest is dropped */
} md_buf;

static void put_n(md_buf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *grown = realloc(b->s, cap);
    if (!grown) {
      b->failed = 1;
      return;
    }
    b->s = grown;
    b->cap = cap;
  }
  if (n)
    memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void put(md_buf *b, const char *s) { put_n(b, s, strlen(s)); }

/* ---- text of the data --------------------------------------------------------- */

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when it
 * is not one. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
  if (len == 0 || len > n)
    return 0;
  for (size_t i = 1; i < len; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
      (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
    return 0; /* overlong, surrogate or beyond U+10FFFF */
  return len;
}

/* Whether the character at s (len bytes) is dropped: C0 and C1 controls,
 * and the directional embeddings, overrides and isolates (as the text
 * format drops them, so that none reorders what follows). */
static int dropped(const unsigned char *s, size_t len) {
  if (len == 1)
    return s[0] < 0x20 || s[0] == 0x7F;
  if (len == 2)
    return s[0] == 0xC2 && s[1] < 0xA0;
  return len == 3 && s[0] == 0xE2 &&
         ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) || (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9));
}

/* text as Markdown text: the ASCII characters that make inline markup
 * anywhere escaped with a backslash (CommonMark takes a backslash before
 * any ASCII punctuation as the character itself), white space as one
 * space, controls dropped, bytes that are not UTF-8 as U+FFFD. What only
 * a line's start makes markup is guard_starts()' job. */
static void put_text(md_buf *b, const char *text) {
  static const char markup[] = "\\`*_[]<>|~";
  const unsigned char *s = (const unsigned char *)(text ? text : "");
  size_t n = strlen((const char *)s);
  for (size_t i = 0; i < n;) {
    size_t len = utf8_len(s + i, n - i);
    if (len == 0) {
      put(b, "\xEF\xBF\xBD");
      i++;
      continue;
    }
    if (len == 1 && (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
      put(b, " ");
    } else if (dropped(s + i, len)) {
      /* nothing */
    } else if (len == 1 && (strchr(markup, s[i]) ||
                            (s[i] == '&' && i + 1 < n && (s[i + 1] == '#' || isalpha(s[i + 1]))))) {
      /* "&" only before what could make an entity, "&amp;", "&#38;" */
      char esc[2] = {'\\', (char)s[i]};
      put_n(b, esc, 2);
    } else {
      put_n(b, (const char *)s + i, len);
    }
    i += len;
  }
}

/* A URL as a link destination between < and >: the characters that would
 * end it, and spaces and controls, percent-encoded. */
static void put_url(md_buf *b, const char *url) {
  put(b, "<");
  for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
    if (*p <= 0x20 || *p == '<' || *p == '>' || *p == '\\' || *p == 0x7F) {
      char hex[4];
      snprintf(hex, sizeof hex, "%%%02X", *p);
      put(b, hex);
    } else {
      put_n(b, (const char *)p, 1);
    }
  }
  put(b, ">");
}

/* ---- inlines -------------------------------------------------------------------- */

typedef struct {
  const ar_node *doc;
  ar_sink *out;
  md_buf line, cell; /* reused: a block's text, a table's cell */
  int depth;         /* of inline containers, for the bound below */
} md;

/* Emphasis nests no deeper than this; deeper inlines are written as text. */
#define MD_MAX_INLINE_DEPTH 32

/* The inlines under node into b. In a table cell (cell), line breaks are
 * spaces; elsewhere a hard break, backslash and newline, which the block
 * writer follows with the block's prefix. */
static void inlines(md *m, md_buf *b, const ar_node *node, int cell) {
  for (const ar_node *n = ar_node_first_child(node); n; n = ar_node_next(n)) {
    ar_node_type t = ar_node_get_type(n);
    const char *mark = t == AR_NODE_EMPH ? "*" : t == AR_NODE_STRONG ? "**" : NULL;
    switch (t) {
    case AR_NODE_TEXT:
      put_text(b, ar_text_literal(n));
      break;
    case AR_NODE_EMPH:
    case AR_NODE_STRONG:
    case AR_NODE_LINK:
      if (m->depth >= MD_MAX_INLINE_DEPTH) {
        inlines(m, b, n, cell); /* the bound is on markup, not text: depth stays */
        break;
      }
      m->depth++;
      put(b, mark ? mark : "[");
      inlines(m, b, n, cell);
      if (mark) {
        put(b, mark);
      } else {
        put(b, "](");
        put_url(b, ar_link_url(n));
        put(b, ")");
      }
      m->depth--;
      break;
    case AR_NODE_CITE: {
      char num[32];
      snprintf(num, sizeof num, "[^%zu]", ar_cite_number(n));
      put(b, num);
      break;
    }
    case AR_NODE_BREAK:
      put(b, cell ? " " : "\\\n");
      break;
    default:
      break;
    }
  }
}

/* ---- blocks ---------------------------------------------------------------------- */

/* Writes text (lines separated by '\n') to the sink, the first line after
 * first, the others after rest (a list item's indentation, "> "). */
static int emit(md *m, const char *first, const char *rest, const char *text) {
  int rc = ar_sink_puts(m->out, first);
  for (const char *p = text; rc == 0 && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    rc = ar_sink_write(m->out, p, len) || ar_sink_puts(m->out, "\n");
    p += len + (nl ? 1 : 0);
    if (rc == 0 && *p)
      rc = ar_sink_puts(m->out, rest);
  }
  return rc;
}

/* Escapes, at the start of b and after each of its newlines, what would
 * make that line a heading, list item, setext underline or block quote:
 * "#", "-", "+", "=" and ">" first, or digits then "." or ")". */
static void guard_starts(md_buf *b, md_buf *tmp) {
  tmp->len = 0;
  put(tmp, "");
  for (size_t i = 0; i < b->len; i++) {
    if (i == 0 || b->s[i - 1] == '\n') {
      size_t d = i;
      while (d < b->len && d - i < 9 && b->s[d] >= '0' && b->s[d] <= '9')
        d++;
      if (d > i && d < b->len && (b->s[d] == '.' || b->s[d] == ')')) {
        put_n(tmp, b->s + i, d - i);
        put(tmp, "\\");
        i = d;
      } else if (strchr("#-+=>", b->s[i])) {
        put(tmp, "\\");
      }
    }
    put_n(tmp, b->s + i, 1);
  }
  md_buf swap = *b;
  *b = *tmp;
  *tmp = swap;
}

static int blocks(md *m, const ar_node *parent, const char *prefix);

/* A paragraph: its inlines, then a blank line. */
static int paragraph(md *m, const ar_node *n, const char *first, const char *rest) {
  m->line.len = 0;
  put(&m->line, "");
  inlines(m, &m->line, n, 0);
  guard_starts(&m->line, &m->cell);
  if (m->line.failed || m->cell.failed)
    return -1;
  if (m->line.len == 0)
    return 0;
  return emit(m, first, rest, m->line.s);
}

static int blank(md *m, const char *prefix) {
  /* A blank line inside a quote keeps its marker, trimmed. */
  size_t len = strlen(prefix);
  while (len && prefix[len - 1] == ' ')
    len--;
  return ar_sink_write(m->out, prefix, len) || ar_sink_puts(m->out, "\n");
}

static int heading(md *m, const ar_node *s) {
  int level = ar_section_level(s) + 1; /* the brief's title is level 1 */
  char hashes[8] = "######";
  hashes[level > 6 ? 6 : level] = '\0';
  m->line.len = 0;
  put(&m->line, "");
  put_text(&m->line, ar_section_number(s));
  put(&m->line, " ");
  put_text(&m->line, ar_section_title(s));
  if (m->line.failed)
    return -1;
  return ar_sink_printf(m->out, "%s %s\n", hashes, m->line.s);
}

/* A table row of cells already rendered, '|'-separated. */
static int table_row(md *m, const char *prefix, char **cells, size_t n) {
  int rc = ar_sink_puts(m->out, prefix) || ar_sink_puts(m->out, "|");
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = ar_sink_printf(m->out, " %s |", cells[i] ? cells[i] : "");
  return rc || ar_sink_puts(m->out, "\n");
}

static int table_rule(md *m, const char *prefix, const ar_align *align, size_t n) {
  int rc = ar_sink_puts(m->out, prefix) || ar_sink_puts(m->out, "|");
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = ar_sink_puts(m->out, align[i] == AR_ALIGN_RIGHT    ? " ---: |"
                              : align[i] == AR_ALIGN_CENTER ? " :---: |"
                                                            : " --- |");
  return rc || ar_sink_puts(m->out, "\n");
}

/* The cells of one row into cells[0..n), malloc'd. */
static int row_cells(md *m, const ar_node *row, char **cells, size_t n) {
  size_t i = 0;
  for (const ar_node *c = ar_node_first_child(row); c && i < n; c = ar_node_next(c), i++) {
    m->cell.len = 0;
    put(&m->cell, "");
    inlines(m, &m->cell, c, 1);
    if (m->cell.failed || !(cells[i] = strdup(m->cell.s)))
      return -1;
  }
  return 0;
}

static void free_cells(char **cells, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(cells[i]);
    cells[i] = NULL;
  }
}

/* A caption, a chart's or table's, as an emphasised paragraph. */
static int caption(md *m, const char *prefix, const char *text) {
  if (!text || !*text)
    return 0;
  m->line.len = 0;
  put(&m->line, "*");
  put_text(&m->line, text);
  put(&m->line, "*");
  return m->line.failed || emit(m, prefix, prefix, m->line.s) || blank(m, prefix);
}

/* GitHub's tables have one header row: the first of the table's header
 * rows (an empty one when it has none); its other header rows are body
 * rows in bold. */
static int table(md *m, const ar_node *t, const char *prefix) {
  size_t n = ar_table_column_count(t);
  if (n == 0)
    return 0;
  char **cells = calloc(n, sizeof *cells);
  ar_align *align = calloc(n, sizeof *align);
  int rc = !cells || !align ? -1 : caption(m, prefix, ar_table_caption(t));
  for (size_t i = 0; align && i < n; i++)
    align[i] = ar_table_column_align(t, i);
  const ar_node *row = ar_node_first_child(t);
  if (rc == 0 && row && ar_row_is_header(row)) {
    rc = row_cells(m, row, cells, n) || table_row(m, prefix, cells, n);
    row = ar_node_next(row);
  } else if (rc == 0) {
    rc = table_row(m, prefix, cells, n);
  }
  if (rc == 0)
    rc = table_rule(m, prefix, align, n);
  for (; rc == 0 && row; row = ar_node_next(row)) {
    free_cells(cells, n);
    rc = row_cells(m, row, cells, n);
    for (size_t i = 0; rc == 0 && ar_row_is_header(row) && i < n; i++) {
      char *bold = NULL;
      if (cells[i] && *cells[i]) {
        size_t len = strlen(cells[i]) + 5;
        if (!(bold = malloc(len)))
          rc = -1;
        else
          snprintf(bold, len, "**%s**", cells[i]);
        free(cells[i]);
        cells[i] = bold;
      }
    }
    rc = rc || table_row(m, prefix, cells, n);
  }
  if (cells)
    free_cells(cells, n);
  free(cells);
  free(align);
  return rc || blank(m, prefix);
}

/* Key figures: a table of label, value and change. */
static int figures(md *m, const ar_node *figs, const char *prefix) {
  static const ar_align align[3] = {AR_ALIGN_LEFT, AR_ALIGN_RIGHT, AR_ALIGN_LEFT};
  char *cells[3] = {NULL, NULL, NULL};
  int rc = table_row(m, prefix, cells, 3) || table_rule(m, prefix, align, 3);
  for (const ar_node *f = ar_node_first_child(figs); rc == 0 && f; f = ar_node_next(f)) {
    const char *field[3] = {ar_figure_label(f), ar_figure_value(f), ar_figure_change(f)};
    for (size_t i = 0; rc == 0 && i < 3; i++) {
      m->cell.len = 0;
      put(&m->cell, i == 1 ? "**" : "");
      put_text(&m->cell, field[i]);
      put(&m->cell, i == 1 ? "**" : "");
      if (m->cell.failed || !(cells[i] = strdup(m->cell.s)))
        rc = -1;
    }
    rc = rc || table_row(m, prefix, cells, 3);
    free_cells(cells, 3);
  }
  return rc || blank(m, prefix);
}

/* A chart: its title, its description in words (the one the other formats
 * give), and its values as a table, a row per category and a column per
 * series. */
static int chart(md *m, const ar_node *c, const char *prefix) {
  size_t nc = ar_chart_category_count(c), ns = ar_chart_series_count(c);
  int dec = ar_layout_chart_decimals(c);
  int rc = caption(m, prefix, ar_chart_title(c));
  char *words = rc ? NULL : ar_layout_chart_description(m->doc, c);
  if (!words)
    return -1;
  m->line.len = 0;
  put(&m->line, "");
  put_text(&m->line, words);
  free(words);
  guard_starts(&m->line, &m->cell);
  rc = m->line.failed || m->cell.failed || emit(m, prefix, prefix, m->line.s) || blank(m, prefix);
  if (rc || nc == 0 || ns == 0)
    return rc;
  char **cells = calloc(ns + 1, sizeof *cells);
  ar_align *align = calloc(ns + 1, sizeof *align);
  if (!cells || !align) {
    free(cells);
    free(align);
    return -1;
  }
  for (size_t s = 0; s <= ns; s++) {
    align[s] = s ? AR_ALIGN_RIGHT : AR_ALIGN_LEFT;
    m->cell.len = 0;
    put(&m->cell, "");
    put_text(&m->cell, s ? (ns > 1 ? ar_chart_series_name(c, s - 1) : ar_chart_unit(c)) : "");
    if (m->cell.failed || !(cells[s] = strdup(m->cell.s)))
      rc = -1;
  }
  rc = rc || table_row(m, prefix, cells, ns + 1) || table_rule(m, prefix, align, ns + 1);
  for (size_t i = 0; rc == 0 && i < nc; i++) {
    free_cells(cells, ns + 1);
    for (size_t s = 0; rc == 0 && s <= ns; s++) {
      char num[64];
      double v;
      m->cell.len = 0;
      put(&m->cell, "");
      if (s == 0) {
        put_text(&m->cell, ar_chart_category(c, i));
      } else if (ar_chart_value(c, s - 1, i, &v)) {
        ar_layout_number(num, sizeof num, v, dec);
        put_text(&m->cell, num);
      } else {
        put_text(&m->cell, ar_document_word(m->doc, AR_WORD_NO_DATA));
      }
      if (m->cell.failed || !(cells[s] = strdup(m->cell.s)))
        rc = -1;
    }
    rc = rc || table_row(m, prefix, cells, ns + 1);
  }
  free_cells(cells, ns + 1);
  free(cells);
  free(align);
  return rc || blank(m, prefix);
}

/* The prefix of what is inside a container: prefix then more, malloc'd. */
static char *inner(const char *prefix, const char *more) {
  size_t a = strlen(prefix), b = strlen(more);
  char *p = malloc(a + b + 1);
  if (p) {
    memcpy(p, prefix, a);
    memcpy(p + a, more, b + 1);
  }
  return p;
}

static int list(md *m, const ar_node *l, const char *prefix) {
  int numbered = ar_list_is_numbered(l), k = ar_list_start(l);
  int rc = 0;
  for (const ar_node *item = ar_node_first_child(l); rc == 0 && item;
       item = ar_node_next(item), k++) {
    char marker[24];
    if (numbered)
      snprintf(marker, sizeof marker, "%d. ", k);
    else
      snprintf(marker, sizeof marker, "- ");
    char spaces[24];
    size_t w = strlen(marker);
    memset(spaces, ' ', w);
    spaces[w] = '\0';
    char *first = inner(prefix, marker), *rest = inner(prefix, spaces);
    if (!first || !rest) {
      rc = -1;
    } else {
      /* The item's first block takes the marker; the others are indented. */
      const ar_node *b = ar_node_first_child(item);
      if (b && ar_node_get_type(b) == AR_NODE_PARAGRAPH) {
        rc = paragraph(m, b, first, rest);
        b = ar_node_next(b);
        if (rc == 0 && b)
          rc = blank(m, rest);
      } else {
        rc = ar_sink_puts(m->out, first) || ar_sink_puts(m->out, "\n");
      }
      for (; rc == 0 && b; b = ar_node_next(b)) {
        rc = blocks(m, b, rest);
      }
    }
    free(first);
    free(rest);
  }
  return rc || blank(m, prefix);
}

/* A note or quote: a block quote, the note's title in bold first, the
 * quote's attribution last. */
static int quoted(md *m, const ar_node *n, const char *prefix) {
  char *q = inner(prefix, "> ");
  if (!q)
    return -1;
  int rc = 0;
  const char *title = ar_node_get_type(n) == AR_NODE_NOTE ? ar_note_title(n) : NULL;
  if (title && *title) {
    m->line.len = 0;
    put(&m->line, "**");
    put_text(&m->line, title);
    put(&m->line, "**");
    rc = m->line.failed || emit(m, q, q, m->line.s) || blank(m, q);
  }
  for (const ar_node *b = ar_node_first_child(n); rc == 0 && b; b = ar_node_next(b))
    rc = blocks(m, b, q);
  const char *by = ar_node_get_type(n) == AR_NODE_QUOTE ? ar_quote_attribution(n) : NULL;
  if (rc == 0 && by && *by) {
    m->line.len = 0;
    put(&m->line, "\xE2\x80\x94 "); /* em dash */
    put_text(&m->line, by);
    rc = m->line.failed || emit(m, q, q, m->line.s) || blank(m, q);
  }
  free(q);
  return rc || blank(m, prefix);
}

/* One block node (and, for a section, all below it) after prefix. */
static int blocks(md *m, const ar_node *n, const char *prefix) {
  switch (ar_node_get_type(n)) {
  case AR_NODE_SECTION: {
    int rc = heading(m, n) || ar_sink_puts(m->out, "\n");
    for (const ar_node *b = ar_node_first_child(n); rc == 0 && b; b = ar_node_next(b))
      rc = blocks(m, b, prefix);
    return rc;
  }
  case AR_NODE_PARAGRAPH:
    return paragraph(m, n, prefix, prefix) || blank(m, prefix);
  case AR_NODE_LIST:
    return list(m, n, prefix);
  case AR_NODE_TABLE:
    return table(m, n, prefix);
  case AR_NODE_FIGURES:
    return figures(m, n, prefix);
  case AR_NODE_CHART:
    return chart(m, n, prefix);
  case AR_NODE_NOTE:
  case AR_NODE_QUOTE:
    return quoted(m, n, prefix);
  default:
    return 0;
  }
}

/* ---- the document ---------------------------------------------------------------- */

static int title_block(md *m) {
  ar_layout_title t;
  if (ar_layout_title_init(&t, m->doc) != 0)
    return -1;
  const char *lines[] = {t.marking, t.subtitle, t.date_text, t.byline};
  m->line.len = 0;
  put(&m->line, "# ");
  put_text(&m->line, t.title ? t.title : "");
  put(&m->line, "\n\n");
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    if (!lines[i] || !*lines[i])
      continue;
    m->cell.len = 0;
    put(&m->cell, i == 0 ? "**" : "");
    put_text(&m->cell, lines[i]);
    put(&m->cell, i == 0 ? "**" : "");
    md_buf guarded = {0};
    guard_starts(&m->cell, &guarded);
    put(&m->line, m->cell.s ? m->cell.s : "");
    put(&m->line, "\n\n");
    m->line.failed |= m->cell.failed | guarded.failed;
    free(guarded.s);
  }
  ar_layout_title_clear(&t);
  return m->line.failed || ar_sink_write(m->out, m->line.s, m->line.len);
}

/* The notes: a heading, then a footnote per cited reference. */
static int notes(md *m) {
  size_t n = ar_layout_note_count(m->doc);
  if (n == 0)
    return 0;
  m->line.len = 0;
  put(&m->line, "## ");
  put_text(&m->line, ar_document_word(m->doc, AR_WORD_NOTES));
  put(&m->line, "\n\n");
  for (size_t i = 1; i <= n; i++) {
    ar_layout_note note;
    if (!ar_layout_note_at(m->doc, i, &note))
      continue;
    char mark[32];
    snprintf(mark, sizeof mark, "[^%zu]: ", i);
    put(&m->line, mark);
    put_text(&m->line, note.text);
    if (note.url) {
      put(&m->line, " ");
      put_url(&m->line, note.url);
    }
    put(&m->line, "\n");
  }
  return m->line.failed || ar_sink_write(m->out, m->line.s, m->line.len);
}

static void *create(const ar_options *opts, ar_error *err) {
  (void)opts;
  (void)err;
  static int stateless;
  return &stateless;
}

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  (void)state;
  if (ar_node_get_type(doc) != AR_NODE_DOCUMENT) {
    ar_error_set(err, "nothing to render: not a brief document");
    return -1;
  }
  md m = {.doc = doc, .out = out};
  int rc = title_block(&m);
  for (const ar_node *b = ar_node_first_child(doc); rc == 0 && b; b = ar_node_next(b))
    rc = blocks(&m, b, "");
  if (rc == 0)
    rc = notes(&m);
  if (m.line.failed || m.cell.failed)
    ar_error_set(err, "out of memory");
  free(m.line.s);
  free(m.cell.s);
  return rc ? -1 : 0;
}

static void destroy(void *state) { (void)state; }

static const ar_plugin descriptor = {
    .abi_major = AR_PLUGIN_ABI_MAJOR,
    .abi_minor = AR_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(ar_plugin),
    .name = "markdown",
    .version = "1.0",
    .summary = "CommonMark with GitHub's pipe tables and footnotes",
    .extension = "md",
    .media_type = "text/markdown; charset=utf-8; variant=GFM",
    .create = create,
    .render = render,
    .destroy = destroy,
};

AR_PLUGIN_DEFINE { return &descriptor; }
