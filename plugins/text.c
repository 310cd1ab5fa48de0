/* The text output plugin: a brief as plain UTF-8 (or ASCII) text, wrapped
 * at 72 columns or the width given with -O text.width=N.
 *
 * The walk over the tree is here; wrapping, measuring and column fitting
 * are in text-wrap.c. Blocks are written as they are met: each block makes
 * its lines, which get the prefix of the blocks around it (list markers and
 * their hanging indent, the bar of notes and quotes) and go to the sink.
 * Links and citations become numbered notes listed at the end: citations
 * keep their numbers (ar_cite_number), links follow them. */
#include "config.h"

#include <math.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistring/version.h>

#include "alliance-report/layout.h"
#include "alliance-report/plugin.h"
#include "text-wrap.h"

#define DEFAULT_WIDTH 72
#define MIN_WIDTH 20
#define MAX_WIDTH 1000
#define GAP "  " /* between table columns */

/* What create() makes: the options. */
typedef struct {
  size_t width;
  int ascii;
} text_state;

/* ---- glyphs -------------------------------------------------------------------- */

typedef struct {
  const char *h, *v, *tl, *tr, *bl, *br; /* boxes */
  const char *rule;                      /* under a table's header */
  const char *bar, *neg;                 /* bar cells, positive and negative */
  const char *const *eighths;            /* 1/8 to 7/8 of a bar cell, or NULL */
  const char *side;                      /* left of notes */
  const char *quote_side;                /* left of quotes */
  const char *dash;                      /* before a quote's attribution */
} glyphs;

static const char *const eighths[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉"};

static const glyphs utf8_glyphs = {"─", "│", "┌", "┐", "└", "┘", "─", "█", "░",
                                   eighths, "│ ", "  │ ", "— "};
static const glyphs ascii_glyphs = {"-", "|", "+", "+", "+", "+", "-", "#", "=",
                                    NULL, "| ", "  | ", "-- "};

/* ---- the renderer ---------------------------------------------------------------- */

/* What the blocks around the current one put before its lines. */
typedef struct {
  ar_node_type type;
  char first[32], rest[32]; /* prefix of the block's first line, of others */
  int used;                 /* first was written */
  int numbered;             /* LIST: numbered */
  long next;                /* LIST: the next item's number */
  size_t marker_width;      /* LIST: width of its items' markers */
} frame;

typedef struct {
  const text_state *st;
  const glyphs *g;
  const ar_node *doc;
  ar_sink *out;
  frame *frames;
  size_t depth, cap;
  tw_builder para; /* the inlines of the current paragraph */
  int blank;       /* a blank line is due before the next block */
  const char **urls; /* link URLs in order of first use (borrowed), room
                        for one per link */
  size_t nurls;
  void *url_tree; /* tsearch() tree of pointers into urls, by URL */
  tw_buf line, first, rest; /* scratch */
  size_t written;           /* lines written so far */
  int oom;
} renderer;

/* Records an out-of-memory failure (rc -1) and passes rc on. */
static int mem(renderer *r, int rc) {
  if (rc)
    r->oom = 1;
  return rc ? -1 : 0;
}

static size_t max_z(size_t a, size_t b) { return a > b ? a : b; }

/* ---- prefixes and output ------------------------------------------------------------ */

static int push_frame(renderer *r, ar_node_type type, const char *first, const char *rest) {
  if (r->depth == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 8;
    frame *grown = realloc(r->frames, cap * sizeof *grown);
    if (!grown)
      return mem(r, -1);
    r->frames = grown;
    r->cap = cap;
  }
  frame *f = &r->frames[r->depth++];
  memset(f, 0, sizeof *f);
  f->type = type;
  snprintf(f->first, sizeof f->first, "%s", first);
  snprintf(f->rest, sizeof f->rest, "%s", rest);
  return 0;
}

static frame *top_frame(renderer *r) { return r->depth ? &r->frames[r->depth - 1] : NULL; }

/* Makes r->first and r->rest the prefixes of the next block's lines. */
static int prefixes(renderer *r) {
  tw_buf_clear(&r->first);
  tw_buf_clear(&r->rest);
  int rc = tw_buf_add(&r->first, "", 0) || tw_buf_add(&r->rest, "", 0);
  for (size_t i = 0; !rc && i < r->depth; i++) {
    const frame *f = &r->frames[i];
    rc = tw_buf_puts(&r->first, f->used ? f->rest : f->first) || tw_buf_puts(&r->rest, f->rest);
  }
  return mem(r, rc);
}

static void consume_prefixes(renderer *r) {
  for (size_t i = 0; i < r->depth; i++)
    r->frames[i].used = 1;
}

/* Columns left for a block's content after its prefix. */
static size_t content_width(const renderer *r) {
  size_t pw = 0;
  for (size_t i = 0; i < r->depth; i++)
    pw += tw_strwidth(r->frames[i].rest);
  return r->st->width > pw + 1 ? r->st->width - pw : 1;
}

/* Writes prefix and text as one line, without trailing spaces. */
static int write_line(renderer *r, const char *prefix, const char *text) {
  tw_buf_clear(&r->line);
  if (mem(r, tw_buf_puts(&r->line, prefix) || tw_buf_puts(&r->line, text)))
    return -1;
  tw_buf_rtrim(&r->line);
  if (mem(r, tw_buf_add(&r->line, "\n", 1)))
    return -1;
  r->written++;
  return ar_sink_write(r->out, r->line.data, r->line.len);
}

/* Keeps the next block right under what was written since mark. */
static void glue(renderer *r, size_t mark) {
  if (r->written > mark)
    r->blank = 0;
}

/* Writes the blank line due before a block, if any. */
static int begin_block(renderer *r) {
  if (!r->blank)
    return 0;
  r->blank = 0;
  return prefixes(r) || write_line(r, tw_buf_str(&r->rest), "");
}

/* Writes a block's lines (already prefixed when prefixed is set). */
static int write_block(renderer *r, const tw_lines *lines, int prefixed) {
  if (lines->n == 0)
    return 0;
  if (begin_block(r) || prefixes(r))
    return -1;
  for (size_t i = 0; i < lines->n; i++) {
    const char *prefix = prefixed ? "" : tw_buf_str(i == 0 ? &r->first : &r->rest);
    if (write_line(r, prefix, lines->line[i]))
      return -1;
  }
  consume_prefixes(r);
  r->blank = 1;
  return 0;
}

/* Wraps s with the prefixes of the blocks around, first and rest added to
 * them, and writes it as a block. */
static int write_wrapped(renderer *r, const char *s, size_t n, const char *first,
                         const char *rest) {
  if (n == 0)
    return 0;
  if (begin_block(r) || prefixes(r))
    return -1;
  tw_buf f, o;
  tw_buf_init(&f);
  tw_buf_init(&o);
  tw_lines lines;
  tw_lines_init(&lines);
  int rc = mem(r, tw_buf_puts(&f, tw_buf_str(&r->first)) || tw_buf_puts(&f, first) ||
                      tw_buf_puts(&o, tw_buf_str(&r->rest)) || tw_buf_puts(&o, rest) ||
                      tw_wrap(s, n, r->st->width, tw_buf_str(&f), tw_buf_str(&o), &lines));
  rc = rc || write_block(r, &lines, 1);
  tw_lines_free(&lines);
  tw_buf_free(&f);
  tw_buf_free(&o);
  return rc;
}

/* Cleans s (one line of the tree's text) and writes it wrapped. */
static int write_text(renderer *r, const char *s, const char *first, const char *rest) {
  if (!s || !*s)
    return 0;
  char *clean = tw_clean(s, r->st->ascii);
  if (!clean)
    return mem(r, -1);
  int rc = write_wrapped(r, clean, strlen(clean), first, rest);
  free(clean);
  return rc;
}

/* ---- inlines ----------------------------------------------------------------- */

/* Makes room for the URL of every link of doc. */
static int room_for_links(renderer *r, const ar_node *doc) {
  size_t links = 0;
  ar_iter *it = ar_iter_new(doc);
  if (!it)
    return -1;
  for (ar_event ev; (ev = ar_iter_next(it)) != AR_EVENT_DONE;)
    links += ev == AR_EVENT_ENTER && ar_node_get_type(ar_iter_node(it)) == AR_NODE_LINK;
  ar_iter_free(it);
  return links && !(r->urls = malloc(links * sizeof *r->urls)) ? -1 : 0;
}

static int by_url(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The note number of a link to url: after the citations' numbers. */
static int link_number(renderer *r, const char *url, size_t *number) {
  const char **const *found = tfind(&url, &r->url_tree, by_url);
  if (!found) {
    r->urls[r->nurls] = url;
    if (!(found = tsearch(&r->urls[r->nurls], &r->url_tree, by_url)))
      return -1;
    r->nurls++;
  }
  *number = ar_document_cited_count(r->doc) + (size_t)(*found - r->urls) + 1;
  return 0;
}

static int note_marker(tw_builder *b, size_t number, tw_run kind) {
  char marker[32];
  ar_layout_note_marker(marker, sizeof marker, number);
  return tw_append(b, marker, kind);
}

/* Adds an inline event to b: emphasis as _text_, strong as *text*, links
 * and citations followed by their note number. Returns -1 when out of
 * memory. */
static int inline_event(renderer *r, tw_builder *b, const ar_node *n, ar_event ev) {
  tw_run mark = ev == AR_EVENT_ENTER ? TW_OPEN : TW_CLOSE;
  size_t number;
  switch (ar_node_get_type(n)) {
  case AR_NODE_TEXT:
    return tw_append(b, ar_text_literal(n), TW_TEXT);
  case AR_NODE_EMPH:
    return tw_append(b, "_", mark);
  case AR_NODE_STRONG:
    return tw_append(b, "*", mark);
  case AR_NODE_LINK:
    if (ev != AR_EVENT_EXIT || !ar_link_url(n))
      return 0;
    return link_number(r, ar_link_url(n), &number) || note_marker(b, number, TW_CLOSE);
  case AR_NODE_CITE:
    return ar_cite_number(n) ? note_marker(b, ar_cite_number(n), TW_OPEN) : 0;
  case AR_NODE_BREAK:
    return tw_append_break(b);
  default:
    return 0;
  }
}

/* The text of an inline container (a cell): a new string, or NULL. */
static char *inline_text(renderer *r, const ar_node *container) {
  tw_builder b;
  tw_builder_init(&b, r->st->ascii);
  ar_iter *it = ar_iter_new(container);
  int rc = it ? 0 : -1;
  for (ar_event ev; !rc && it && (ev = ar_iter_next(it)) != AR_EVENT_DONE;)
    if (ar_iter_node(it) != container)
      rc = inline_event(r, &b, ar_iter_node(it), ev);
  ar_iter_free(it);
  size_t len;
  const char *s = tw_builder_text(&b, &len);
  char *text = rc ? NULL : malloc(len + 1);
  if (text)
    memcpy(text, s, len + 1);
  tw_builder_free(&b);
  if (!text)
    r->oom = 1;
  return text;
}

static int paragraph(renderer *r) {
  size_t n;
  const char *s = tw_builder_text(&r->para, &n);
  int rc = write_wrapped(r, s, n, "", "");
  tw_builder_clear(&r->para);
  return rc;
}

/* ---- title block, headings, notes --------------------------------------------------- */

static int centred(renderer *r, const char *s) {
  char *clean = tw_clean(s, r->st->ascii);
  tw_buf b;
  tw_buf_init(&b);
  int rc = mem(r, !clean);
  if (!rc && *clean) {
    size_t w = tw_strwidth(clean), width = r->st->width;
    rc = w >= width ? write_text(r, clean, "", "")
                    : mem(r, tw_buf_repeat(&b, " ", (width - w) / 2) || tw_buf_puts(&b, clean));
    if (!rc && b.data) {
      tw_lines one = {&b.data, 1, 1};
      rc = write_block(r, &one, 0);
    }
  }
  tw_buf_free(&b);
  free(clean);
  return rc;
}

/* Writes a and b as one block: b right under a. */
static int text_group(renderer *r, const char *a, const char *b) {
  size_t mark = r->written;
  if (write_text(r, a, "", ""))
    return -1;
  glue(r, mark);
  if (write_text(r, b, "", ""))
    return -1;
  r->blank = r->blank || r->written > mark;
  return 0;
}

/* Marking centred, blank, title and subtitle, blank, date and byline. */
static int title_block(renderer *r, const ar_node *doc) {
  ar_layout_title t;
  if (mem(r, ar_layout_title_init(&t, doc)))
    return -1;
  int rc = (t.marking && centred(r, t.marking)) || text_group(r, t.title, t.subtitle) ||
           text_group(r, t.date_text, t.byline);
  ar_layout_title_clear(&t);
  return rc ? -1 : 0;
}

/* A heading, hanging under its number, underlined with c. */
static int heading_text(renderer *r, const char *number, const char *title, const char *c) {
  char *clean = tw_clean(title, r->st->ascii);
  tw_buf hang;
  tw_buf_init(&hang);
  tw_lines lines;
  tw_lines_init(&lines);
  int rc = mem(r, !clean || tw_buf_repeat(&hang, " ", tw_strwidth(number)));
  tw_buf b;
  tw_buf_init(&b);
  rc = rc || mem(r, tw_buf_puts(&b, number) || tw_buf_puts(&b, clean) ||
                        tw_wrap(tw_buf_str(&b), b.len, content_width(r), "",
                                tw_buf_str(&hang), &lines));
  size_t widest = 0;
  for (size_t i = 0; !rc && i < lines.n; i++)
    widest = max_z(widest, tw_strwidth(lines.line[i]));
  tw_buf_clear(&b);
  rc = rc || (lines.n && mem(r, tw_buf_repeat(&b, c, widest) ||
                                    tw_lines_add(&lines, tw_buf_str(&b), b.len)));
  rc = rc || write_block(r, &lines, 0);
  tw_lines_free(&lines);
  tw_buf_free(&b);
  tw_buf_free(&hang);
  free(clean);
  return rc;
}

/* "1. Key messages" over '=', "2.1 Background" over '-'. */
static int heading(renderer *r, const ar_node *section) {
  const char *number = ar_section_number(section);
  int level = ar_section_level(section);
  char prefix[80] = "";
  if (number && *number)
    snprintf(prefix, sizeof prefix, level <= 1 ? "%s. " : "%s ", number);
  return heading_text(r, prefix, ar_section_title(section), level <= 1 ? "=" : "-");
}

/* One note: "[n] text <url>", hanging under the marker. */
static int note_entry(renderer *r, size_t number, size_t marker_width, const char *text,
                      const char *url) {
  char first[48], rest[48];
  ar_layout_note_marker(first, sizeof first, number);
  snprintf(rest, sizeof rest, "%*s", (int)marker_width, "");
  size_t len = strlen(first);
  snprintf(first + len, sizeof first - len, "%*s", (int)(marker_width - len), "");
  tw_builder b;
  tw_builder_init(&b, r->st->ascii);
  int rc = mem(r, tw_append(&b, text, TW_TEXT) ||
                      (url && (tw_append(&b, " <", TW_TEXT) || tw_append(&b, url, TW_TEXT) ||
                               tw_append(&b, ">", TW_TEXT))));
  size_t n;
  const char *s = tw_builder_text(&b, &n);
  rc = rc || write_wrapped(r, s, n, first, rest);
  r->blank = 0;
  tw_builder_free(&b);
  return rc;
}

/* The notes: the cited references, then the links' URLs, which plain
 * text cannot link. */
static int notes(renderer *r) {
  size_t cited = ar_layout_note_count(r->doc), total = cited + r->nurls;
  if (total == 0)
    return 0;
  char widest[32];
  ar_layout_note_marker(widest, sizeof widest, total);
  size_t marker_width = strlen(widest) + 1;
  if (heading_text(r, "", ar_document_word(r->doc, AR_WORD_NOTES), "="))
    return -1;
  ar_layout_note note;
  for (size_t n = 1; n <= cited; n++)
    if (ar_layout_note_at(r->doc, n, &note) &&
        note_entry(r, n, marker_width, note.text, note.url))
      return -1;
  for (size_t i = 0; i < r->nurls; i++)
    if (note_entry(r, cited + i + 1, marker_width, "", r->urls[i]))
      return -1;
  r->blank = 1;
  return 0;
}

static int end_matter(renderer *r, const ar_node *doc) {
  if (notes(r))
    return -1;
  return ar_document_marking(doc) ? centred(r, ar_document_marking(doc)) : 0;
}

/* ---- lists, notes, quotes ------------------------------------------------------------ */

static int list_enter(renderer *r, const ar_node *list) {
  size_t count = 0;
  for (const ar_node *c = ar_node_first_child(list); c; c = ar_node_next(c))
    count++;
  int numbered = ar_list_is_numbered(list), start = ar_list_start(list);
  char last[32];
  size_t width = numbered ? (size_t)snprintf(last, sizeof last, "%ld. ",
                                             (long)start + (long)(count ? count - 1 : 0))
                          : 2;
  if (ar_node_get_type(ar_node_parent(list)) == AR_NODE_ITEM)
    r->blank = 0; /* a nested list follows its item's text */
  if (push_frame(r, AR_NODE_LIST, "", ""))
    return -1;
  frame *f = top_frame(r);
  f->numbered = numbered;
  f->next = start;
  f->marker_width = width;
  return 0;
}

static int item_enter(renderer *r, const ar_node *item) {
  frame *list = top_frame(r);
  if (!list || list->type != AR_NODE_LIST) /* not in a list: no marker */
    return push_frame(r, AR_NODE_ITEM, "", "");
  char marker[32], rest[32];
  if (list->numbered)
    snprintf(marker, sizeof marker, "%ld.", list->next++);
  else
    snprintf(marker, sizeof marker, "-");
  size_t len = strlen(marker);
  size_t pad = list->marker_width > len ? list->marker_width - len : 1;
  snprintf(marker + len, sizeof marker - len, "%*s", (int)pad, "");
  snprintf(rest, sizeof rest, "%*s", (int)list->marker_width, "");
  if (ar_node_previous(item))
    r->blank = 0; /* items are tight */
  return push_frame(r, AR_NODE_ITEM, marker, rest);
}

static int item_exit(renderer *r) {
  frame *f = top_frame(r);
  int rc = 0;
  if (f && f->type == AR_NODE_ITEM && !f->used) { /* an empty item: its marker */
    char empty[1] = "", *line = empty;
    tw_lines marker_only = {&line, 1, 1};
    rc = write_block(r, &marker_only, 0);
  }
  r->depth -= r->depth > 0;
  r->blank = 1;
  return rc;
}

static int aside_enter(renderer *r, const ar_node *n) {
  int quote = ar_node_get_type(n) == AR_NODE_QUOTE;
  const char *side = quote ? r->g->quote_side : r->g->side;
  if (begin_block(r) || push_frame(r, ar_node_get_type(n), side, side))
    return -1;
  return quote ? 0 : write_text(r, ar_note_title(n), "", "");
}

static int aside_exit(renderer *r, const ar_node *n) {
  int rc = 0;
  const char *who = ar_quote_attribution(n);
  if (ar_node_get_type(n) == AR_NODE_QUOTE && who) {
    tw_buf b;
    tw_buf_init(&b);
    rc = mem(r, tw_buf_puts(&b, r->g->dash) || tw_buf_puts(&b, who));
    r->blank = 0;
    rc = rc || write_text(r, tw_buf_str(&b), "", "");
    tw_buf_free(&b);
  }
  r->depth -= r->depth > 0;
  r->blank = 1;
  return rc;
}

/* ---- tables --------------------------------------------------------------------------- */

typedef struct {
  size_t nrows, ncols;
  char **cell; /* nrows * ncols, NULL: empty */
  int *header;
  size_t *nat, *min, *floor, *w;
  int *whole; /* a column whose body cells are not to be broken (numbers) */
  tw_align *align;
} grid;

static void grid_free(grid *g) {
  for (size_t i = 0; g->cell && i < g->nrows * g->ncols; i++)
    free(g->cell[i]);
  free(g->cell);
  free(g->header);
  free(g->nat);
  free(g->min);
  free(g->floor);
  free(g->whole);
  free(g->w);
  free(g->align);
}

static int grid_alloc(grid *g, size_t nrows, size_t ncols) {
  memset(g, 0, sizeof *g);
  g->nrows = nrows;
  g->ncols = ncols;
  size_t cells = nrows * ncols > 0 ? nrows * ncols : 1, cols = ncols ? ncols : 1;
  g->cell = calloc(cells, sizeof *g->cell);
  g->header = calloc(nrows ? nrows : 1, sizeof *g->header);
  g->nat = calloc(cols, sizeof *g->nat);
  g->min = calloc(cols, sizeof *g->min);
  g->floor = calloc(cols, sizeof *g->floor);
  g->whole = calloc(cols, sizeof *g->whole);
  g->w = calloc(cols, sizeof *g->w);
  g->align = calloc(cols, sizeof *g->align);
  return g->cell && g->header && g->nat && g->min && g->floor && g->whole && g->w && g->align
             ? 0
             : -1;
}

/* Measures the cells and fits the columns into avail columns. */
static int grid_fit(renderer *r, grid *g, size_t avail) {
  for (size_t i = 0; i < g->nrows * g->ncols; i++) {
    const char *s = g->cell[i] ? g->cell[i] : "";
    size_t c = i % g->ncols, n = strlen(s), min;
    if (mem(r, tw_min_width(s, n, &min)))
      return -1;
    g->nat[c] = max_z(g->nat[c], tw_natural_width(s, n));
    g->min[c] = max_z(g->min[c], min);
    if (g->whole[c] && !g->header[i / g->ncols])
      g->floor[c] = max_z(g->floor[c], min);
  }
  size_t gaps = (g->ncols - 1) * strlen(GAP);
  tw_fit_columns(g->ncols, g->nat, g->min, g->floor, avail > gaps ? avail - gaps : g->ncols,
                 g->w);
  return 0;
}

static size_t grid_width(const grid *g) {
  size_t total = (g->ncols - 1) * strlen(GAP);
  for (size_t c = 0; c < g->ncols; c++)
    total += g->w[c];
  return total;
}

static tw_align table_align(const ar_node *table, size_t c) {
  if (ar_table_column_is_numeric(table, c))
    return TW_RIGHT;
  ar_align a = ar_table_column_align(table, c);
  return a == AR_ALIGN_RIGHT ? TW_RIGHT : a == AR_ALIGN_CENTER ? TW_CENTER : TW_LEFT;
}

/* Reads the table's cells into g. */
static int table_grid(renderer *r, const ar_node *table, grid *g) {
  size_t nrows = 0, ncols = ar_table_column_count(table);
  for (const ar_node *row = ar_node_first_child(table); row; row = ar_node_next(row), nrows++) {
    size_t n = 0;
    for (const ar_node *c = ar_node_first_child(row); c; c = ar_node_next(c))
      n++;
    ncols = max_z(ncols, n);
  }
  if (mem(r, grid_alloc(g, nrows, ncols)))
    return -1;
  size_t i = 0;
  for (const ar_node *row = ar_node_first_child(table); row; row = ar_node_next(row), i++) {
    g->header[i] = ar_row_is_header(row);
    size_t c = 0;
    for (const ar_node *cell = ar_node_first_child(row); cell; cell = ar_node_next(cell), c++)
      if (!(g->cell[i * ncols + c] = inline_text(r, cell)))
        return -1;
  }
  for (size_t c = 0; c < ncols; c++) {
    g->align[c] = table_align(table, c);
    g->whole[c] = ar_table_column_is_numeric(table, c);
  }
  return 0;
}

/* The rule under header rows: one run per column. */
static int rule_line(renderer *r, const grid *g, tw_lines *out) {
  tw_buf b;
  tw_buf_init(&b);
  int rc = 0;
  for (size_t c = 0; !rc && c < g->ncols; c++)
    rc = (c > 0 && tw_buf_puts(&b, GAP)) || tw_buf_repeat(&b, r->g->rule, g->w[c]);
  rc = rc || tw_lines_add(out, tw_buf_str(&b), b.len);
  tw_buf_free(&b);
  return rc ? -1 : 0;
}

/* Lays the rows out; when a body row takes several lines, blank lines
 * separate the body rows. */
static int grid_lines(renderer *r, const grid *g, tw_lines *out) {
  tw_lines *rows = calloc(g->nrows ? g->nrows : 1, sizeof *rows);
  int rc = rows ? 0 : -1, multiline = 0;
  for (size_t i = 0; !rc && i < g->nrows; i++) {
    rc = tw_grid_row(&rows[i], g->ncols, (const char *const *)g->cell + i * g->ncols, g->w,
                     g->align, GAP);
    multiline |= !g->header[i] && rows[i].n > 1;
  }
  for (size_t i = 0; !rc && i < g->nrows; i++) {
    if (multiline && i > 0 && !g->header[i] && !g->header[i - 1])
      rc = tw_lines_add(out, "", 0);
    for (size_t k = 0; !rc && k < rows[i].n; k++)
      rc = tw_lines_add(out, rows[i].line[k], strlen(rows[i].line[k]));
    if (!rc && g->header[i] && (i + 1 == g->nrows || !g->header[i + 1]))
      rc = rule_line(r, g, out);
  }
  for (size_t i = 0; rows && i < g->nrows; i++)
    tw_lines_free(&rows[i]);
  free(rows);
  return mem(r, rc);
}

/* Tells whether some column is narrower than its longest word. */
static int grid_too_narrow(const grid *g) {
  for (size_t c = 0; c < g->ncols; c++)
    if (g->w[c] < g->min[c])
      return 1;
  return 0;
}

/* A table that cannot fit the width without cutting words is written as
 * records instead: for each body row, one "Header: value" group per cell,
 * the groups of a row together, a blank line between rows. */
static int records(renderer *r, const grid *g) {
  size_t h = g->nrows;
  for (size_t i = 0; i < g->nrows && h == g->nrows; i++)
    if (g->header[i])
      h = i;
  int rc = 0;
  for (size_t i = 0; !rc && i < g->nrows; i++) {
    if (g->header[i])
      continue;
    size_t mark = r->written;
    for (size_t c = 0; !rc && c < g->ncols; c++) {
      const char *label = h < g->nrows ? g->cell[h * g->ncols + c] : NULL;
      const char *value = g->cell[i * g->ncols + c];
      if (c > 0)
        glue(r, mark);
      if (label && *label) {
        rc = write_text(r, label, "", "");
        glue(r, mark);
      }
      rc = rc || write_text(r, value && *value ? value : "-", "  ", "  ");
    }
  }
  return rc;
}

/* Caption above, then the rows (or records when the columns do not fit). */
static int table(renderer *r, const ar_node *t) {
  grid g;
  int rc = table_grid(r, t, &g);
  if (!rc && g.ncols > 0) {
    tw_lines lines;
    tw_lines_init(&lines);
    size_t mark = r->written;
    rc = grid_fit(r, &g, content_width(r)) || write_text(r, ar_table_caption(t), "", "");
    glue(r, mark);
    if (!rc && grid_too_narrow(&g))
      rc = records(r, &g);
    else
      rc = rc || grid_lines(r, &g, &lines) || write_block(r, &lines, 0);
    tw_lines_free(&lines);
  }
  grid_free(&g);
  return rc;
}

/* ---- key figures ------------------------------------------------------------------------ */

static int figures_grid(renderer *r, const ar_node *figs, grid *g) {
  size_t n = 0, ncols = 2;
  for (const ar_node *f = ar_node_first_child(figs); f; f = ar_node_next(f), n++)
    if (ar_figure_change(f) && *ar_figure_change(f))
      ncols = 3;
  if (mem(r, grid_alloc(g, n, ncols)))
    return -1;
  size_t i = 0;
  for (const ar_node *f = ar_node_first_child(figs); f; f = ar_node_next(f), i++) {
    const char *field[3] = {ar_figure_label(f), ar_figure_value(f), ar_figure_change(f)};
    for (size_t c = 0; c < ncols; c++)
      if (field[c] && !(g->cell[i * ncols + c] = tw_clean(field[c], r->st->ascii)))
        return mem(r, -1);
  }
  g->align[0] = TW_LEFT;
  g->align[1] = TW_RIGHT;
  g->whole[1] = 1;
  g->align[ncols - 1] = ncols == 3 ? TW_LEFT : TW_RIGHT;
  return 0;
}

/* Frames lines (each padded to inner columns) with a box. */
static int boxed(renderer *r, const tw_lines *in, size_t inner, tw_lines *out) {
  const glyphs *gl = r->g;
  tw_buf b;
  tw_buf_init(&b);
  int rc = tw_buf_puts(&b, gl->tl) || tw_buf_repeat(&b, gl->h, inner + 2) ||
           tw_buf_puts(&b, gl->tr) || tw_lines_add(out, b.data, b.len);
  for (size_t i = 0; !rc && i < in->n; i++) {
    tw_buf_clear(&b);
    rc = tw_buf_puts(&b, gl->v) || tw_buf_puts(&b, " ") ||
         tw_pad(&b, in->line[i], inner, TW_LEFT) || tw_buf_puts(&b, " ") ||
         tw_buf_puts(&b, gl->v) || tw_lines_add(out, b.data, b.len);
  }
  tw_buf_clear(&b);
  rc = rc || tw_buf_puts(&b, gl->bl) || tw_buf_repeat(&b, gl->h, inner + 2) ||
       tw_buf_puts(&b, gl->br) || tw_lines_add(out, b.data, b.len);
  tw_buf_free(&b);
  return mem(r, rc ? -1 : 0);
}

/* A box with one row per figure: label, value, change. */
static int figures(renderer *r, const ar_node *figs) {
  grid g;
  int rc = figures_grid(r, figs, &g);
  if (!rc && g.nrows > 0) {
    size_t avail = content_width(r);
    tw_lines rows, lines;
    tw_lines_init(&rows);
    tw_lines_init(&lines);
    rc = grid_fit(r, &g, avail > 4 ? avail - 4 : 1) || grid_lines(r, &g, &rows) ||
         boxed(r, &rows, grid_width(&g), &lines) || write_block(r, &lines, 0);
    tw_lines_free(&rows);
    tw_lines_free(&lines);
  }
  grid_free(&g);
  return rc;
}

/* ---- charts ----------------------------------------------------------------------------- */

typedef struct {
  size_t label_width; /* label column, indent included */
  size_t bar_width;   /* columns for a bar across the whole bar range */
  double lo, hi;      /* the bar range */
  int decimals;       /* of the values */
  char *no_data;      /* the missing-value word, cleaned */
  int several;        /* several series: their names under each category */
} chart_layout;

/* The value of series s at category i as every format shows it, in buf,
 * or the missing-value word. */
static const char *value_text(const ar_node *c, const chart_layout *l, size_t s, size_t i,
                              char *buf, size_t size) {
  double v;
  if (!ar_chart_value(c, s, i, &v))
    return l->no_data;
  ar_layout_number(buf, size, v, l->decimals);
  return buf;
}

/* The label of series s at category i: the series name or the category. */
static const char *row_label(const ar_node *c, const chart_layout *l, size_t s, size_t i) {
  return l->several ? ar_chart_series_name(c, s) : ar_chart_category(c, i);
}

static int chart_layout_of(renderer *r, const ar_node *c, chart_layout *l) {
  ar_layout_bar_range(c, &l->lo, &l->hi);
  l->decimals = ar_layout_chart_decimals(c);
  if (!(l->no_data = tw_clean(ar_document_word(r->doc, AR_WORD_NO_DATA), r->st->ascii)))
    return mem(r, -1);
  l->several = ar_chart_series_count(c) > 1;
  size_t indent = l->several ? 2 : 0, labels = 0, values = 0;
  char buf[64];
  for (size_t s = 0; s < ar_chart_series_count(c); s++)
    for (size_t i = 0; i < ar_chart_category_count(c); i++) {
      char *clean = tw_clean(row_label(c, l, s, i), r->st->ascii);
      if (!clean)
        return mem(r, -1);
      labels = max_z(labels, indent + tw_strwidth(clean));
      free(clean);
      values = max_z(values, tw_strwidth(value_text(c, l, s, i, buf, sizeof buf)));
    }
  /* label, space, bar, space, value; labels take at most a third */
  size_t avail = content_width(r), cap = max_z(avail / 3, indent + 4);
  l->label_width = max_z(labels < cap ? labels : cap, indent + 1);
  size_t fixed = l->label_width + 2 + values;
  l->bar_width = avail > fixed ? avail - fixed : 1;
  if (l->bar_width < 4 && l->label_width > indent + 4) { /* narrow: shrink the labels */
    size_t shrink = 4 - l->bar_width;
    l->label_width = max_z(indent + 4, l->label_width > shrink ? l->label_width - shrink : 0);
    fixed = l->label_width + 2 + values;
    l->bar_width = avail > fixed ? avail - fixed : 1;
  }
  return 0;
}

/* Appends the bar of v, from zero to v on the bar range: full cells and
 * an eighth (UTF-8), or whole cells. */
static int bar(renderer *r, tw_buf *b, double v, const chart_layout *l) {
  double cells = fabs(ar_layout_scale(l->lo, l->hi, v) - ar_layout_scale(l->lo, l->hi, 0)) *
                 (double)l->bar_width;
  const char *const *part = v < 0 ? NULL : r->g->eighths;
  long units = lround(part ? cells * 8 : cells);
  if (units == 0 && v != 0)
    units = 1;
  size_t whole = (size_t)(part ? units / 8 : units), rest = part ? (size_t)(units % 8) : 0;
  if (tw_buf_repeat(b, v < 0 ? r->g->neg : r->g->bar, whole))
    return -1;
  return rest ? tw_buf_puts(b, part[rest - 1]) : 0;
}

/* One bar: the label (wrapped in its column), the bar, the value. */
static int chart_row(renderer *r, const ar_node *c, const chart_layout *l, size_t s, size_t i,
                     tw_lines *out) {
  size_t indent = l->several ? 2 : 0;
  char pad[8], buf[64];
  snprintf(pad, sizeof pad, "%*s", (int)indent, "");
  const char *value = value_text(c, l, s, i, buf, sizeof buf);
  char *label = tw_clean(row_label(c, l, s, i), r->st->ascii);
  tw_lines labels;
  tw_lines_init(&labels);
  tw_buf b;
  tw_buf_init(&b);
  double v = 0;
  int have = ar_chart_value(c, s, i, &v);
  int rc = !label || tw_wrap(label, strlen(label), l->label_width, pad, pad, &labels) ||
           tw_pad(&b, labels.n ? labels.line[0] : "", l->label_width, TW_LEFT) ||
           tw_buf_puts(&b, " ");
  size_t before = b.len;
  rc = rc || (have && bar(r, &b, v, l)) || tw_buf_puts(&b, b.len > before ? " " : "") ||
       tw_buf_puts(&b, value) || tw_lines_add(out, b.data, b.len);
  for (size_t k = 1; !rc && k < labels.n; k++)
    rc = tw_lines_add(out, labels.line[k], strlen(labels.line[k]));
  tw_buf_free(&b);
  tw_lines_free(&labels);
  free(label);
  return mem(r, rc ? -1 : 0);
}

static int chart_lines(renderer *r, const ar_node *c, const chart_layout *l, tw_lines *out) {
  size_t avail = content_width(r);
  for (size_t i = 0; i < ar_chart_category_count(c); i++) {
    if (l->several) { /* the category over its series */
      char *cat = tw_clean(ar_chart_category(c, i), r->st->ascii);
      int rc = !cat || tw_wrap(cat, strlen(cat), avail, "", "", out);
      free(cat);
      if (mem(r, rc ? -1 : 0))
        return -1;
    }
    for (size_t s = 0; s < ar_chart_series_count(c); s++)
      if (chart_row(r, c, l, s, i, out))
        return -1;
  }
  return 0;
}

/* Bar and line charts alike: horizontal bars from zero on the bar range. */
static int chart(renderer *r, const ar_node *c) {
  const char *title = ar_chart_title(c), *unit = ar_chart_unit(c);
  tw_buf head;
  tw_buf_init(&head);
  int rc = mem(r, tw_buf_puts(&head, title ? title : "") ||
                      (unit && *unit && (tw_buf_puts(&head, " (") || tw_buf_puts(&head, unit) ||
                                         tw_buf_puts(&head, ")"))));
  size_t mark = r->written;
  rc = rc || write_text(r, tw_buf_str(&head), "", "");
  tw_buf_free(&head);
  glue(r, mark);
  chart_layout l = {0};
  tw_lines lines;
  tw_lines_init(&lines);
  rc = rc || chart_layout_of(r, c, &l) || chart_lines(r, c, &l, &lines) ||
       write_block(r, &lines, 0);
  tw_lines_free(&lines);
  free(l.no_data);
  return rc;
}

/* ---- the walk ---------------------------------------------------------------------------- */

static int block_event(renderer *r, ar_iter *it, const ar_node *n, ar_event ev) {
  int enter = ev == AR_EVENT_ENTER;
  switch (ar_node_get_type(n)) {
  case AR_NODE_DOCUMENT:
    return enter ? title_block(r, n) : end_matter(r, n);
  case AR_NODE_SECTION:
    return enter ? heading(r, n) : 0;
  case AR_NODE_PARAGRAPH:
    return enter ? 0 : paragraph(r);
  case AR_NODE_LIST:
    if (enter)
      return list_enter(r, n);
    r->depth -= r->depth > 0;
    r->blank = 1;
    return 0;
  case AR_NODE_ITEM:
    return enter ? item_enter(r, n) : item_exit(r);
  case AR_NODE_TABLE:
  case AR_NODE_FIGURES:
    if (!enter)
      return 0;
    ar_iter_skip_children(it);
    return ar_node_get_type(n) == AR_NODE_TABLE ? table(r, n) : figures(r, n);
  case AR_NODE_CHART:
    return chart(r, n);
  case AR_NODE_NOTE:
  case AR_NODE_QUOTE:
    return enter ? aside_enter(r, n) : aside_exit(r, n);
  default:
    return ar_node_is_inline(n) ? mem(r, inline_event(r, &r->para, n, ev)) : 0;
  }
}

static void renderer_init(renderer *r, const text_state *st, const ar_node *doc, ar_sink *out) {
  memset(r, 0, sizeof *r);
  r->st = st;
  r->g = st->ascii ? &ascii_glyphs : &utf8_glyphs;
  r->doc = doc;
  r->out = out;
  tw_builder_init(&r->para, st->ascii);
  tw_buf_init(&r->line);
  tw_buf_init(&r->first);
  tw_buf_init(&r->rest);
}

static void keep(void *key) { (void)key; }

static void renderer_free(renderer *r) {
  tdestroy(r->url_tree, keep); /* the keys are r->urls' */
  free(r->frames);
  free(r->urls);
  tw_builder_free(&r->para);
  tw_buf_free(&r->line);
  tw_buf_free(&r->first);
  tw_buf_free(&r->rest);
}

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  if (!state || ar_node_get_type(doc) != AR_NODE_DOCUMENT) {
    ar_error_set(err, "nothing to render: not a brief document");
    return -1;
  }
  renderer r;
  renderer_init(&r, state, doc, out);
  ar_iter *it = ar_iter_new(doc);
  int rc = mem(&r, !it || room_for_links(&r, doc));
  for (ar_event ev; !rc && (ev = ar_iter_next(it)) != AR_EVENT_DONE;)
    rc = block_event(&r, it, ar_iter_node(it), ev);
  ar_iter_free(it);
  rc = rc || r.oom;
  if (r.oom)
    ar_error_set(err, "out of memory");
  renderer_free(&r);
  return rc ? -1 : 0;
}

/* ---- the descriptor ----------------------------------------------------------------------- */

static void *create(const ar_options *opts, ar_error *err) {
  long width = DEFAULT_WIDTH;
  int ascii = 0;
  if (ar_options_get_long(opts, "width", MIN_WIDTH, MAX_WIDTH, &width, err) ||
      ar_options_get_bool(opts, "ascii", &ascii, err))
    return NULL;
  text_state *st = malloc(sizeof *st);
  if (!st) {
    ar_error_set(err, "out of memory");
    return NULL;
  }
  st->width = (size_t)width;
  st->ascii = ascii;
  return st;
}

static void destroy(void *state) { free(state); }

static const ar_plugin_option options[] = {
    {"width", "N", "wrap lines at N columns, 20 to 1000 (default 72)"},
    {"ascii", "true|false",
     "pure ASCII: +-| boxes, # bars, accents dropped, other non-ASCII letters as '?'"},
    {NULL, NULL, NULL},
};

/* "libunistring 1.0": the library linked, from its _libunistring_version. */
static const char *library_name(char *buf, size_t size) {
  int v = _libunistring_version;
  if (v < 0x000100) /* 0.9.3 and older said 0x000009 */
    snprintf(buf, size, "libunistring 0.%d", v & 0xff);
  else
    snprintf(buf, size, "libunistring %d.%d", (v >> 16) & 0xff, (v >> 8) & 0xff);
  return buf;
}

AR_PLUGIN_DEFINE {
  /* Written once with the same bytes on every call; read-only otherwise. */
  static char library[32];
  static ar_plugin descriptor = {
      .abi_major = AR_PLUGIN_ABI_MAJOR,
      .abi_minor = AR_PLUGIN_ABI_MINOR,
      .struct_size = sizeof(ar_plugin),
      .name = "text",
      .version = PACKAGE_VERSION,
      .summary = "plain text, UTF-8 or ASCII, wrapped at 72 columns",
      .extension = "txt",
      .media_type = "text/plain; charset=utf-8",
      .binary = 0,
      .library = NULL,
      .options = options,
      .create = create,
      .render = render,
      .destroy = destroy,
  };
  if (!descriptor.library)
    descriptor.library = library_name(library, sizeof library);
  return &descriptor;
}
