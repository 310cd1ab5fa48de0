#include "config.h"

#include <math.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/document.h"
#include "alliance-report/layout.h"

typedef struct {
  char *id, *text, *url;
} reference;

/* A reference's place, in the tsearch() tree of a document's references
 * by id. */
typedef struct {
  const char *id; /* the reference's */
  size_t index;
} reference_key;

static int by_id(const void *a, const void *b) {
  return strcmp(((const reference_key *)a)->id, ((const reference_key *)b)->id);
}

/* Every key of ar_word: its name in brief XML, its English word, and its
 * placeholders. The English words are the one fallback for briefs that do
 * not word themselves. */
static const struct {
  const char *name, *english, *placeholders;
} words[] = {
    [AR_WORD_CONTENTS] = {"contents", "Contents", ""},
    [AR_WORD_NOTES] = {"notes", "Notes", ""},
    [AR_WORD_PAGE] = {"page", "Page {page} of {pages}", "page pages"},
    [AR_WORD_NO_DATA] = {"no-data", "no data", ""},
    [AR_WORD_CHART_DATA] = {"chart-data", "The chart’s data", ""},
    [AR_WORD_SKIP_LINK] = {"skip-link", "Skip to the brief", ""},
    [AR_WORD_CITATION] = {"citation", "source {source}", "source"},
    [AR_WORD_BACK_TO_TEXT] = {"back-to-text", "back to the text citing source {source}", "source"},
    [AR_WORD_BACK_TO_CITATION] = {"back-to-citation", "back to citation {citation}", "citation"},
    [AR_WORD_TABLE_LABEL] = {"table-label", "Table {table}", "table"},
    [AR_WORD_BAR_CHART] = {"bar-chart", "Bar chart", ""},
    [AR_WORD_LINE_CHART] = {"line-chart", "Line chart", ""},
    [AR_WORD_CHART_UNIT] = {"chart-unit", "values in {unit}", "unit"},
    [AR_WORD_CHART_SIZE] = {"chart-size", "{categories} categories", "categories"},
    [AR_WORD_CHART_SIZE_SERIES] = {"chart-size-series", "{categories} categories and {series} series",
                                   "categories series"},
    [AR_WORD_CHART_RANGE] = {"chart-range", "from {min} to {max}", "min max"},
    [AR_WORD_CHART_TABLE] = {"chart-table", "The table after the chart lists every value.", ""},
    [AR_WORD_COLOPHON] = {"colophon", "Made with {generator}.", "generator"},
    [AR_WORD_KEYWORDS] = {"keywords", "Global Alliance against child sexual abuse online", ""},
    [AR_WORD_MONTHS] = {"months",
                        "January, February, March, April, May, June, July, August, "
                        "September, October, November, December",
                        ""},
    [AR_WORD_LONG_DATE] = {"long-date", "{day} {month} {year}", "day month year"},
};
#define NWORDS (sizeof words / sizeof *words)

typedef struct {
  char *name;
  double *values; /* NAN: missing */
} series;

struct ar_node {
  ar_node_type type;
  ar_node *parent, *first, *last, *prev, *next;
  union {
    struct {
      char *title, *subtitle, *date, *language, *author, *publisher, *marking, *kind, *subject;
      reference *refs;
      size_t nrefs;
      void *ref_tree; /* reference_key, by id */
      size_t *cited; /* reference index of citation number n+1 */
      size_t ncited;
      char *words[NWORDS]; /* NULL: the English word */
    } doc;
    struct {
      int level;
      char *id, *title, *number;
    } section;
    struct {
      int numbered, start;
    } list;
    struct {
      char *caption;
      ar_align *align;
      int *numeric;
      size_t ncolumns;
    } table;
    struct {
      int header;
    } row;
    struct {
      char *label, *value, *change;
    } figure;
    struct {
      ar_chart_kind kind;
      char *title, *unit;
      char **categories;
      size_t ncategories;
      series *series;
      size_t nseries;
    } chart;
    struct {
      char *title;
    } note;
    struct {
      char *attribution;
    } quote;
    struct {
      char *literal;
    } text;
    struct {
      char *url;
    } link;
    struct {
      char *ref;
      size_t number;
    } cite;
  } as;
};

static const char *const type_names[] = {
    [AR_NODE_NONE] = "none",       [AR_NODE_DOCUMENT] = "brief",
    [AR_NODE_SECTION] = "section", [AR_NODE_PARAGRAPH] = "p",
    [AR_NODE_LIST] = "list",       [AR_NODE_ITEM] = "item",
    [AR_NODE_TABLE] = "table",     [AR_NODE_ROW] = "row",
    [AR_NODE_CELL] = "cell",       [AR_NODE_FIGURES] = "figures",
    [AR_NODE_FIGURE] = "figure",   [AR_NODE_CHART] = "chart",
    [AR_NODE_NOTE] = "note",       [AR_NODE_QUOTE] = "quote",
    [AR_NODE_TEXT] = "text",       [AR_NODE_EMPH] = "em",
    [AR_NODE_STRONG] = "strong",   [AR_NODE_LINK] = "link",
    [AR_NODE_CITE] = "cite",       [AR_NODE_BREAK] = "br",
};

static int valid_type(ar_node_type t) {
  return t > AR_NODE_NONE && t <= AR_NODE_LAST_INLINE;
}

#define IS(node, t) ((node) && (node)->type == (t))

/* ---- any node -------------------------------------------------------------- */

ar_node_type ar_node_get_type(const ar_node *n) { return n ? n->type : AR_NODE_NONE; }

const char *ar_node_type_name(ar_node_type t) {
  return valid_type(t) ? type_names[t] : "none";
}

int ar_node_type_is_leaf(ar_node_type t) {
  return t == AR_NODE_FIGURE || t == AR_NODE_CHART || t == AR_NODE_TEXT ||
         t == AR_NODE_CITE || t == AR_NODE_BREAK;
}

int ar_node_is_block(const ar_node *n) {
  return n && n->type >= AR_NODE_FIRST_BLOCK && n->type <= AR_NODE_LAST_BLOCK;
}

int ar_node_is_inline(const ar_node *n) {
  return n && n->type >= AR_NODE_FIRST_INLINE && n->type <= AR_NODE_LAST_INLINE;
}

const ar_node *ar_node_parent(const ar_node *n) { return n ? n->parent : NULL; }
const ar_node *ar_node_first_child(const ar_node *n) { return n ? n->first : NULL; }
const ar_node *ar_node_last_child(const ar_node *n) { return n ? n->last : NULL; }
const ar_node *ar_node_next(const ar_node *n) { return n ? n->next : NULL; }
const ar_node *ar_node_previous(const ar_node *n) { return n ? n->prev : NULL; }

const ar_node *ar_node_document(const ar_node *n) {
  while (n && n->parent)
    n = n->parent;
  return IS(n, AR_NODE_DOCUMENT) ? n : NULL;
}

typedef struct {
  char *buf;
  size_t len, cap;
  int failed;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n) {
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *grown = realloc(b->buf, cap);
    if (!grown) {
      b->failed = 1;
      return;
    }
    b->buf = grown;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, s, n);
  b->len += n;
  b->buf[b->len] = '\0';
}

static void plain_text(const ar_node *n, strbuf *b) {
  if (IS(n, AR_NODE_TEXT) && n->as.text.literal)
    sb_add(b, n->as.text.literal, strlen(n->as.text.literal));
  else if (IS(n, AR_NODE_BREAK))
    sb_add(b, " ", 1);
  for (const ar_node *c = n->first; c; c = c->next)
    plain_text(c, b);
}

char *ar_node_plain_text(const ar_node *n) {
  strbuf b = {0};
  sb_add(&b, "", 0);
  if (n)
    plain_text(n, &b);
  if (b.failed) {
    free(b.buf);
    return NULL;
  }
  return b.buf;
}

/* ---- DOCUMENT ------------------------------------------------------------------ */

#define DOC_FIELD(fn, field)                                                  \
  const char *fn(const ar_node *doc) {                                         \
    return IS(doc, AR_NODE_DOCUMENT) ? doc->as.doc.field : NULL;               \
  }
DOC_FIELD(ar_document_title, title)
DOC_FIELD(ar_document_subtitle, subtitle)
DOC_FIELD(ar_document_date, date)
DOC_FIELD(ar_document_language, language)
DOC_FIELD(ar_document_author, author)
DOC_FIELD(ar_document_publisher, publisher)
DOC_FIELD(ar_document_marking, marking)
DOC_FIELD(ar_document_kind, kind)
DOC_FIELD(ar_document_subject, subject)

size_t ar_document_reference_count(const ar_node *doc) {
  return IS(doc, AR_NODE_DOCUMENT) ? doc->as.doc.nrefs : 0;
}

static const reference *ref_at(const ar_node *doc, size_t i) {
  return IS(doc, AR_NODE_DOCUMENT) && i < doc->as.doc.nrefs ? &doc->as.doc.refs[i] : NULL;
}

const char *ar_document_reference_id(const ar_node *doc, size_t i) {
  const reference *r = ref_at(doc, i);
  return r ? r->id : NULL;
}
const char *ar_document_reference_text(const ar_node *doc, size_t i) {
  const reference *r = ref_at(doc, i);
  return r ? r->text : NULL;
}
const char *ar_document_reference_url(const ar_node *doc, size_t i) {
  const reference *r = ref_at(doc, i);
  return r ? r->url : NULL;
}

size_t ar_document_cited_count(const ar_node *doc) {
  return IS(doc, AR_NODE_DOCUMENT) ? doc->as.doc.ncited : 0;
}

size_t ar_document_cited_reference(const ar_node *doc, size_t n) {
  if (!IS(doc, AR_NODE_DOCUMENT) || n == 0 || n > doc->as.doc.ncited)
    return (size_t)-1;
  return doc->as.doc.cited[n - 1];
}

/* ---- DOCUMENT: wording ------------------------------------------------------- */

static int known_word(ar_word key) { return (unsigned)key < NWORDS; }

const char *ar_document_word_given(const ar_node *doc, ar_word key) {
  return IS(doc, AR_NODE_DOCUMENT) && known_word(key) ? doc->as.doc.words[key] : NULL;
}

const char *ar_document_word(const ar_node *doc, ar_word key) {
  const char *given = ar_document_word_given(doc, key);
  return given ? given : known_word(key) ? words[key].english : "";
}

const char *ar_document_word_name(ar_word key) {
  return known_word(key) ? words[key].name : NULL;
}

int ar_document_word_key(const char *name, ar_word *key) {
  for (size_t k = 0; name && k < NWORDS; k++)
    if (strcmp(words[k].name, name) == 0) {
      if (key)
        *key = (ar_word)k;
      return 1;
    }
  return 0;
}

const char *ar_document_word_placeholders(ar_word key) {
  return known_word(key) ? words[key].placeholders : NULL;
}

/* The length of the first name in the space-separated list at *list, which
 * moves past it; 0 at the end. */
static size_t next_name(const char **list) {
  while (**list == ' ')
    (*list)++;
  size_t len = strcspn(*list, " ");
  *list += len;
  return len;
}

/* Tells whether the list of names holds the name [name, name + len). */
static int list_has(const char *list, const char *name, size_t len) {
  for (size_t n; (n = next_name(&list)) > 0;)
    if (n == len && strncmp(list - n, name, len) == 0)
      return 1;
  return 0;
}

/* "it takes {a} and {b}" / "it takes none" into buf. */
static void takes(const char *list, char *buf, size_t n) {
  size_t total = 0, i = 0, o = 0;
  for (const char *p = list; next_name(&p) > 0;)
    total++;
  o += (size_t)snprintf(buf, n, "it takes %s", total ? "" : "none");
  for (size_t len; o < n && (len = next_name(&list)) > 0; i++)
    o += (size_t)snprintf(buf + o, n - o, "%s{%.*s}", i == 0 ? "" : i + 1 < total ? ", " : " and ",
                          (int)len, list - len);
}

/* Twelve names, none empty, separated by commas. */
static int month_names_ok(const char *value) {
  size_t commas = 0;
  for (const char *p = value; *p; p++)
    commas += *p == ',';
  const char *name;
  for (int m = 1; commas == 11 && m <= 12; m++)
    if (ar_layout_month_name(value, m, &name) == 0)
      return 0;
  return commas == 11;
}

int ar_document_word_check(ar_word key, const char *value, char *why, size_t n) {
  char what[256], list[160] = "";
  size_t len;
  what[0] = '\0';
  if (!known_word(key)) {
    snprintf(what, sizeof what, "is not a word this version knows");
  } else if (!value || !*value) {
    snprintf(what, sizeof what, "is empty");
  } else if (key == AR_WORD_MONTHS && !month_names_ok(value)) {
    snprintf(what, sizeof what, "must name the twelve months, separated by commas");
  } else {
    const char *want = words[key].placeholders;
    takes(want, list, sizeof list);
    for (const char *p = value; !what[0] && *p; p += len) {
      p += ar_layout_placeholder(p, &len);
      if (len && !list_has(want, p + 1, len - 2))
        snprintf(what, sizeof what, "has the placeholder %.*s, which it does not take (%s)",
                 (int)len, p, list);
    }
    for (const char *p = want; !what[0] && (len = next_name(&p)) > 0;) {
      char ph[40];
      snprintf(ph, sizeof ph, "{%.*s}", (int)len, p - len);
      if (!strstr(value, ph))
        snprintf(what, sizeof what, "lacks the placeholder %s (%s)", ph, list);
    }
  }
  if (what[0] && why && n)
    snprintf(why, n, "%s", what);
  return !what[0];
}

/* ---- SECTION, LIST, TABLE ------------------------------------------------------- */

int ar_section_level(const ar_node *s) { return IS(s, AR_NODE_SECTION) ? s->as.section.level : 0; }
const char *ar_section_id(const ar_node *s) {
  return IS(s, AR_NODE_SECTION) ? (s->as.section.id ? s->as.section.id : "") : NULL;
}
const char *ar_section_title(const ar_node *s) {
  return IS(s, AR_NODE_SECTION) ? s->as.section.title : NULL;
}
const char *ar_section_number(const ar_node *s) {
  return IS(s, AR_NODE_SECTION) ? (s->as.section.number ? s->as.section.number : "") : NULL;
}

int ar_list_is_numbered(const ar_node *l) { return IS(l, AR_NODE_LIST) && l->as.list.numbered; }
int ar_list_start(const ar_node *l) { return IS(l, AR_NODE_LIST) ? l->as.list.start : 0; }

const char *ar_table_caption(const ar_node *t) {
  return IS(t, AR_NODE_TABLE) ? t->as.table.caption : NULL;
}
size_t ar_table_column_count(const ar_node *t) {
  return IS(t, AR_NODE_TABLE) ? t->as.table.ncolumns : 0;
}
ar_align ar_table_column_align(const ar_node *t, size_t c) {
  return IS(t, AR_NODE_TABLE) && c < t->as.table.ncolumns ? t->as.table.align[c] : AR_ALIGN_LEFT;
}
int ar_table_column_is_numeric(const ar_node *t, size_t c) {
  return IS(t, AR_NODE_TABLE) && c < t->as.table.ncolumns && t->as.table.numeric[c];
}
size_t ar_table_header_row_count(const ar_node *t) {
  size_t n = 0;
  for (const ar_node *r = IS(t, AR_NODE_TABLE) ? t->first : NULL; r; r = r->next)
    n += r->as.row.header != 0;
  return n;
}
int ar_row_is_header(const ar_node *r) { return IS(r, AR_NODE_ROW) && r->as.row.header; }

/* ---- FIGURE, CHART, NOTE, QUOTE, inlines --------------------------------------- */

const char *ar_figure_label(const ar_node *f) { return IS(f, AR_NODE_FIGURE) ? f->as.figure.label : NULL; }
const char *ar_figure_value(const ar_node *f) { return IS(f, AR_NODE_FIGURE) ? f->as.figure.value : NULL; }
const char *ar_figure_change(const ar_node *f) { return IS(f, AR_NODE_FIGURE) ? f->as.figure.change : NULL; }

ar_chart_kind ar_chart_get_kind(const ar_node *c) { return IS(c, AR_NODE_CHART) ? c->as.chart.kind : AR_CHART_BAR; }
const char *ar_chart_title(const ar_node *c) { return IS(c, AR_NODE_CHART) ? c->as.chart.title : NULL; }
const char *ar_chart_unit(const ar_node *c) { return IS(c, AR_NODE_CHART) ? c->as.chart.unit : NULL; }
size_t ar_chart_category_count(const ar_node *c) { return IS(c, AR_NODE_CHART) ? c->as.chart.ncategories : 0; }
const char *ar_chart_category(const ar_node *c, size_t i) {
  return IS(c, AR_NODE_CHART) && i < c->as.chart.ncategories ? c->as.chart.categories[i] : NULL;
}
size_t ar_chart_series_count(const ar_node *c) { return IS(c, AR_NODE_CHART) ? c->as.chart.nseries : 0; }
const char *ar_chart_series_name(const ar_node *c, size_t s) {
  return IS(c, AR_NODE_CHART) && s < c->as.chart.nseries ? c->as.chart.series[s].name : NULL;
}
int ar_chart_value(const ar_node *c, size_t s, size_t i, double *value) {
  if (!IS(c, AR_NODE_CHART) || s >= c->as.chart.nseries || i >= c->as.chart.ncategories)
    return 0;
  double v = c->as.chart.series[s].values[i];
  if (isnan(v))
    return 0;
  if (value)
    *value = v;
  return 1;
}
void ar_chart_range(const ar_node *c, double *min, double *max) {
  int any = 0;
  double lo = 0, hi = 0, v;
  for (size_t s = 0; s < ar_chart_series_count(c); s++)
    for (size_t i = 0; i < ar_chart_category_count(c); i++)
      if (ar_chart_value(c, s, i, &v)) {
        lo = any && lo < v ? lo : v;
        hi = any && hi > v ? hi : v;
        any = 1;
      }
  if (min)
    *min = lo;
  if (max)
    *max = hi;
}

const char *ar_note_title(const ar_node *n) { return IS(n, AR_NODE_NOTE) ? n->as.note.title : NULL; }
const char *ar_quote_attribution(const ar_node *q) { return IS(q, AR_NODE_QUOTE) ? q->as.quote.attribution : NULL; }
const char *ar_text_literal(const ar_node *t) { return IS(t, AR_NODE_TEXT) ? (t->as.text.literal ? t->as.text.literal : "") : NULL; }
const char *ar_link_url(const ar_node *l) { return IS(l, AR_NODE_LINK) ? l->as.link.url : NULL; }
const char *ar_cite_reference_id(const ar_node *c) { return IS(c, AR_NODE_CITE) ? c->as.cite.ref : NULL; }
size_t ar_cite_number(const ar_node *c) { return IS(c, AR_NODE_CITE) ? c->as.cite.number : 0; }

/* ---- iteration -------------------------------------------------------------- */

struct ar_iter {
  const ar_node *root, *cur;
  ar_event ev;
  int skip; /* the next event is the EXIT of cur */
};

ar_iter *ar_iter_new(const ar_node *root) {
  ar_iter *it = calloc(1, sizeof *it);
  if (it) {
    it->root = root;
    it->ev = AR_EVENT_NONE;
  }
  return it;
}

void ar_iter_free(ar_iter *it) { free(it); }

ar_event ar_iter_next(ar_iter *it) {
  if (!it || !it->root || it->ev == AR_EVENT_DONE)
    return it ? (it->ev = AR_EVENT_DONE) : AR_EVENT_DONE;
  if (it->ev == AR_EVENT_NONE) {
    it->cur = it->root;
    return it->ev = AR_EVENT_ENTER;
  }
  const ar_node *n = it->cur;
  if (it->skip) {
    it->skip = 0;
    return it->ev = AR_EVENT_EXIT;
  }
  if (it->ev == AR_EVENT_ENTER && !ar_node_type_is_leaf(n->type)) {
    if (n->first) {
      it->cur = n->first;
      return it->ev = AR_EVENT_ENTER;
    }
    return it->ev = AR_EVENT_EXIT;
  }
  if (n == it->root) {
    it->cur = NULL;
    return it->ev = AR_EVENT_DONE;
  }
  if (n->next) {
    it->cur = n->next;
    return it->ev = AR_EVENT_ENTER;
  }
  it->cur = n->parent;
  return it->ev = AR_EVENT_EXIT;
}

const ar_node *ar_iter_node(const ar_iter *it) { return it ? it->cur : NULL; }
ar_event ar_iter_event(const ar_iter *it) { return it ? it->ev : AR_EVENT_NONE; }

void ar_iter_skip_children(ar_iter *it) {
  if (it && it->ev == AR_EVENT_ENTER && it->cur && !ar_node_type_is_leaf(it->cur->type))
    it->skip = 1;
}

/* ---- building -------------------------------------------------------------- */

ar_node *ar_node_new(ar_node_type type) {
  if (!valid_type(type))
    return NULL;
  ar_node *n = calloc(1, sizeof *n);
  if (!n)
    return NULL;
  n->type = type;
  if (type == AR_NODE_LIST)
    n->as.list.start = 1;
  return n;
}

static void free_fields(ar_node *n) {
  switch (n->type) {
  case AR_NODE_DOCUMENT:
    free(n->as.doc.title);
    free(n->as.doc.subtitle);
    free(n->as.doc.date);
    free(n->as.doc.language);
    free(n->as.doc.author);
    free(n->as.doc.publisher);
    free(n->as.doc.marking);
    free(n->as.doc.kind);
    free(n->as.doc.subject);
    for (size_t i = 0; i < n->as.doc.nrefs; i++) {
      free(n->as.doc.refs[i].id);
      free(n->as.doc.refs[i].text);
      free(n->as.doc.refs[i].url);
    }
    free(n->as.doc.refs);
    tdestroy(n->as.doc.ref_tree, free);
    free(n->as.doc.cited);
    for (size_t k = 0; k < NWORDS; k++)
      free(n->as.doc.words[k]);
    break;
  case AR_NODE_SECTION:
    free(n->as.section.id);
    free(n->as.section.title);
    free(n->as.section.number);
    break;
  case AR_NODE_TABLE:
    free(n->as.table.caption);
    free(n->as.table.align);
    free(n->as.table.numeric);
    break;
  case AR_NODE_FIGURE:
    free(n->as.figure.label);
    free(n->as.figure.value);
    free(n->as.figure.change);
    break;
  case AR_NODE_CHART:
    free(n->as.chart.title);
    free(n->as.chart.unit);
    for (size_t i = 0; i < n->as.chart.ncategories; i++)
      free(n->as.chart.categories[i]);
    free(n->as.chart.categories);
    for (size_t s = 0; s < n->as.chart.nseries; s++) {
      free(n->as.chart.series[s].name);
      free(n->as.chart.series[s].values);
    }
    free(n->as.chart.series);
    break;
  case AR_NODE_NOTE:
    free(n->as.note.title);
    break;
  case AR_NODE_QUOTE:
    free(n->as.quote.attribution);
    break;
  case AR_NODE_TEXT:
    free(n->as.text.literal);
    break;
  case AR_NODE_LINK:
    free(n->as.link.url);
    break;
  case AR_NODE_CITE:
    free(n->as.cite.ref);
    break;
  default:
    break;
  }
}

void ar_node_free(ar_node *n) {
  if (!n)
    return;
  if (n->parent) {
    if (n->prev)
      n->prev->next = n->next;
    else
      n->parent->first = n->next;
    if (n->next)
      n->next->prev = n->prev;
    else
      n->parent->last = n->prev;
    n->parent = NULL;
  }
  /* Iterative over siblings, recursive over depth (bounded by the reader). */
  ar_node *c = n->first;
  while (c) {
    ar_node *next = c->next;
    c->parent = NULL;
    ar_node_free(c);
    c = next;
  }
  free_fields(n);
  free(n);
}

static int is_inline_type(ar_node_type t) {
  return t >= AR_NODE_FIRST_INLINE && t <= AR_NODE_LAST_INLINE;
}
/* Blocks that may stand among the blocks of a document, section, item... */
static int is_flow_block(ar_node_type t) {
  return t == AR_NODE_SECTION || t == AR_NODE_PARAGRAPH || t == AR_NODE_LIST ||
         t == AR_NODE_TABLE || t == AR_NODE_FIGURES || t == AR_NODE_CHART ||
         t == AR_NODE_NOTE || t == AR_NODE_QUOTE;
}

int ar_node_can_contain(ar_node_type parent, ar_node_type child) {
  switch (parent) {
  case AR_NODE_DOCUMENT:
  case AR_NODE_SECTION:
    return is_flow_block(child);
  case AR_NODE_ITEM:
  case AR_NODE_NOTE:
  case AR_NODE_QUOTE:
    return is_flow_block(child) && child != AR_NODE_SECTION;
  case AR_NODE_LIST:
    return child == AR_NODE_ITEM;
  case AR_NODE_TABLE:
    return child == AR_NODE_ROW;
  case AR_NODE_ROW:
    return child == AR_NODE_CELL;
  case AR_NODE_FIGURES:
    return child == AR_NODE_FIGURE;
  case AR_NODE_PARAGRAPH:
  case AR_NODE_CELL:
  case AR_NODE_EMPH:
  case AR_NODE_STRONG:
    return is_inline_type(child);
  case AR_NODE_LINK:
    return is_inline_type(child) && child != AR_NODE_LINK;
  default:
    return 0;
  }
}

int ar_node_append(ar_node *parent, ar_node *child) {
  if (!parent || !child || child->parent || child == parent ||
      child->type == AR_NODE_DOCUMENT || !ar_node_can_contain(parent->type, child->type))
    return 0;
  child->parent = parent;
  child->prev = parent->last;
  child->next = NULL;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
  return 1;
}

/* Makes room in the array *v of n elements of size bytes for one more:
 * its room doubles when n is 0 or a power of two, so that n additions
 * cost n. Returns 1, or 0 when out of memory. */
static int room_for_one(void *v, size_t n, size_t size) {
  if (n & (n - 1))
    return 1;
  void *grown = realloc(*(void **)v, (n ? 2 * n : 1) * size);
  if (!grown)
    return 0;
  *(void **)v = grown;
  return 1;
}

/* Replaces *slot with a copy of value (NULL clears it). */
static int set_string(char **slot, const char *value) {
  char *copy = NULL;
  if (value && !(copy = strdup(value)))
    return 0;
  free(*slot);
  *slot = copy;
  return 1;
}

int ar_document_set(ar_node *doc, const char *field, const char *value) {
  if (!IS(doc, AR_NODE_DOCUMENT) || !field)
    return 0;
  struct {
    const char *name;
    char **slot;
  } fields[] = {
      {"title", &doc->as.doc.title},         {"subtitle", &doc->as.doc.subtitle},
      {"date", &doc->as.doc.date},           {"language", &doc->as.doc.language},
      {"author", &doc->as.doc.author},       {"publisher", &doc->as.doc.publisher},
      {"marking", &doc->as.doc.marking},     {"kind", &doc->as.doc.kind},
      {"subject", &doc->as.doc.subject},
  };
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (strcmp(fields[i].name, field) == 0)
      return set_string(fields[i].slot, value);
  return 0;
}

/* The index of the reference with this id, or (size_t)-1. */
static size_t find_reference(const ar_node *doc, const char *id) {
  reference_key probe = {id, 0};
  reference_key *const *found = tfind(&probe, &doc->as.doc.ref_tree, by_id);
  return found ? (*found)->index : (size_t)-1;
}

int ar_document_add_reference(ar_node *doc, const char *id, const char *text,
                              const char *url) {
  if (!IS(doc, AR_NODE_DOCUMENT) || !id || !*id || !text || find_reference(doc, id) != (size_t)-1)
    return 0;
  size_t n = doc->as.doc.nrefs;
  if (!room_for_one(&doc->as.doc.refs, n, sizeof *doc->as.doc.refs))
    return 0;
  reference r = {strdup(id), strdup(text), url ? strdup(url) : NULL};
  reference_key *key = malloc(sizeof *key);
  if (key)
    *key = (reference_key){r.id, n};
  if (!r.id || !r.text || (url && !r.url) || !key || !tsearch(key, &doc->as.doc.ref_tree, by_id)) {
    free(r.id);
    free(r.text);
    free(r.url);
    free(key);
    return 0;
  }
  doc->as.doc.refs[doc->as.doc.nrefs++] = r;
  return 1;
}

int ar_document_set_word(ar_node *doc, ar_word key, const char *value) {
  if (!IS(doc, AR_NODE_DOCUMENT) || !known_word(key) ||
      (value && !ar_document_word_check(key, value, NULL, 0)))
    return 0;
  return set_string(&doc->as.doc.words[key], value);
}

int ar_section_set(ar_node *s, int level, const char *id, const char *title) {
  if (!IS(s, AR_NODE_SECTION) || level < 1 || level > 6 || !title)
    return 0;
  if (!set_string(&s->as.section.id, id) || !set_string(&s->as.section.title, title))
    return 0;
  s->as.section.level = level;
  return 1;
}

int ar_list_set(ar_node *l, int numbered, int start) {
  if (!IS(l, AR_NODE_LIST) || start < 0)
    return 0;
  l->as.list.numbered = numbered != 0;
  l->as.list.start = start;
  return 1;
}

int ar_table_set_caption(ar_node *t, const char *caption) {
  return IS(t, AR_NODE_TABLE) && set_string(&t->as.table.caption, caption);
}

int ar_table_add_column(ar_node *t, ar_align align, int numeric) {
  if (!IS(t, AR_NODE_TABLE) || align > AR_ALIGN_RIGHT)
    return 0;
  size_t n = t->as.table.ncolumns;
  if (!room_for_one(&t->as.table.align, n, sizeof *t->as.table.align) ||
      !room_for_one(&t->as.table.numeric, n, sizeof *t->as.table.numeric))
    return 0;
  t->as.table.align[n] = align;
  t->as.table.numeric[n] = numeric != 0;
  t->as.table.ncolumns = n + 1;
  return 1;
}

int ar_row_set_header(ar_node *r, int header) {
  if (!IS(r, AR_NODE_ROW))
    return 0;
  r->as.row.header = header != 0;
  return 1;
}

int ar_figure_set(ar_node *f, const char *label, const char *value, const char *change) {
  return IS(f, AR_NODE_FIGURE) && label && value && set_string(&f->as.figure.label, label) &&
         set_string(&f->as.figure.value, value) && set_string(&f->as.figure.change, change);
}

int ar_chart_set(ar_node *c, ar_chart_kind kind, const char *title, const char *unit) {
  if (!IS(c, AR_NODE_CHART) || kind > AR_CHART_LINE || !title)
    return 0;
  c->as.chart.kind = kind;
  return set_string(&c->as.chart.title, title) && set_string(&c->as.chart.unit, unit);
}

int ar_chart_add_category(ar_node *c, const char *name) {
  if (!IS(c, AR_NODE_CHART) || !name || c->as.chart.nseries > 0)
    return 0;
  if (!room_for_one(&c->as.chart.categories, c->as.chart.ncategories,
                    sizeof *c->as.chart.categories) ||
      !(c->as.chart.categories[c->as.chart.ncategories] = strdup(name)))
    return 0;
  c->as.chart.ncategories++;
  return 1;
}

int ar_chart_add_series(ar_node *c, const char *name) {
  if (!IS(c, AR_NODE_CHART) || !name)
    return -1;
  if (!room_for_one(&c->as.chart.series, c->as.chart.nseries, sizeof *c->as.chart.series))
    return -1;
  series *grown = c->as.chart.series;
  size_t n = c->as.chart.ncategories;
  series s = {strdup(name), malloc((n ? n : 1) * sizeof(double))};
  if (!s.name || !s.values) {
    free(s.name);
    free(s.values);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    s.values[i] = NAN;
  grown[c->as.chart.nseries] = s;
  return (int)c->as.chart.nseries++;
}

int ar_chart_set_value(ar_node *c, size_t s, size_t i, double value) {
  if (!IS(c, AR_NODE_CHART) || s >= c->as.chart.nseries || i >= c->as.chart.ncategories ||
      !isfinite(value))
    return 0;
  c->as.chart.series[s].values[i] = value;
  return 1;
}

int ar_note_set_title(ar_node *n, const char *title) {
  return IS(n, AR_NODE_NOTE) && set_string(&n->as.note.title, title);
}
int ar_quote_set_attribution(ar_node *q, const char *a) {
  return IS(q, AR_NODE_QUOTE) && set_string(&q->as.quote.attribution, a);
}
int ar_text_set_literal(ar_node *t, const char *literal) {
  return IS(t, AR_NODE_TEXT) && literal && set_string(&t->as.text.literal, literal);
}
int ar_link_set_url(ar_node *l, const char *url) {
  return IS(l, AR_NODE_LINK) && url && set_string(&l->as.link.url, url);
}
int ar_cite_set_reference_id(ar_node *c, const char *id) {
  return IS(c, AR_NODE_CITE) && id && *id && set_string(&c->as.cite.ref, id);
}

/* ---- finishing -------------------------------------------------------------- */

static int number_sections(ar_node *parent, const char *prefix, int level) {
  int n = 0;
  for (ar_node *c = parent->first; c; c = c->next) {
    if (c->type != AR_NODE_SECTION)
      continue;
    char number[64];
    snprintf(number, sizeof number, "%s%s%d", prefix, *prefix ? "." : "", ++n);
    if (!set_string(&c->as.section.number, number))
      return 0;
    c->as.section.level = level;
    if (level < 6 && !number_sections(c, number, level + 1))
      return 0;
  }
  return 1;
}

int ar_document_finish(ar_node *doc, const ar_node **bad) {
  if (bad)
    *bad = NULL;
  if (!IS(doc, AR_NODE_DOCUMENT))
    return 0;
  if (!number_sections(doc, "", 1))
    return 0;
  size_t nrefs = doc->as.doc.nrefs;
  size_t *number_of = calloc(nrefs + 1, sizeof *number_of); /* ref -> number */
  size_t *cited = calloc(nrefs + 1, sizeof *cited);
  if (!number_of || !cited) {
    free(number_of);
    free(cited);
    return 0;
  }
  size_t ncited = 0;
  int ok = 1;
  ar_iter *it = ar_iter_new(doc);
  if (!it)
    ok = 0;
  for (ar_event ev; ok && (ev = ar_iter_next(it)) != AR_EVENT_DONE;) {
    ar_node *n = (ar_node *)ar_iter_node(it);
    if (ev != AR_EVENT_ENTER || n->type != AR_NODE_CITE)
      continue;
    size_t r = n->as.cite.ref ? find_reference(doc, n->as.cite.ref) : (size_t)-1;
    if (r == (size_t)-1) {
      if (bad)
        *bad = n;
      ok = 0;
      break;
    }
    if (!number_of[r]) {
      cited[ncited] = r;
      number_of[r] = ++ncited;
    }
    n->as.cite.number = number_of[r];
  }
  ar_iter_free(it);
  free(number_of);
  if (!ok) {
    free(cited);
    return 0;
  }
  free(doc->as.doc.cited);
  doc->as.doc.cited = cited;
  doc->as.doc.ncited = ncited;
  return 1;
}
