#include "config.h"

#include "brief-read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/layout.h"

typedef struct {
  const char *name;
  const ar_xml_file *file; /* or NULL: a brief made in memory */
  ar_diag *diag;
  int failed;
} reader;

static int is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void problem(reader *r, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(reader *r, const xmlNode *n, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  long line, col;
  ar_xml_node_position(r->file, n, NULL, &line, &col);
  const char *name = r->file && n ? ar_xml_node_file(r->file, n) : r->name;
  ar_diag_add(r->diag, AR_ERROR, name, line, col, "%s", msg);
  r->failed = 1;
}

static char *attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

static char *text_of(const xmlNode *n) {
  xmlChar *t = xmlNodeGetContent(n);
  if (!t)
    return NULL;
  /* Collapse white space as in a token. */
  char *s = (char *)t, *w = s;
  int space = 1;
  for (char *p = s; *p; p++) {
    int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (ws && space)
      continue;
    *w++ = ws ? ' ' : *p;
    space = ws;
  }
  if (w > s && w[-1] == ' ')
    w--;
  *w = '\0';
  return s;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Appends text with white space runs collapsed to one space. */
static void add_text(reader *r, ar_node *parent, const char *content) {
  size_t len = strlen(content);
  char *buf = malloc(len + 1);
  if (!buf) {
    r->failed = 1;
    return;
  }
  size_t w = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_space(content[i])) {
      if (w == 0 || buf[w - 1] != ' ')
        buf[w++] = ' ';
    } else {
      buf[w++] = content[i];
    }
  }
  buf[w] = '\0';
  if (w > 0) {
    ar_node *t = ar_node_new(AR_NODE_TEXT);
    if (!t || !ar_text_set_literal(t, buf) || !ar_node_append(parent, t)) {
      ar_node_free(t);
      r->failed = 1;
    }
  }
  free(buf);
}

static void read_inlines(reader *r, ar_node *parent, const xmlNode *from);

static void add_inline(reader *r, ar_node *parent, const xmlNode *n) {
  ar_node_type type = is(n, "em") ? AR_NODE_EMPH : is(n, "strong") ? AR_NODE_STRONG
                    : is(n, "link") ? AR_NODE_LINK : is(n, "cite") ? AR_NODE_CITE
                    : is(n, "br") ? AR_NODE_BREAK : AR_NODE_NONE;
  if (type == AR_NODE_NONE) {
    problem(r, n, "<%s> is not an inline element", (const char *)n->name);
    return;
  }
  ar_node *node = ar_node_new(type);
  if (!node) {
    r->failed = 1;
    return;
  }
  if (type == AR_NODE_LINK) {
    char *href = attr(n, "href");
    if (!href || !ar_link_set_url(node, href))
      problem(r, n, "<link> needs an href");
    free(href);
  } else if (type == AR_NODE_CITE) {
    char *ref = attr(n, "ref");
    if (!ref || !ar_cite_set_reference_id(node, ref))
      problem(r, n, "<cite> needs a ref");
    free(ref);
  }
  if (!ar_node_append(parent, node)) {
    ar_node_free(node);
    r->failed = 1;
    return;
  }
  if (!ar_node_type_is_leaf(type))
    read_inlines(r, node, n->children);
}

static void read_inlines(reader *r, ar_node *parent, const xmlNode *from) {
  for (const xmlNode *n = from; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      add_text(r, parent, (const char *)n->content);
    else if (n->type == XML_ELEMENT_NODE)
      add_inline(r, parent, n);
  }
}

/* Drops the space at the start and end of an inline container. */
static void trim_edges(ar_node *container) {
  const ar_node *first = ar_node_first_child(container);
  const ar_node *last = ar_node_last_child(container);
  if (ar_node_get_type(first) == AR_NODE_TEXT) {
    const char *s = ar_text_literal(first);
    if (*s == ' ') {
      char *copy = strdup(s + 1);
      if (copy) {
        if (*copy)
          ar_text_set_literal((ar_node *)first, copy);
        else if (first != last)
          ar_node_free((ar_node *)first), first = NULL;
        else
          ar_text_set_literal((ar_node *)first, copy);
        free(copy);
      }
    }
  }
  last = ar_node_last_child(container);
  if (ar_node_get_type(last) == AR_NODE_TEXT) {
    const char *s = ar_text_literal(last);
    size_t len = strlen(s);
    if (len && s[len - 1] == ' ') {
      char *copy = strndup(s, len - 1);
      if (copy) {
        if (*copy || last == ar_node_first_child(container))
          ar_text_set_literal((ar_node *)last, copy);
        else
          ar_node_free((ar_node *)last);
        free(copy);
      }
    }
  }
}

static ar_node *inline_container(reader *r, ar_node_type type, const xmlNode *n) {
  ar_node *node = ar_node_new(type);
  if (!node) {
    r->failed = 1;
    return NULL;
  }
  read_inlines(r, node, n->children);
  trim_edges(node);
  return node;
}

/* depth: of sections; nesting: of the lists, notes and quotes around. */
static void read_blocks(reader *r, ar_node *parent, const xmlNode *from, int depth,
                        int nesting);

static int has_block_child(const xmlNode *n) {
  static const char *const blocks[] = {"section", "p", "list", "table", "figures",
                                       "chart", "note", "quote"};
  for (const xmlNode *c = n->children; c; c = c->next)
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
      if (is(c, blocks[i]))
        return 1;
  return 0;
}

/* Items, notes and quotes: blocks, or inlines read as one paragraph. */
static void read_flow(reader *r, ar_node *node, const xmlNode *n, int depth, int nesting) {
  if (has_block_child(n)) {
    read_blocks(r, node, n->children, depth, nesting);
    return;
  }
  ar_node *p = inline_container(r, AR_NODE_PARAGRAPH, n);
  if (p && !ar_node_append(node, p)) {
    ar_node_free(p);
    r->failed = 1;
  }
}

static ar_node *read_table(reader *r, const xmlNode *n) {
  ar_node *t = ar_node_new(AR_NODE_TABLE);
  if (!t)
    return NULL;
  char *caption = attr(n, "caption");
  if (caption)
    ar_table_set_caption(t, caption);
  free(caption);
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (is(c, "columns")) {
      for (const xmlNode *col = c->children; col; col = col->next) {
        if (!is(col, "column"))
          continue;
        char *align = attr(col, "align"), *numeric = attr(col, "numeric");
        ar_align a = align && strcmp(align, "right") == 0    ? AR_ALIGN_RIGHT
                     : align && strcmp(align, "center") == 0 ? AR_ALIGN_CENTER
                                                             : AR_ALIGN_LEFT;
        int num = numeric && strcmp(numeric, "yes") == 0;
        if (num && !align)
          a = AR_ALIGN_RIGHT;
        ar_table_add_column(t, a, num);
        free(align);
        free(numeric);
      }
    } else if (is(c, "head") || is(c, "body")) {
      for (const xmlNode *row = c->children; row; row = row->next) {
        if (!is(row, "row"))
          continue;
        ar_node *rn = ar_node_new(AR_NODE_ROW);
        if (!rn || !ar_node_append(t, rn)) {
          ar_node_free(rn);
          r->failed = 1;
          continue;
        }
        ar_row_set_header(rn, is(c, "head"));
        size_t cells = 0;
        for (const xmlNode *cell = row->children; cell; cell = cell->next) {
          if (!is(cell, "cell"))
            continue;
          ar_node *cn = inline_container(r, AR_NODE_CELL, cell);
          if (cn && !ar_node_append(rn, cn))
            ar_node_free(cn);
          cells++;
        }
        if (cells != ar_table_column_count(t)) {
          problem(r, row, "a table row must have as many cells as the table has <column>s (%zu)",
                  ar_table_column_count(t));
        }
      }
    }
  }
  return t;
}

static ar_node *read_chart(reader *r, const xmlNode *n) {
  ar_node *c = ar_node_new(AR_NODE_CHART);
  if (!c)
    return NULL;
  char *kind = attr(n, "kind"), *title = attr(n, "title"), *unit = attr(n, "unit");
  ar_chart_set(c, kind && strcmp(kind, "line") == 0 ? AR_CHART_LINE : AR_CHART_BAR,
               title ? title : "", unit);
  free(kind);
  free(title);
  free(unit);
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (is(k, "category")) {
      char *name = text_of(k);
      ar_chart_add_category(c, name ? name : "");
      free(name);
    } else if (is(k, "series")) {
      char *name = attr(k, "name");
      int s = ar_chart_add_series(c, name ? name : "");
      free(name);
      size_t i = 0;
      for (const xmlNode *v = k->children; v && s >= 0; v = v->next) {
        if (!is(v, "value"))
          continue;
        char *text = text_of(v);
        if (text && *text) {
          char *end;
          double d = strtod(text, &end);
          if (*end || !ar_chart_set_value(c, (size_t)s, i, d))
            problem(r, v, "chart value '%s' is not a finite number", text);
        }
        free(text);
        i++;
      }
      if (s >= 0 && i != ar_chart_category_count(c)) {
        problem(r, k, "a chart series must have one <value> per <category> (%zu)",
                ar_chart_category_count(c));
      }
    }
  }
  return c;
}

static void read_blocks(reader *r, ar_node *parent, const xmlNode *from, int depth,
                        int nesting) {
  for (const xmlNode *n = from; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    ar_node *b = NULL;
    if ((is(n, "list") || is(n, "note") || is(n, "quote")) && nesting >= AR_BRIEF_MAX_NESTING) {
      problem(r, n, "<%s> is nested %d deep; lists, notes and quotes nest at most %d deep",
              (const char *)n->name, nesting + 1, AR_BRIEF_MAX_NESTING);
      continue;
    }
    if (is(n, "section")) {
      if (depth >= 6) {
        problem(r, n, "sections are nested more than 6 deep");
        continue;
      }
      b = ar_node_new(AR_NODE_SECTION);
      char *id = attr(n, "id"), *title = NULL;
      for (const xmlNode *c = n->children; c && !title; c = c->next)
        if (is(c, "title"))
          title = text_of(c);
      if (b)
        ar_section_set(b, depth + 1, id, title ? title : "");
      free(id);
      free(title);
      if (b)
        read_blocks(r, b, n->children, depth + 1, nesting);
    } else if (is(n, "title")) {
      continue; /* a section's title, read above */
    } else if (is(n, "p")) {
      b = inline_container(r, AR_NODE_PARAGRAPH, n);
    } else if (is(n, "list")) {
      b = ar_node_new(AR_NODE_LIST);
      char *numbered = attr(n, "numbered"), *start = attr(n, "start");
      if (b)
        ar_list_set(b, numbered && strcmp(numbered, "yes") == 0, start ? atoi(start) : 1);
      free(numbered);
      free(start);
      for (const xmlNode *item = n->children; b && item; item = item->next) {
        if (!is(item, "item"))
          continue;
        ar_node *in = ar_node_new(AR_NODE_ITEM);
        if (in && ar_node_append(b, in))
          read_flow(r, in, item, depth, nesting + 1);
        else
          ar_node_free(in);
      }
    } else if (is(n, "table")) {
      b = read_table(r, n);
    } else if (is(n, "figures")) {
      b = ar_node_new(AR_NODE_FIGURES);
      for (const xmlNode *f = n->children; b && f; f = f->next) {
        if (!is(f, "figure"))
          continue;
        ar_node *fn = ar_node_new(AR_NODE_FIGURE);
        char *label = attr(f, "label"), *value = attr(f, "value"), *change = attr(f, "change");
        if (fn && ar_figure_set(fn, label ? label : "", value ? value : "", change) &&
            ar_node_append(b, fn))
          fn = NULL;
        ar_node_free(fn);
        free(label);
        free(value);
        free(change);
      }
    } else if (is(n, "chart")) {
      b = read_chart(r, n);
    } else if (is(n, "note") || is(n, "quote")) {
      int note = is(n, "note");
      b = ar_node_new(note ? AR_NODE_NOTE : AR_NODE_QUOTE);
      char *a = attr(n, note ? "title" : "attribution");
      if (b && note)
        ar_note_set_title(b, a);
      else if (b)
        ar_quote_set_attribution(b, a);
      free(a);
      if (b)
        read_flow(r, b, n, depth, nesting + 1);
    } else {
      problem(r, n, "<%s> is not a block element", (const char *)n->name);
      continue;
    }
    if (!b) {
      r->failed = 1;
    } else if (!ar_node_append(parent, b)) {
      problem(r, n, "<%s> is not allowed here", (const char *)n->name);
      ar_node_free(b);
    }
  }
}

/* The brief's own wording: one element per word, named by its key, each
 * at most once and with the placeholders of its key. */
static void read_wording(reader *r, ar_node *doc, const xmlNode *wording) {
  for (const xmlNode *w = wording->children; w; w = w->next) {
    if (w->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)w->name;
    char *value = text_of(w), why[256];
    ar_word key;
    if (!ar_document_word_key(name, &key))
      problem(r, w, "<%s> is not a word briefs have", name);
    else if (ar_document_word_given(doc, key))
      problem(r, w, "<%s> is given twice", name);
    else if (!ar_document_word_check(key, value, why, sizeof why))
      problem(r, w, "<%s>%s</%s> %s", name, value ? value : "", name, why);
    else if (!ar_document_set_word(doc, key, value))
      r->failed = 1;
    free(value);
  }
}

/* The date, when the brief gives one, is a real calendar day. */
static void check_date(reader *r, const ar_node *doc, const xmlNode *root) {
  const char *date = ar_document_date(doc);
  if (!date || ar_layout_is_date(date))
    return;
  const xmlNode *n = root->children;
  while (n && !is(n, "date"))
    n = n->next;
  problem(r, n ? n : root, "<date>%s</date> is not a calendar day written YYYY-MM-DD", date);
}

static ar_node *read_brief(reader *r, xmlDocPtr xml) {
  const xmlNode *root = xmlDocGetRootElement(xml);
  if (!is(root, "brief")) {
    problem(r, root, "the root element is <%s>, not <brief>",
            root ? (const char *)root->name : "nothing");
    return NULL;
  }
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  if (!doc)
    return NULL;
  char *lang = attr(root, "lang");
  ar_document_set(doc, "language", lang ? lang : "en");
  free(lang);
  static const char *const fields[] = {"title", "subtitle", "date", "author", "publisher", "marking"};
  for (const xmlNode *n = root->children; n; n = n->next) {
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
      if (is(n, fields[i])) {
        char *v = text_of(n);
        ar_document_set(doc, fields[i], v);
        free(v);
      }
    if (is(n, "wording"))
      read_wording(r, doc, n);
    if (is(n, "references"))
      for (const xmlNode *ref = n->children; ref; ref = ref->next) {
        if (!is(ref, "reference"))
          continue;
        char *id = attr(ref, "id"), *url = attr(ref, "url"), *text = text_of(ref);
        if (!ar_document_add_reference(doc, id ? id : "", text ? text : "", url))
          problem(r, ref, "reference id \"%s\" is used twice", id ? id : "");
        free(id);
        free(url);
        free(text);
      }
  }
  static const char *const head[] = {"title", "subtitle", "date", "author", "publisher",
                                     "marking", "wording", "references"};
  for (const xmlNode *n = root->children; n; n = n->next) {
    int in_head = 0;
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
      in_head |= is(n, head[i]);
    if (!in_head && n->type == XML_ELEMENT_NODE) {
      read_blocks(r, doc, n, 0, 0);
      /* read_blocks walks siblings; stop after handing it the first block */
      break;
    }
  }
  check_date(r, doc, root);
  const ar_node *bad = NULL;
  if (!r->failed && !ar_document_finish(doc, &bad)) {
    problem(r, NULL, "a citation names the reference \"%s\", which the brief does not list",
            bad ? ar_cite_reference_id(bad) : "?");
  }
  if (r->failed) {
    ar_node_free(doc);
    return NULL;
  }
  return doc;
}

ar_node *ar_brief_read(xmlDocPtr xml, const char *name, ar_diag *diag) {
  reader r = {.name = name, .diag = diag};
  return read_brief(&r, xml);
}

ar_node *ar_brief_read_file(const ar_xml_file *file, ar_diag *diag) {
  xmlDocPtr xml = ar_xml_file_doc(file);
  reader r = {.name = ar_xml_node_file(file, xmlDocGetRootElement(xml)), .file = file,
              .diag = diag};
  return read_brief(&r, xml);
}
