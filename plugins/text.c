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
#include <stdint.h>
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
#define PREFIX_SIZE 32 /* bytes of a frame's prefix, NUL included */
#define OUTPUT_CHUNK 65536

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

/* A table or the key figures, measured and laid out. */
typedef struct {
  size_t nrows, ncols;
  char **cell; /* nrows * ncols, NULL: empty; into text once all are read */
  size_t *at;  /* where each cell is in text, NO_CELL: empty */
  tw_buf text; /* the cells' text, each NUL-terminated */
  int *header;
  size_t *nat, *min, *floor, *w;
  int *whole; /* a column whose body cells are not to be broken (numbers) */
  tw_align *align;
  size_t *row_start; /* nrows + 1: where each row's lines start (grid_lines()) */
  const char **brk;  /* nrows * ncols: the break opportunities of each cell, or NULL */
  char *breaks;      /* the break opportunities, as text holds the cells */
  size_t breaks_room;
  char *block;       /* the memory of the arrays, kept from grid to grid */
  size_t room;       /* its size */
} grid;

/* What the blocks around the current one put before its lines. */
typedef struct {
  ar_node_type type;
  char first[PREFIX_SIZE]; /* prefix of the block's first line */
  char rest[PREFIX_SIZE];  /* prefix of its other lines */
  int used;                /* first was written */
  int numbered;            /* LIST: numbered */
  long next;               /* LIST: the next item's number */
  size_t marker_width;     /* LIST: width of its items' markers */
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
  size_t written; /* lines written so far */
  int oom;
  /* Scratch, kept from block to block: */
  tw_buf output;            /* lines written, not yet passed on to the sink */
  tw_buf first, rest;       /* the prefixes of a block */
  tw_buf wfirst, wrest;     /* the prefixes write_wrapped() wraps with */
  tw_buf tmp, hang;         /* strings put together */
  tw_builder clean;         /* what write_text() and note_entry() write */
  tw_builder label;         /* a string cleaned: a title, heading, label */
  tw_builder cell;          /* a cell's text */
  tw_lines wrapped;         /* the lines of write_wrapped() */
  tw_lines block;           /* the lines of a heading, table, box or chart */
  tw_lines sub;             /* a part of block: a box's rows, a bar's label */
  tw_lines rows;            /* the rows of a grid */
  tw_scratch sc;            /* for wrapping and measuring */
  grid grid;                /* the table or key figures being laid out */
} renderer;

/* Records an out-of-memory failure (rc -1) and passes rc on. */
static int mem(renderer *r, int rc) {
  if (rc)
    r->oom = 1;
  return rc ? -1 : 0;
}

static size_t max_z(size_t a, size_t b) { return a > b ? a : b; }

/* ---- prefixes and output ------------------------------------------------------------ */

/* Copies prefix to a frame's, cut to its room as snprintf() would. */
static void copy_prefix(char to[PREFIX_SIZE], const char *prefix) {
  size_t n = strnlen(prefix, PREFIX_SIZE - 1);
  memcpy(to, prefix, n);
  to[n] = '\0';
}

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
  copy_prefix(f->first, first);
  copy_prefix(f->rest, rest);
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

/* Passes the lines written so far on to the sink. */
static int flush(renderer *r) {
  int rc = r->output.len ? ar_sink_write(r->out, r->output.data, r->output.len) : 0;
  tw_buf_clear(&r->output);
  return rc;
}

/* Writes prefix and text as one line, without trailing spaces. Lines go
 * to the sink OUTPUT_CHUNK bytes or so at a time. */
static int write_line(renderer *r, const char *prefix, const char *text) {
  tw_buf *b = &r->output; /* empty or ending a line: trimming stops there */
  if (mem(r, tw_buf_puts(b, prefix) || tw_buf_puts(b, text)))
    return -1;
  tw_buf_rtrim(b);
  if (mem(r, tw_buf_add(b, "\n", 1)))
    return -1;
  r->written++;
  return b->len >= OUTPUT_CHUNK ? flush(r) : 0;
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

/* Writes text as a block of one line. */
static int write_one(renderer *r, const char *text) {
  if (begin_block(r) || prefixes(r) || write_line(r, tw_buf_str(&r->first), text))
    return -1;
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
  tw_buf_clear(&r->wfirst);
  tw_buf_clear(&r->wrest);
  tw_lines_clear(&r->wrapped);
  int rc = mem(r, tw_buf_puts(&r->wfirst, tw_buf_str(&r->first)) ||
                      tw_buf_puts(&r->wfirst, first) ||
                      tw_buf_puts(&r->wrest, tw_buf_str(&r->rest)) ||
                      tw_buf_puts(&r->wrest, rest) ||
                      tw_wrap_with(&r->sc, s, n, r->st->width, tw_buf_str(&r->wfirst),
                                   tw_buf_str(&r->wrest), &r->wrapped));
  return rc || write_block(r, &r->wrapped, 1);
}

/* s cleaned as one line of the tree's text (tw_clean()), in b: b's text,
 * or NULL when out of memory. */
static const char *clean_text(renderer *r, tw_builder *b, const char *s, size_t *len) {
  tw_builder_clear(b);
  if (mem(r, tw_append(b, s ? s : "", TW_TEXT)))
    return NULL;
  return tw_builder_text(b, len);
}

/* Cleans s (one line of the tree's text) and writes it wrapped. */
static int write_text(renderer *r, const char *s, const char *first, const char *rest) {
  if (!s || !*s)
    return 0;
  size_t n;
  const char *clean = clean_text(r, &r->clean, s, &n);
  return clean ? write_wrapped(r, clean, n, first, rest) : -1;
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

/* The text of an inline container (a cell), made in b: b's text, or NULL
 * when out of memory. */
static const char *inline_text(renderer *r, tw_builder *b, const ar_node *container,
                               size_t *len) {
  tw_builder_clear(b);
  ar_iter *it = ar_iter_new(container);
  int rc = it ? 0 : -1;
  for (ar_event ev; !rc && it && (ev = ar_iter_next(it)) != AR_EVENT_DONE;)
    if (ar_iter_node(it) != container)
      rc = inline_event(r, b, ar_iter_node(it), ev);
  ar_iter_free(it);
  if (rc) {
    r->oom = 1;
    return NULL;
  }
  return tw_builder_text(b, len);
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
  const char *clean = clean_text(r, &r->label, s, NULL);
  if (!clean)
    return -1;
  if (!*clean)
    return 0;
  size_t w = tw_strwidth(clean), width = r->st->width;
  if (w >= width)
    return write_text(r, clean, "", "");
  tw_buf_clear(&r->tmp);
  if (mem(r, tw_buf_repeat(&r->tmp, " ", (width - w) / 2) || tw_buf_puts(&r->tmp, clean)))
    return -1;
  return write_one(r, tw_buf_str(&r->tmp));
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
  const char *clean = clean_text(r, &r->label, title, NULL);
  tw_lines *lines = &r->block;
  tw_lines_clear(lines);
  tw_buf *b = &r->tmp, *hang = &r->hang;
  tw_buf_clear(b);
  tw_buf_clear(hang);
  int rc = !clean || mem(r, tw_buf_repeat(hang, " ", tw_strwidth(number)));
  rc = rc || mem(r, tw_buf_puts(b, number) || tw_buf_puts(b, clean) ||
                        tw_wrap_with(&r->sc, tw_buf_str(b), b->len, content_width(r), "",
                                     tw_buf_str(hang), lines));
  size_t widest = 0;
  for (size_t i = 0; !rc && i < lines->n; i++)
    widest = max_z(widest, tw_strwidth(lines->line[i]));
  tw_buf_clear(b);
  rc = rc || (lines->n && mem(r, tw_buf_repeat(b, c, widest) ||
                                     tw_lines_add(lines, tw_buf_str(b), b->len)));
  return rc || write_block(r, lines, 0) ? -1 : 0;
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
  tw_builder *b = &r->clean;
  tw_builder_clear(b);
  int rc = mem(r, tw_append(b, text, TW_TEXT) ||
                      (url && (tw_append(b, " <", TW_TEXT) || tw_append(b, url, TW_TEXT) ||
                               tw_append(b, ">", TW_TEXT))));
  size_t n;
  const char *s = tw_builder_text(b, &n);
  rc = rc || write_wrapped(r, s, n, first, rest);
  r->blank = 0;
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
  if (f && f->type == AR_NODE_ITEM && !f->used) /* an empty item: its marker */
    rc = write_one(r, "");
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
    tw_buf *b = &r->tmp;
    tw_buf_clear(b);
    rc = mem(r, tw_buf_puts(b, r->g->dash) || tw_buf_puts(b, who));
    r->blank = 0;
    rc = rc || write_text(r, tw_buf_str(b), "", "");
  }
  r->depth -= r->depth > 0;
  r->blank = 1;
  return rc;
}

/* ---- tables --------------------------------------------------------------------------- */

#define NO_CELL ((size_t)-1)

/* Places an array of n elements of size bytes in a block, at the first
 * offset from at aligned for it, stored in *offset; returns the offset
 * after the array, SIZE_MAX when the block would be too large. */
static size_t place(size_t at, size_t n, size_t size, size_t *offset) {
  size_t align = size < sizeof(size_t) ? size : sizeof(size_t);
  *offset = 0;
  if (at > SIZE_MAX / 2)
    return SIZE_MAX;
  at = (at + align - 1) / align * align;
  *offset = at;
  return n > (SIZE_MAX / 2 - at) / size ? SIZE_MAX : at + n * size;
}

static void grid_free(grid *g) {
  free(g->block);
  free(g->breaks);
  tw_buf_free(&g->text);
}

/* Makes g an empty grid of nrows by ncols, in the memory of the grid before. */
static int grid_alloc(grid *g, size_t nrows, size_t ncols) {
  g->nrows = g->ncols = 0;
  tw_buf_clear(&g->text);
  size_t cells = nrows && ncols > SIZE_MAX / 2 / nrows ? SIZE_MAX / 2 : nrows * ncols;
  size_t o_cell, o_at, o_brk, o_row, o_nat, o_min, o_floor, o_w, o_header, o_whole, o_align;
  size_t end;
  cells = cells ? cells : 1;
  size_t rows = nrows ? nrows : 1, cols = ncols ? ncols : 1;
  end = place(0, cells, sizeof *g->cell, &o_cell);
  end = place(end, cells, sizeof *g->at, &o_at);
  end = place(end, cells, sizeof *g->brk, &o_brk);
  end = place(end, rows + 1, sizeof *g->row_start, &o_row);
  end = place(end, cols, sizeof *g->nat, &o_nat);
  end = place(end, cols, sizeof *g->min, &o_min);
  end = place(end, cols, sizeof *g->floor, &o_floor);
  end = place(end, cols, sizeof *g->w, &o_w);
  end = place(end, rows, sizeof *g->header, &o_header);
  end = place(end, cols, sizeof *g->whole, &o_whole);
  end = place(end, cols, sizeof *g->align, &o_align);
  if (end == SIZE_MAX)
    return -1;
  if (end > g->room) {
    char *block = malloc(end);
    if (!block)
      return -1;
    free(g->block);
    g->block = block;
    g->room = end;
  }
  char *block = g->block;
  memset(block, 0, end);
  g->nrows = nrows;
  g->ncols = ncols;
  g->cell = (char **)(void *)(block + o_cell);
  g->at = (size_t *)(void *)(block + o_at);
  g->brk = (const char **)(void *)(block + o_brk);
  g->row_start = (size_t *)(void *)(block + o_row);
  g->nat = (size_t *)(void *)(block + o_nat);
  g->min = (size_t *)(void *)(block + o_min);
  g->floor = (size_t *)(void *)(block + o_floor);
  g->w = (size_t *)(void *)(block + o_w);
  g->header = (int *)(void *)(block + o_header);
  g->whole = (int *)(void *)(block + o_whole);
  g->align = (tw_align *)(void *)(block + o_align);
  for (size_t i = 0; i < cells; i++)
    g->at[i] = NO_CELL;
  return 0;
}

/* Adds s[0..n-1] as cell i. */
static int grid_set(grid *g, size_t i, const char *s, size_t n) {
  g->at[i] = g->text.len;
  return tw_buf_add(&g->text, s, n) || tw_buf_add(&g->text, "", 1) ? -1 : 0;
}

/* Points the cells into the text once all are read. */
static void grid_done(grid *g) {
  for (size_t i = 0; i < g->nrows * g->ncols; i++)
    g->cell[i] = g->at[i] == NO_CELL ? NULL : g->text.data + g->at[i];
}

/* Finds the break opportunities of the cells, for their minimum widths and
 * then their wrapping. */
static int grid_breaks(grid *g) {
  if (g->text.len > g->breaks_room) {
    char *grown = malloc(g->text.len);
    if (!grown)
      return -1;
    free(g->breaks);
    g->breaks = grown;
    g->breaks_room = g->text.len;
  }
  for (size_t i = 0; i < g->nrows * g->ncols; i++)
    if (g->cell[i]) {
      tw_line_breaks(g->cell[i], strlen(g->cell[i]), g->breaks + g->at[i]);
      g->brk[i] = g->breaks + g->at[i];
    }
  return 0;
}

/* Measures the cells and fits the columns into avail columns. The columns
 * keep their natural widths when these fit: their minimum widths, never
 * wider, are then not needed. */
static int grid_fit(renderer *r, grid *g, size_t avail) {
  size_t gaps = (g->ncols - 1) * strlen(GAP), room = avail > gaps ? avail - gaps : g->ncols;
  for (size_t i = 0; i < g->nrows * g->ncols; i++) {
    const char *s = g->cell[i] ? g->cell[i] : "";
    size_t c = i % g->ncols;
    g->nat[c] = max_z(g->nat[c], tw_natural_width(s, strlen(s)));
  }
  size_t total = 0;
  for (size_t c = 0; c < g->ncols; c++)
    total += g->nat[c] ? g->nat[c] : 1;
  if (total > room && mem(r, grid_breaks(g)))
    return -1;
  for (size_t i = 0; total > room && i < g->nrows * g->ncols; i++) {
    const char *s = g->cell[i] ? g->cell[i] : "";
    size_t c = i % g->ncols, min = tw_min_width_of(s, strlen(s), g->brk[i]);
    g->min[c] = max_z(g->min[c], min);
    if (g->whole[c] && !g->header[i / g->ncols])
      g->floor[c] = max_z(g->floor[c], min);
  }
  tw_fit_columns(g->ncols, g->nat, g->min, g->floor, room, g->w);
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
    for (const ar_node *cell = ar_node_first_child(row); cell; cell = ar_node_next(cell), c++) {
      size_t len;
      const char *text = inline_text(r, &r->cell, cell, &len);
      if (!text || mem(r, grid_set(g, i * ncols + c, text, len)))
        return -1;
    }
  }
  grid_done(g);
  for (size_t c = 0; c < ncols; c++) {
    g->align[c] = table_align(table, c);
    g->whole[c] = ar_table_column_is_numeric(table, c);
  }
  return 0;
}

/* The rule under header rows: one run per column. */
static int rule_line(renderer *r, const grid *g, tw_lines *out) {
  tw_buf *b = &r->tmp;
  tw_buf_clear(b);
  int rc = 0;
  for (size_t c = 0; !rc && c < g->ncols; c++)
    rc = (c > 0 && tw_buf_puts(b, GAP)) || tw_buf_repeat(b, r->g->rule, g->w[c]);
  rc = rc || tw_lines_add(out, tw_buf_str(b), b->len);
  return rc ? -1 : 0;
}

/* Lays the rows out, after what out holds; when a body row takes several
 * lines, blank lines separate the body rows. */
static int grid_lines(renderer *r, grid *g, tw_lines *out) {
  tw_lines *rows = &r->rows;
  tw_lines_clear(rows);
  int rc = 0, multiline = 0;
  for (size_t i = 0; !rc && i < g->nrows; i++) {
    g->row_start[i] = rows->n;
    rc = tw_grid_row_with(&r->sc, rows, g->ncols, (const char *const *)g->cell + i * g->ncols,
                          g->brk + i * g->ncols, g->w, g->align, GAP);
    multiline |= !g->header[i] && rows->n - g->row_start[i] > 1;
  }
  g->row_start[g->nrows] = rows->n;
  for (size_t i = 0; !rc && i < g->nrows; i++) {
    if (multiline && i > 0 && !g->header[i] && !g->header[i - 1])
      rc = tw_lines_add(out, "", 0);
    for (size_t k = g->row_start[i]; !rc && k < g->row_start[i + 1]; k++)
      rc = tw_lines_add(out, rows->line[k], strlen(rows->line[k]));
    if (!rc && g->header[i] && (i + 1 == g->nrows || !g->header[i + 1]))
      rc = rule_line(r, g, out);
  }
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
  grid *g = &r->grid;
  int rc = table_grid(r, t, g);
  if (!rc && g->ncols > 0) {
    tw_lines_clear(&r->block);
    size_t mark = r->written;
    rc = grid_fit(r, g, content_width(r)) || write_text(r, ar_table_caption(t), "", "");
    glue(r, mark);
    if (!rc && grid_too_narrow(g))
      rc = records(r, g);
    else
      rc = rc || grid_lines(r, g, &r->block) || write_block(r, &r->block, 0);
  }
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
    for (size_t c = 0; c < ncols; c++) {
      size_t len;
      const char *clean = field[c] ? clean_text(r, &r->label, field[c], &len) : NULL;
      if (field[c] && (!clean || mem(r, grid_set(g, i * ncols + c, clean, len))))
        return -1;
    }
  }
  grid_done(g);
  g->align[0] = TW_LEFT;
  g->align[1] = TW_RIGHT;
  g->whole[1] = 1;
  g->align[ncols - 1] = ncols == 3 ? TW_LEFT : TW_RIGHT;
  return 0;
}

/* Frames lines (each padded to inner columns) with a box. */
static int boxed(renderer *r, const tw_lines *in, size_t inner, tw_lines *out) {
  const glyphs *gl = r->g;
  tw_buf *b = &r->tmp;
  tw_buf_clear(b);
  int rc = tw_buf_puts(b, gl->tl) || tw_buf_repeat(b, gl->h, inner + 2) ||
           tw_buf_puts(b, gl->tr) || tw_lines_add(out, b->data, b->len);
  for (size_t i = 0; !rc && i < in->n; i++) {
    tw_buf_clear(b);
    rc = tw_buf_puts(b, gl->v) || tw_buf_puts(b, " ") ||
         tw_pad(b, in->line[i], inner, TW_LEFT) || tw_buf_puts(b, " ") ||
         tw_buf_puts(b, gl->v) || tw_lines_add(out, b->data, b->len);
  }
  tw_buf_clear(b);
  rc = rc || tw_buf_puts(b, gl->bl) || tw_buf_repeat(b, gl->h, inner + 2) ||
       tw_buf_puts(b, gl->br) || tw_lines_add(out, b->data, b->len);
  return mem(r, rc ? -1 : 0);
}

/* A box with one row per figure: label, value, change. */
static int figures(renderer *r, const ar_node *figs) {
  grid *g = &r->grid;
  int rc = figures_grid(r, figs, g);
  if (!rc && g->nrows > 0) {
    size_t avail = content_width(r);
    tw_lines_clear(&r->sub);
    tw_lines_clear(&r->block);
    rc = grid_fit(r, g, avail > 4 ? avail - 4 : 1) || grid_lines(r, g, &r->sub) ||
         boxed(r, &r->sub, grid_width(g), &r->block) || write_block(r, &r->block, 0);
  }
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
      size_t len;
      const char *clean = clean_text(r, &r->label, row_label(c, l, s, i), &len);
      if (!clean)
        return -1;
      labels = max_z(labels, indent + tw_width(clean, len));
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
  size_t len;
  const char *label = clean_text(r, &r->label, row_label(c, l, s, i), &len);
  tw_lines *labels = &r->sub;
  tw_lines_clear(labels);
  tw_buf *b = &r->tmp;
  tw_buf_clear(b);
  double v = 0;
  int have = ar_chart_value(c, s, i, &v);
  int rc = !label || tw_wrap_with(&r->sc, label, len, l->label_width, pad, pad, labels) ||
           tw_pad(b, labels->n ? labels->line[0] : "", l->label_width, TW_LEFT) ||
           tw_buf_puts(b, " ");
  size_t before = b->len;
  rc = rc || (have && bar(r, b, v, l)) || tw_buf_puts(b, b->len > before ? " " : "") ||
       tw_buf_puts(b, value) || tw_lines_add(out, b->data, b->len);
  for (size_t k = 1; !rc && k < labels->n; k++)
    rc = tw_lines_add(out, labels->line[k], strlen(labels->line[k]));
  return mem(r, rc ? -1 : 0);
}

static int chart_lines(renderer *r, const ar_node *c, const chart_layout *l, tw_lines *out) {
  size_t avail = content_width(r);
  for (size_t i = 0; i < ar_chart_category_count(c); i++) {
    if (l->several) { /* the category over its series */
      size_t len;
      const char *cat = clean_text(r, &r->label, ar_chart_category(c, i), &len);
      if (!cat || mem(r, tw_wrap_with(&r->sc, cat, len, avail, "", "", out)))
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
  tw_buf *head = &r->hang;
  tw_buf_clear(head);
  int rc = mem(r, tw_buf_puts(head, title ? title : "") ||
                      (unit && *unit && (tw_buf_puts(head, " (") || tw_buf_puts(head, unit) ||
                                         tw_buf_puts(head, ")"))));
  size_t mark = r->written;
  rc = rc || write_text(r, tw_buf_str(head), "", "");
  glue(r, mark);
  chart_layout l = {0};
  tw_lines_clear(&r->block);
  rc = rc || chart_layout_of(r, c, &l) || chart_lines(r, c, &l, &r->block) ||
       write_block(r, &r->block, 0);
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
  tw_builder_init(&r->clean, st->ascii);
  tw_builder_init(&r->label, st->ascii);
  tw_builder_init(&r->cell, st->ascii);
  tw_buf *bufs[] = {&r->output, &r->first, &r->rest, &r->wfirst, &r->wrest, &r->tmp, &r->hang};
  for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
    tw_buf_init(bufs[i]);
  tw_lines *lists[] = {&r->wrapped, &r->block, &r->sub, &r->rows};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    tw_lines_init(lists[i]);
  tw_scratch_init(&r->sc);
}

static void keep(void *key) { (void)key; }

static void renderer_free(renderer *r) {
  tdestroy(r->url_tree, keep); /* the keys are r->urls' */
  free(r->frames);
  free(r->urls);
  tw_builder_free(&r->para);
  tw_builder_free(&r->clean);
  tw_builder_free(&r->label);
  tw_builder_free(&r->cell);
  tw_buf *bufs[] = {&r->output, &r->first, &r->rest, &r->wfirst, &r->wrest, &r->tmp, &r->hang};
  for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
    tw_buf_free(bufs[i]);
  tw_lines *lists[] = {&r->wrapped, &r->block, &r->sub, &r->rows};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    tw_lines_free(lists[i]);
  tw_scratch_free(&r->sc);
  grid_free(&r->grid);
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
  rc = flush(&r) || rc || r.oom;
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
